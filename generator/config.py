"""Build settings: where the seeds, templates and pages are, and what to compute.

The MkDocs plugin reads them from `mkdocs.yml`; the CLI reads the same file, so both agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.config_options import Type, ValidationError

from generator.enrich.related import MEANING_WEIGHT


@dataclass(frozen=True, slots=True)
class BuildConfig:
    seeds_dir: Path
    docs_dir: Path
    templates_dir: Path
    site_name: str = "Reading list"
    site_description: str = ""
    related_count: int = 5
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls: the links the HTML pages hold
    related_meaning: float = MEANING_WEIGHT  # share of related papers' similarity from meaning; the rest is TF-IDF
    site_url: str | None = None  # mkdocs.yml's site_url: the feed's absolute links (feed.py)
    strict: bool = False


class Share(Type[float]):
    """A number from 0 to 1 in `mkdocs.yml` (an int such as 0 or 1 included), read as a float."""

    def __init__(self, default: float) -> None:
        super().__init__((int, float), default=default)

    def run_validation(self, value: object) -> float:
        number = super().run_validation(value)
        if isinstance(number, bool) or not 0.0 <= number <= 1.0:
            raise ValidationError(f"expected a number from 0 to 1, got {value!r}")
        return float(number)
