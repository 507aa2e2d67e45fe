"""The hostile seed of test_hostile.py through the citation formats: in APA, RIS and CSL-JSON it stays text."""

from __future__ import annotations

import html
import json
import re

import pytest
import rispy

from generator.build import load_library, render_site
from tests.conftest import copy_project
from tests.site.test_hostile import HOSTILE_SEED, TITLE
from tests.test_build import config_for

SLUG = "script-alert-title-script-bold-7-7-raw"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = copy_project(tmp_path_factory.mktemp("hostile-citations"))
    (project / "seeds/hostile.yml").write_text(HOSTILE_SEED, encoding="utf-8")
    config = config_for(project)
    return render_site(load_library(config), config)


def test_apa_block_shows_the_title_as_text(outputs: dict[str, str]) -> None:
    content = json.loads(outputs[f".rendered/papers/{SLUG}.json"])["content"]
    block = re.search(r'<div class="paper-apa">(.*?)</div>\s*</div>', content, re.S)  # our div around Pygments' div
    assert block is not None
    code = block.group(1)
    assert "<script" not in code and "<img" not in code
    text = html.unescape(re.sub(r"<[^>]+>", "", code))
    assert TITLE in text and "src=x onerror=alert(1)>, . <img ., & [x](javascript:alert(2))" in text


def test_markdown_block_cannot_be_closed_by_the_seed(outputs: dict[str, str]) -> None:
    page = outputs[f"papers/{SLUG}.md"]
    section = page.split("## APA", 1)[1]
    assert f"```text\nsrc=x onerror=alert(1)>, . <img ., & [x](javascript:alert(2)). (n.d.). {TITLE}.\n```" in section


def test_ris_and_csl_json_keep_the_text(outputs: dict[str, str]) -> None:
    [record] = rispy.loads(outputs[f"bib/papers/{SLUG}.ris"])
    assert record["title"] == TITLE
    # split as BibTeX reads "<img src=x onerror=alert(1)>": First "<img", von "src=x", Last "onerror=alert(1)>"
    assert record["authors"] == ["src=x onerror=alert(1)>, <img", "[x](javascript:alert(2))"]
    assert "javascript:alert(4)" not in outputs[f"bib/papers/{SLUG}.ris"]  # not an http(s) URL: dropped, as in BibTeX
    [item] = json.loads(outputs[f"bib/papers/{SLUG}.json"])
    assert item["title"] == TITLE and "URL" not in item
    assert item["author"] == [{"family": "onerror=alert(1)>", "given": "<img", "non-dropping-particle": "src=x"},
                              {"family": "[x](javascript:alert(2))"}]
