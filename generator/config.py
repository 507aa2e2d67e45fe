"""Build settings: where the seeds, templates and pages are, and what to compute.

The MkDocs plugin reads them from `mkdocs.yml`; the CLI reads the same file, so both agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BuildConfig:
    seeds_dir: Path
    docs_dir: Path
    templates_dir: Path
    site_name: str = "Reading list"
    site_description: str = ""
    related_count: int = 5
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls: the links the HTML pages hold
    strict: bool = False
