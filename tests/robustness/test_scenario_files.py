"""Bad scenario files through the app's File > Open: a clear message, nothing lost.

Each file is opened the way a student opens one (the menu action, the file dialog
answered by the test), then the test checks that exactly one warning named the file
in one line and that everything on screen is as it was: cuts, model, name, undo and
redo, the body's colours, the level panel, the outcome text and the window title.
``tests/core/test_scenario.py`` checks the parser's messages field by field; this
suite checks that the app survives each kind of file and keeps the student's work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PyQt6.QtWidgets import QFileDialog

from rhizoviz.core.scenario import MAX_CUTS, MAX_SCENARIO_BYTES, presets


def _doc(**fields: Any) -> bytes:
    base: dict[str, Any] = {"name": "Colleague's file", "cuts": [
        {"level": "C6", "side": "left", "fraction": 1.0}]}
    base.update(fields)
    return json.dumps(base).encode()


def _cut(**fields: Any) -> bytes:
    cut: dict[str, Any] = {"level": "C6", "side": "left"}
    cut.update(fields)
    return _doc(cuts=[cut])


CUT = {"level": "T4", "side": "right", "fraction": 1.0}

BAD_FILES: dict[str, bytes] = {
    # not JSON at all
    "empty": b"",
    "not JSON": b"{not json",
    "truncated JSON": _doc()[:-7],
    "a text file": b"C6 left, C7 left\n",
    "a PNG": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    # JSON, wrong shape or types
    "a list": b"[]",
    "null": b"null",
    "a number": b"42",
    "name is a number": _doc(name=5),
    "a 200 000-character name": _doc(name="N" * 200_000),
    "a name of two lines": _doc(name="Left C6\nand more"),
    "name missing": json.dumps({"cuts": []}).encode(),
    "cuts missing": json.dumps({"name": "x"}).encode(),
    "cuts is a string": _doc(cuts="C6"),
    "cuts is an object": _doc(cuts={"level": "C6"}),
    "a cut is a number": _doc(cuts=[5]),
    "description is a list": _doc(description=["a"]),
    "model is a number": _doc(model=3),
    "model unknown": _doc(model="dermatomal"),
    "version is text": _doc(version="1"),
    "level is a number": _cut(level=6),
    "side is null": _cut(side=None),
    "side is a list": _cut(side=["left"]),
    "fraction is text": _cut(fraction="half"),
    "fraction is true": _cut(fraction=True),
    # unknown keys
    "unknown top-level key": _doc(author="me"),
    "unknown cut key": _cut(rootlets=3),
    # unknown levels and sides
    "level C9": _cut(level="C9"),
    "level T13": _cut(level="T13"),
    "level L6": _cut(level="L6"),
    "level C0": _cut(level="C0"),
    "level empty": _cut(level=""),
    "side middle": _cut(side="middle"),
    "a root listed twice": _doc(cuts=[{"level": "C6", "side": "left", "fraction": 1.0},
                                      {"level": "c6", "side": "LEFT", "fraction": 0.5}]),
    # fractions out of range
    "fraction 0": _cut(fraction=0),
    "fraction negative": _cut(fraction=-0.5),
    "fraction 1.5": _cut(fraction=1.5),
    "fraction NaN": b'{"name": "x", "cuts": [{"level": "C6", "side": "left", "fraction": NaN}]}',
    "fraction Infinity": (
        b'{"name": "x", "cuts": [{"level": "C6", "side": "left", "fraction": Infinity}]}'
    ),
    "fraction 1e400": (
        b'{"name": "x", "cuts": [{"level": "C6", "side": "left", "fraction": 1e400}]}'
    ),
    # size
    "10 000 cuts": _doc(cuts=[CUT] * 10_000),
    "one cut too many": _doc(cuts=[CUT] * (MAX_CUTS + 1)),
    "5 MB": _doc(description="x" * 5_000_000),
    "just over the size limit": _doc(description="x" * MAX_SCENARIO_BYTES),
    # encodings
    "Latin-1 bytes": _doc(name="caf\u00e9").replace(b"caf\\u00e9", b"caf\xe9"),
    "UTF-16": _doc().decode().encode("utf-16"),
    "invalid UTF-8 in the middle": _doc()[:20] + b"\xc3\x28" + _doc()[20:],
}

# Files that once crashed File > Open: json's RecursionError and ValueError escaped
# ``loads_scenario`` (the app catches only ``ScenarioError``); fixed in b7bde84.
CRASHING_FILES: dict[str, bytes] = {
    "nested 100 000 deep": b"[" * 100_000,
    "a 5000-digit number": _cut(fraction=0.5).replace(b"0.5", b"9" * 5000),
}


def _snapshot(window: Any) -> dict[str, Any]:
    """Everything that shows the student's work."""
    return {
        "state": window.session.state,
        "can_undo": window.session.can_undo,
        "can_redo": window.session.can_redo,
        "body": np.array(window.scene.body_status, copy=True),
        "buttons": {k: (b.text(), b.property("rootState"))
                    for k, b in window.level_panel.buttons.items()},
        "outcome": window.outcome_panel.toPlainText(),
        "title": window.windowTitle(),
        "loaded_from": window.loaded_from,
    }


def _assert_same(before: dict[str, Any], after: dict[str, Any]) -> None:
    for key, value in before.items():
        if isinstance(value, np.ndarray):
            assert np.array_equal(value, after[key]), key
        else:
            assert after[key] == value, key


@pytest.fixture
def worked_window(module_window: Any, settings_folder: Path) -> Any:
    """A window with work on it worth keeping: a preset, an extra cut, one undo."""
    window = module_window
    window.loaded_from = None
    window.apply_scenario(presets()[1])
    window.session.toggle("T10", "left", 0.5)
    window.session.toggle("L4", "right")
    window.session.undo()
    return window


def _open_through_menu(window: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(path), "rhizoviz scenarios (*.json)"))
    window.command("open_scenario_dialog").trigger()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_scenario_file_is_refused_and_nothing_is_lost(
    worked_window: Any, warnings_shown: list, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, case: str,
) -> None:
    path = tmp_path / "from a colleague.json"
    path.write_bytes(BAD_FILES[case])
    before = _snapshot(worked_window)
    _open_through_menu(worked_window, path, monkeypatch)
    assert len(warnings_shown) == 1, warnings_shown
    title, text = warnings_shown[0]
    assert "from a colleague.json" in text
    assert "\n" not in text and "Traceback" not in text
    assert len(text) < 400, text
    _assert_same(before, _snapshot(worked_window))


@pytest.mark.parametrize("where", ["missing file", "a folder", "dangling link", "/dev/zero"])
def test_a_path_that_is_not_a_readable_file(
    worked_window: Any, warnings_shown: list, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, where: str,
) -> None:
    path = tmp_path / "scenario.json"
    if where == "a folder":
        path.mkdir()
    elif where == "dangling link":
        path.symlink_to(tmp_path / "gone.json")
    elif where == "/dev/zero":  # reports size 0 and never ends: refused, not read
        path.symlink_to("/dev/zero")
    before = _snapshot(worked_window)
    _open_through_menu(worked_window, path, monkeypatch)
    assert len(warnings_shown) == 1 and "scenario.json" in warnings_shown[0][1]
    _assert_same(before, _snapshot(worked_window))


@pytest.mark.parametrize("case", list(CRASHING_FILES))
def test_pathological_json_is_refused_too(
    worked_window: Any, warnings_shown: list, tmp_path: Path, case: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(CRASHING_FILES[case])
    before = _snapshot(worked_window)
    assert not worked_window.open_scenario_file(str(path))
    assert len(warnings_shown) == 1
    _assert_same(before, _snapshot(worked_window))


def test_a_good_file_after_bad_ones_still_opens(
    worked_window: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i, case in enumerate(["not JSON", "level T13", "10 000 cuts"]):
        bad = tmp_path / f"bad{i}.json"
        bad.write_bytes(BAD_FILES[case])
        _open_through_menu(worked_window, bad, monkeypatch)
    good = tmp_path / "good.json"
    good.write_bytes(_doc(name="Good one", cuts=[CUT]))
    before = worked_window.session.state
    _open_through_menu(worked_window, good, monkeypatch)
    assert len(warnings_shown) == 3
    state = worked_window.session.state
    assert state.name == "Good one" and state.cuts.fraction("T4", "right") == 1.0
    worked_window.session.undo()  # the bad files left no undo steps behind
    assert worked_window.session.state == before
