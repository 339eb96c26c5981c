"""Saving a scenario: a failure at any point leaves the old file whole and the work on screen.

Saves go through File > Save scenario (the dialog answered by the test). A save that
fails part-way (disk full, fsync error, permission) must show one message, keep the
previous file byte for byte, leave no temporary file behind and change nothing on
screen; a process killed mid-save (a real crash, in a child process) must leave the
old file too. ``tests/core/test_scenario.py`` covers ``save_scenario`` itself.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtWidgets import QFileDialog

from rhizoviz.core import scenario as scenario_mod
from rhizoviz.core.scenario import load_scenario, presets

OLD = b'{"name": "Yesterday\'s lecture", "cuts": [{"level": "C6", "side": "left"}]}\n'


@pytest.fixture
def worked(window: Any) -> Any:
    window.apply_scenario(presets()[2])
    window.session.toggle("T6", "right", 0.5)
    return window


def _save_through_menu(window: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.command("save_scenario_dialog").trigger()


def _screen(window: Any) -> tuple[Any, ...]:
    return (window.session.state, window.session.can_undo, window.loaded_from,
            window.windowTitle())


def _leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def _fail_after_writing(monkeypatch: pytest.MonkeyPatch, where: str, err: int) -> None:
    """Make the save fail at ``where``, after some bytes may already be written."""
    if where == "fsync":
        def fsync(_fd: int) -> None:
            raise OSError(err, os.strerror(err))

        monkeypatch.setattr(scenario_mod.os, "fsync", fsync)
    elif where == "replace":
        def replace(_src: object, _dst: object) -> None:
            raise OSError(err, os.strerror(err))

        monkeypatch.setattr(scenario_mod.os, "replace", replace)
    elif where == "mkstemp":
        def mkstemp(*_a: object, **_k: object) -> tuple[int, str]:
            raise OSError(err, os.strerror(err))

        monkeypatch.setattr(scenario_mod.tempfile, "mkstemp", mkstemp)
    elif where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, text: str) -> int:
                self.fh.write(text[: len(text) // 2])
                self.fh.flush()
                raise OSError(err, os.strerror(err))

            def __getattr__(self, name: str) -> Any:
                return getattr(self.fh, name)

        monkeypatch.setattr(scenario_mod.os, "fdopen",
                            lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))


@pytest.mark.parametrize(
    ("where", "err"),
    [("write", errno.ENOSPC), ("fsync", errno.EIO), ("replace", errno.EXDEV),
     ("mkstemp", errno.EACCES), ("mkstemp", errno.EROFS)],
)
def test_failed_save_keeps_old_file_and_screen(
    worked: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    where: str, err: int,
) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    target = folder / "lecture.json"
    target.write_bytes(OLD)
    before = _screen(worked)
    _fail_after_writing(monkeypatch, where, err)
    _save_through_menu(worked, target, monkeypatch)
    assert len(warnings_shown) == 1, warnings_shown
    text = warnings_shown[0][1]
    assert "lecture.json" in text and "\n" not in text and os.strerror(err) in text
    assert target.read_bytes() == OLD
    assert _leftovers(folder, "lecture.json") == []
    assert _screen(worked) == before


@pytest.mark.parametrize("where", ["missing folder", "a folder", "inside a file"])
def test_save_to_an_impossible_place(
    worked: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    target = {
        "missing folder": tmp_path / "no such folder" / "x.json",
        "a folder": tmp_path,
        "inside a file": tmp_path / "file.txt" / "x.json",
    }[where]
    (tmp_path / "file.txt").write_text("not a folder")
    before = _screen(worked)
    _save_through_menu(worked, target, monkeypatch)
    assert len(warnings_shown) == 1 and "\n" not in warnings_shown[0][1]
    assert _screen(worked) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_save_into_a_read_only_folder(
    worked: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "lecture.json").write_bytes(OLD)
    folder.chmod(0o555)
    try:
        before = _screen(worked)
        _save_through_menu(worked, folder / "lecture.json", monkeypatch)
        assert len(warnings_shown) == 1
        assert (folder / "lecture.json").read_bytes() == OLD
        assert _screen(worked) == before
    finally:
        folder.chmod(0o755)


def test_a_good_save_after_a_failed_one(
    worked: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        _fail_after_writing(m, "fsync", errno.EIO)
        _save_through_menu(worked, tmp_path / "a.json", m)
    _save_through_menu(worked, tmp_path / "a.json", monkeypatch)
    assert len(warnings_shown) == 1
    saved = load_scenario(tmp_path / "a.json")
    assert saved.cutset == worked.session.state.cuts
    assert worked.loaded_from == str(tmp_path / "a.json")


CRASH_DURING_SAVE = """
import os, sys
from rhizoviz.core import scenario as sc
stage = sys.argv[2]
if stage == "before rename":
    sc.os.replace = lambda *a: os._exit(9)
else:  # killed half-way through writing the new text
    real = os.fdopen
    class Half:
        def __init__(self, fh): self.fh = fh
        def __enter__(self): return self
        def __exit__(self, *e): pass
        def write(self, t):
            self.fh.write(t[: len(t) // 2]); self.fh.flush(); os._exit(9)
    sc.os.fdopen = lambda fd, *a, **k: Half(real(fd, *a, **k))
new = sc.Scenario("Today", "", "overlap", sc.presets()[2].cuts)
sc.save_scenario(new, sys.argv[1])
"""


@pytest.mark.parametrize("stage", ["while writing", "before rename"])
def test_a_crash_mid_save_leaves_the_old_file(tmp_path: Path, stage: str) -> None:
    target = tmp_path / "lecture.json"
    target.write_bytes(OLD)
    proc = subprocess.run([sys.executable, "-c", CRASH_DURING_SAVE, str(target), stage],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    assert target.read_bytes() == OLD
    assert load_scenario(target).name == "Yesterday's lecture"
