"""Shared Qt fixtures for the app tests: isolated settings, one session, one window.

Every test gets its own QSettings folder, so nothing a test saves (geometry, palette)
reaches the user's real settings or another test. The window fixture closes the
plotter at teardown so no VTK render window outlives its test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PyQt6.QtCore import QCoreApplication, QSettings

from rhizoviz.app.session_qt import QtSession


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp) -> Iterator[Path]:  # noqa: ANN001
    """Point QSettings at a temporary folder for this test."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QCoreApplication.setOrganizationName("rhizoviz-tests")
    QCoreApplication.setApplicationName("rhizoviz-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def session(qapp) -> QtSession:  # noqa: ANN001
    return QtSession()


@pytest.fixture(scope="session")
def standin_meshes():
    """Small synthetic body and spine (a few thousand triangles): fast, same data shape."""
    from rhizoviz.scene.standins import standin_body, standin_spine

    return standin_body(), standin_spine()


@pytest.fixture
def window(qtbot, session, standin_meshes):  # noqa: ANN001
    """The real main window (3D view included) on stand-in meshes, shown, closed at teardown."""
    from rhizoviz.app.main_window import MainWindow

    win = MainWindow(session=session, meshes=standin_meshes)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # shortcuts only fire in the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    yield win
    win.close()
    assert win.plotter._closed, "the plotter outlived its window"
