"""Fixtures shared by every suite that opens a window: private settings and the window.

One settings isolation (:func:`isolate_settings`, as the ``settings_folder`` fixture)
and one window (``make_window`` builds, ``window`` builds and shows) for the app, the
bad-input suite, the frame counts and the soak, so a change to how the window starts is
made once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_xvfb_disable(config: pytest.Config) -> bool:
    """Xvfb only where there is X: on macOS and Windows windowed tests use the desktop
    (pyproject asks for Xvfb so a Linux machine without it fails instead of popping up)."""
    return not sys.platform.startswith("linux")


def isolate_settings(folder: Path) -> Path:
    """Point QSettings at ``folder``, so nothing reads or writes a user's real settings."""
    from PyQt6.QtCore import QCoreApplication, QSettings

    folder.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("rhizoviz-tests")
    QCoreApplication.setApplicationName("rhizoviz-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    return folder


@pytest.fixture(scope="session")
def settings_isolation() -> Callable[[Path], Path]:
    """:func:`isolate_settings`, for fixtures wider than one test (a module's window)."""
    return isolate_settings


@pytest.fixture
def settings_folder(tmp_path: Path, qapp: Any) -> Iterator[Path]:
    """This test's own QSettings folder."""
    yield isolate_settings(tmp_path / "settings")


@pytest.fixture(scope="session")
def standin_meshes() -> tuple[Any, Any]:
    """Small synthetic body and spine (a few thousand triangles): fast, same data shape."""
    from rhizoviz.scene.standins import standin_body, standin_spine

    return standin_body(), standin_spine()


@pytest.fixture
def session(qapp: Any) -> Any:
    from rhizoviz.app.session_qt import QtSession

    return QtSession()


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's application-data folder (quiz progress), never the user's own."""
    from rhizoviz.core.progress import ENV_FOLDER

    folder = tmp_path / "data"
    monkeypatch.setenv(ENV_FOLDER, str(folder))
    return folder


@pytest.fixture
def make_window(
    qtbot: Any, settings_folder: Path, data_folder: Path, standin_meshes: tuple[Any, Any]
) -> Iterator[Callable[..., Any]]:
    """Builds the real main window (3D view included), not yet shown: on the stand-in
    meshes unless given others. Every window made is closed at teardown, and no VTK
    render window may outlive it."""
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.session_qt import QtSession

    made: list[Any] = []

    def make(session: Any = None, meshes: tuple[Any, Any] | None = None) -> Any:
        win = MainWindow(session=session or QtSession(), meshes=meshes or standin_meshes)
        qtbot.addWidget(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()
        assert win.plotter._closed, "the plotter outlived its window"


@pytest.fixture
def window(qtbot: Any, make_window: Callable[..., Any], session: Any) -> Any:
    """The real main window on stand-in meshes, shown and active (shortcuts fire)."""
    win = make_window(session)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # shortcuts only fire in the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    return win
