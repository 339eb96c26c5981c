"""Fixtures for the bad-input suite: private settings, a damaged-mesh folder, a window.

The window runs on the small stand-in meshes (the suite is about input, not anatomy)
and every test gets its own QSettings folder, so nothing here reaches a user's
settings or another test.
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


@pytest.fixture
def qt_settings(settings_folder: Path) -> Path:
    return settings_folder


def _new_window(standin_meshes: tuple[Any, Any]) -> Any:
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.session_qt import QtSession

    win = MainWindow(session=QtSession(), meshes=standin_meshes)
    win.resize(1100, 750)
    win.show()
    return win


@pytest.fixture
def window(qtbot, qt_settings, standin_meshes) -> Iterator[Any]:  # noqa: ANN001
    """The real main window on stand-in meshes, shown; closed at teardown."""
    win = _new_window(standin_meshes)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture(scope="module")
def module_window(qapp, tmp_path_factory, standin_meshes) -> Iterator[Any]:  # noqa: ANN001
    """One window for a module of many small file tests (a window costs ~1 s to build);
    each test brings it to a known state first (see ``worked_window``)."""
    from PyQt6.QtCore import QCoreApplication, QSettings

    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("rhizoviz-robustness")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    win = _new_window(standin_meshes)
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
