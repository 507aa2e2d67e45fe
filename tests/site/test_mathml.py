"""Math in seed text becomes sanitised MathML; everything around it stays literal text."""

from __future__ import annotations

import pytest

from generator.site.mathml import latex_to_mathml, text_with_math


def test_inline_math_becomes_mathml_and_the_rest_is_escaped() -> None:
    rendered = str(text_with_math("A loss (*not bold*) $\\mathcal{L} = x^2$ here"))
    assert rendered.startswith("A loss &#40;&#42;not bold&#42;&#41; <math ")
    assert "<mi>ℒ</mi><mo>=</mo><msup><mi>x</mi><mn>2</mn></msup>" in rendered
    assert rendered.endswith("</math> here")


@pytest.mark.parametrize("text", ["costs $5 and $10", "a $ b", "$ spaced $", "price: 3$"])
def test_dollars_that_are_not_math_stay_text(text: str) -> None:
    assert "<math" not in str(text_with_math(text))
    assert "&#36;" in str(text_with_math(text))


def test_links_and_foreign_elements_are_removed_from_mathml() -> None:
    mathml = latex_to_mathml("\\href{javascript:alert(1)}{x}")
    assert mathml is not None
    assert "href" not in mathml and "javascript" not in mathml
    assert "<mi>x</mi>" in mathml


def test_html_inside_math_is_text_not_markup() -> None:
    mathml = latex_to_mathml("<script>alert(1)</script>")
    assert mathml is not None and "<script" not in mathml


def test_unconvertible_latex_stays_as_text() -> None:
    rendered = str(text_with_math("broken $\\frac{1}$ formula"))
    assert "<math" not in rendered or "mfrac" in rendered  # converted sensibly, or left as text
    assert rendered.startswith("broken ")
