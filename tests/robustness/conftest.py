"""Fixtures for the bad-input suite: a damaged-mesh folder, a module's window, dialogs.

Windows run on the small stand-in meshes (the suite is about input, not anatomy) with
private QSettings, so nothing here reaches a user's settings or another test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

MESH_FILES = ("body.ply", "body_labels.json", "spine.glb", "spine.json")


@pytest.fixture
def mesh_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped meshes that a test may damage."""
    from rhizoviz.resources import meshes_dir

    folder = tmp_path / "meshes"
    folder.mkdir()
    for name in MESH_FILES:
        if (meshes_dir() / name).exists():
            shutil.copy(meshes_dir() / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def module_window(
    qapp, tmp_path_factory, standin_meshes, settings_isolation  # noqa: ANN001
) -> Iterator[Any]:
    """One window for a module of many small file tests (a window costs ~1 s to build);
    each test brings it to a known state first (see ``worked_window``). The shared
    ``window`` fixture (tests/conftest.py) is the one for single tests."""
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.session_qt import QtSession

    settings_isolation(tmp_path_factory.mktemp("settings"))
    win = MainWindow(session=QtSession(), meshes=standin_meshes)
    win.resize(1400, 900)
    win.show()
    yield win
    win.close()
    win.deleteLater()


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every QMessageBox the app raises, as (title, text); no dialog ever blocks."""
    from PyQt6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_a: object, **_k: object) -> Any:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, record)
    return shown
