"""The page comparison of test_site.py must be able to fail: each planted difference is caught."""

from __future__ import annotations

import pytest

from tests.page_text import page_tokens

PAGE = ('<h2 id="abstract">Abstract<a class="headerlink" href="#abstract">&para;</a></h2>\n'
        '<p class="paper-links"><a class="md-button" download="k.bib" href="../../bib/k.bib">Download k&#46;bib</a></p>\n'
        '<div class="highlight"><pre><span></span><code>@misc{k,\n}</code></pre></div>')


@pytest.mark.parametrize("planted", [
    PAGE.replace("Abstract<a", "Abstrakt<a"),                    # a word
    PAGE.replace('href="../../bib/k.bib"', 'href="../bib/k.bib"'),  # a link
    PAGE.replace('id="abstract"', 'id="abstract_1"'),            # an anchor
    PAGE.replace("<h2", "<h3").replace("</h2>", "</h3>"),         # a heading level (and so the toc)
    PAGE.replace(' class="md-button"', ""),                      # a button
    PAGE.replace('<div class="highlight">', "<div>"),           # a copy block
    PAGE.replace("@misc{k,", "@misc{k,\n  title = {x},"),        # the BibTeX itself
    PAGE.replace("{k,\n}", "{k,\n  }"),                          # white space inside a code block
], ids=["word", "link", "anchor", "heading", "button", "code-block", "code", "code-spacing"])
def test_a_planted_difference_is_caught(planted: str) -> None:
    assert page_tokens(planted) != page_tokens(PAGE)


@pytest.mark.parametrize("same", [
    PAGE.replace("</h2>\n", "</h2>\n\n  ").replace("</p>\n", "</p>  \n"),  # white space between blocks
    PAGE.replace('class="md-button" download="k.bib"', 'download="k.bib" class="md-button"'),  # attribute order
    PAGE.replace("k&#46;bib", "k.bib"),                                 # a character reference
], ids=["white-space", "attribute-order", "character-reference"])
def test_what_a_reader_cannot_see_is_not_a_difference(same: str) -> None:
    assert page_tokens(same) == page_tokens(PAGE)
