"""Shared Qt fixtures for the app tests: isolated settings, one session, one window.

Every test gets its own QSettings folder, so nothing a test saves (geometry, palette)
reaches the user's real settings or another test. The window fixture closes the
plotter at teardown so no VTK render window outlives its test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rhizoviz.app.session_qt import QtSession


@pytest.fixture(autouse=True)
def isolated_settings(settings_folder: Path) -> Path:
    """Every app test runs with its own temporary QSettings folder."""
    return settings_folder


@pytest.fixture
def session(qapp) -> QtSession:  # noqa: ANN001
    return QtSession()


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
