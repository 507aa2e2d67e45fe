"""Writing docs/: only changed files are written, stale ones removed, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.output import write_if_changed, write_outputs


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    first = write_outputs(tmp_path, {"papers/a.md": "A", "index.md": "home"}, ("papers",))
    assert first.written == ["index.md", "papers/a.md"]
    stamp = (tmp_path / "papers/a.md").stat().st_mtime_ns
    second = write_outputs(tmp_path, {"papers/a.md": "A", "index.md": "home"}, ("papers",))
    assert (second.written, second.unchanged, second.removed) == ([], 2, [])
    assert (tmp_path / "papers/a.md").stat().st_mtime_ns == stamp


def test_stale_files_in_owned_folders_are_removed_and_others_kept(tmp_path: Path) -> None:
    write_outputs(tmp_path, {"papers/a.md": "A", "papers/b.md": "B"}, ("papers",))
    (tmp_path / "about.md").write_text("mine", encoding="utf-8")
    report = write_outputs(tmp_path, {"papers/a.md": "A"}, ("papers",))
    assert report.removed == ["papers/b.md"]
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "mine"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "page.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("generator.site.output.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_if_changed(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["page.md"]
