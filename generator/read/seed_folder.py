"""What in the seeds folder is a seed to read, what is left out on purpose, and what cannot be read.

Every file below `seeds/`, in subfolders too and whatever its extension, is a seed, except:

- the configuration files at its top (sources.yml, topics.yml, annotations.yml, .seedignore),
  which their own modules read;
- hidden files and folders (a name starting with "."): what editors, version control and file
  managers leave behind (.git/, .DS_Store, .notes.txt.swp);
- what the patterns of `seeds/.seedignore` match, in .gitignore syntax (`README.md`, `*.png`,
  `drafts/`), so a user can keep other files there on purpose.

A file the manifest names is read even so: naming it is the user saying so. Nothing is left out
in silence: `check` lists what these rules left out and which rule did, and whatever is neither
read nor left out by a rule (a link to a folder, a pipe) is a problem.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pathspec

from generator.enrich.annotations import ANNOTATIONS_NAME
from generator.enrich.topics import VOCABULARY_NAME
from generator.model import Ignored, Problem, Severity
from generator.read.manifest import MANIFEST_NAME

IGNORE_NAME = ".seedignore"
CONFIG_NAMES = frozenset({MANIFEST_NAME, VOCABULARY_NAME, ANNOTATIONS_NAME, IGNORE_NAME})
HIDDEN = "hidden"  # the rule that leaves out names starting with "."


@dataclass(slots=True)
class SeedFolder:
    """The seeds to read (paths relative to the folder, in reading order) and what was left out."""

    files: list[str] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IgnoreRules:
    """The patterns of .seedignore, each with the line it was written on."""

    spec: pathspec.GitIgnoreSpec
    lines: tuple[int, ...]  # the file's line of each of spec's patterns

    def rule_for(self, relative: str) -> str | None:
        """Where .seedignore leaves this path out (a folder's ends with "/"), or None."""
        result = self.spec.check_file(relative)
        if not result.include or result.index is None:
            return None
        pattern = self.spec.patterns[result.index].pattern
        return f"{IGNORE_NAME}:{self.lines[result.index]} ({pattern})"


def scan_seeds(seeds_dir: Path, described: Collection[str]) -> SeedFolder:
    """Walk the seeds folder in name order; `described` are the files the manifest names."""
    rules, problems = load_ignore_rules(seeds_dir)
    folder = SeedFolder(problems=problems)
    if not seeds_dir.is_dir():
        folder.problems.append(Problem(seeds_dir.name or str(seeds_dir), 1, "the seeds folder does not exist; "
                                       "no paper to read", Severity.WARNING))
        return folder
    _walk(seeds_dir, seeds_dir, rules, set(described), folder)
    return folder


def load_ignore_rules(seeds_dir: Path) -> tuple[IgnoreRules, list[Problem]]:
    """The patterns of `.seedignore`; a line that is no pattern is reported and the others still apply."""
    path = seeds_dir / IGNORE_NAME
    try:
        text = path.read_bytes().decode("utf-8-sig") if path.is_file() else ""
    except (OSError, UnicodeDecodeError) as error:
        return _no_rules(), [Problem(IGNORE_NAME, 1, f"cannot be read ({error}); nothing is ignored but "
                                     "hidden files")]
    patterns: list[pathspec.Pattern] = []
    lines: list[int] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            compiled = pathspec.GitIgnoreSpec.from_lines([line]).patterns  # none for a blank line
        except ValueError as error:
            problems.append(Problem(IGNORE_NAME, number, f"{line!r} is not a pattern ({error}); line ignored",
                                    Severity.WARNING))
            continue
        patterns.extend(compiled)
        lines.extend(number for _ in compiled)
    return IgnoreRules(pathspec.GitIgnoreSpec(patterns), tuple(lines)), problems


def _no_rules() -> IgnoreRules:
    return IgnoreRules(pathspec.GitIgnoreSpec([]), ())


def _walk(folder: Path, seeds_dir: Path, rules: IgnoreRules, described: set[str], found: SeedFolder) -> None:
    """Sort each entry of `folder` (and, depth first, of its subfolders) into `found`."""
    try:
        entries = sorted(folder.iterdir(), key=lambda path: path.name)
    except OSError as error:
        relative = folder.relative_to(seeds_dir).as_posix()
        found.problems.append(Problem(f"{relative}/", 1, f"folder cannot be read ({error.strerror}); "
                                      "its files are skipped"))
        return
    for path in entries:
        relative = path.relative_to(seeds_dir).as_posix()
        if relative in CONFIG_NAMES:
            continue
        if path.is_dir():
            _sort_folder(path, relative, seeds_dir, rules, described, found)
        elif path.is_file():
            _sort_file(relative, rules, described, found)
        else:
            found.problems.append(_not_a_file(path, relative))


def _sort_folder(path: Path, relative: str, seeds_dir: Path, rules: IgnoreRules, described: set[str],
                 found: SeedFolder) -> None:
    """A subfolder is read like the seeds folder itself, unless a rule leaves it out (and all in it)."""
    rule = _rule_for(f"{relative}/", rules)
    if rule is not None and not any(name.startswith(f"{relative}/") for name in described):
        found.ignored.append(Ignored(f"{relative}/", rule))
    elif path.is_symlink():  # not followed: it may loop, and the build cache would not see its files change
        found.problems.append(Problem(relative, 1, "a link to a folder, which is not followed; skipped (move "
                                      f"the folder itself into the seeds folder, or name it in {IGNORE_NAME})",
                                      Severity.WARNING))
    else:
        _walk(path, seeds_dir, rules, described, found)


def _sort_file(relative: str, rules: IgnoreRules, described: set[str], found: SeedFolder) -> None:
    rule = _rule_for(relative, rules)
    if rule is not None and relative not in described:
        found.ignored.append(Ignored(relative, rule))
    else:
        found.files.append(relative)


def _rule_for(relative: str, rules: IgnoreRules) -> str | None:
    """The rule that leaves a path out, hidden names (of it or a folder it is in) first; None if it is read."""
    if any(part.startswith(".") for part in PurePosixPath(relative).parts):
        return HIDDEN
    return rules.rule_for(relative)


def _not_a_file(path: Path, relative: str) -> Problem:
    """Neither a file nor a folder: a link to nothing, a pipe, a socket or a device."""
    if path.is_symlink():
        return Problem(relative, 1, "a link to something that is not there; skipped", Severity.WARNING)
    return Problem(relative, 1, "not a regular file (a pipe, socket or device); skipped", Severity.WARNING)
