"""Command line: `python -m generator build|check [--strict] [--config mkdocs.yml]`.

`build` writes the pages into `docs/`; `check` only reads the seeds and reports problems.
Both read their settings from the reading-list plugin entry of `mkdocs.yml`.
`python -m generator annotate KEY --status read ...` edits `seeds/annotations.yml` (annotate_command.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config

from generator import annotate_command
from generator.build import build, load_library
from generator.config import BuildConfig
from generator.enrich.curation import missing_metadata, summary_lines
from generator.library import Library
from generator.problem_lines import report_lines
from generator.progress import Progress


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["annotate"]:
        return annotate_command.main(argv[1:], config_from_mkdocs)
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.split("\n")[0],
                                     epilog="python -m generator annotate --help: edit seeds/annotations.yml")
    parser.add_argument("command", choices=["build", "check"])
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 on any problem")
    args = parser.parse_args(argv)
    config = config_from_mkdocs(Path(args.config))
    if args.command == "build":
        report = build(config, Progress.for_terminal())
        library = report.library
        written = report.written
        print(f"{len(library.papers)} papers: {len(written.written)} files written, {written.unchanged} unchanged, "
              f"{len(written.removed)} removed", file=sys.stderr)
    else:
        library = load_library(config, Progress.for_terminal())
        print(f"{len(library.papers)} papers read from {config.seeds_dir}", file=sys.stderr)
        report_ignored(library)
        report_missing_metadata(library)
    return report_problems(library, args.strict)


def report_ignored(library: Library) -> None:
    """What the hidden-file rule and .seedignore left out of seeds/: on purpose, so never a problem."""
    print(f"Ignored in the seeds folder ({len(library.ignored)}, by rule; not problems, never fatal):",
          file=sys.stderr)
    for ignored in library.ignored:
        print(f"  {ignored}", file=sys.stderr)


def report_missing_metadata(library: Library) -> None:
    """Not problems, but what a curator would want to complete; never fails --strict."""
    entries = missing_metadata(library.papers)
    print(f"Missing metadata ({len(entries)} papers; not problems, never fatal):", file=sys.stderr)
    for line in summary_lines(entries):
        print(f"  {line}", file=sys.stderr)


def config_from_mkdocs(path: Path) -> BuildConfig:
    """The plugin's settings, as MkDocs itself would load them."""
    mkdocs_config = load_config(config_file=str(path))
    plugin = mkdocs_config.plugins["reading-list"]
    return plugin.build_config(mkdocs_config)  # type: ignore[attr-defined]


def report_problems(library: Library, strict: bool) -> int:
    """Every problem (one line per cause, see problem_lines.py), their count, and the exit status."""
    for line in report_lines(library.problems):
        print(line, file=sys.stderr)
    count = len(library.problems)
    print(f"{count} problem{'s' if count != 1 else ''} ({len(library.errors)} errors)", file=sys.stderr)
    return 1 if strict and count else 0


if __name__ == "__main__":
    sys.exit(main())
