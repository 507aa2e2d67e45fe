# Two entry points, both safe on a fresh machine: `make site` and `make test`.
VENV    ?= .venv
PYTHON  := $(VENV)/bin/python
CHROMIUM := /usr/bin/chromium
APT     := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test pages check clean tex golden

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	touch $@

site: $(VENV)/.installed          ## generate the pages from seeds/ and build site/
	$(VENV)/bin/mkdocs build --strict

serve: $(VENV)/.installed         ## serve on http://127.0.0.1:8000, rebuilding when seeds change
	$(VENV)/bin/mkdocs serve --dirty

pages: $(VENV)/.installed         ## only write the Markdown pages into docs/
	$(PYTHON) -m generator build --strict

check: $(VENV)/.installed         ## report problems in the seeds
	$(PYTHON) -m generator check --strict

test: $(VENV)/.installed $(CHROMIUM) tex   ## the whole test suite
	$(PYTHON) -m pytest

# Browser tests drive Debian's Chromium (Playwright never downloads a browser of its own).
$(CHROMIUM):
	$(APT) update -qq
	DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium

# The BibTeX compile test runs TeX Live's bibtex and pdflatex (Debian's texlive-latex-base).
tex:                              ## bibtex and pdflatex, installed unless already on PATH
	@command -v bibtex >/dev/null && command -v pdflatex >/dev/null || { $(APT) update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq --no-install-recommends texlive-latex-base; }

golden: $(VENV)/.installed        ## regenerate the golden files in tests/golden/ (then review the diff)
	UPDATE_GOLDEN=1 $(PYTHON) -m pytest tests -k golden -q

clean:
	rm -rf site docs/papers docs/collections docs/bib docs/reading docs/tags docs/years docs/authors docs/index.md docs/catalog.json docs/filters.json docs/feed.xml docs/.rendered
