"""Renders per user action: counted, not timed, so they can be held in CI.

On software OpenGL a render is most of a click's cost, so a second render per action
doubles its latency. ``rhizoviz bench`` found two (VTK's interaction style renders on
every button release, before the window's own repaint); these tests keep it at one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtTest import QTest

from rhizoviz.bench.probe_common import FrameClock

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def shown(qtbot, tmp_path: Path) -> Iterator[tuple[Any, FrameClock]]:  # noqa: ANN001
    from PyQt6.QtCore import QCoreApplication, QSettings

    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.session_qt import QtSession
    from rhizoviz.scene.standins import standin_body, standin_spine

    QCoreApplication.setOrganizationName("rhizoviz-bench-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path))
    window = MainWindow(session=QtSession(), meshes=(standin_body(), standin_spine()))
    qtbot.addWidget(window)
    clock = FrameClock(window.plotter)
    window.resize(1000, 700)
    window.show()
    clock.wait_shown(0.0)
    clock.settle(quiet_s=0.2)
    yield window, clock
    window.close()


def _click(widget: Any, pos: QPoint) -> tuple[Any, Any]:
    return (lambda: QTest.mousePress(widget, LEFT, NONE, pos),
            lambda: QTest.mouseRelease(widget, LEFT, NONE, pos))


def test_a_level_panel_click_renders_once(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    button = window.level_panel.buttons[("C6", "left")]
    _ms, renders = clock.timed(*_click(button, button.rect().center()))
    assert window.session.state.cuts.fraction("C6", "left") == 1.0
    assert renders == 1


def test_a_3d_click_on_a_root_renders_once(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    x, y = window.scene.root_display_position("T4", "right")
    ratio = window.plotter.devicePixelRatioF()
    _ms, renders = clock.timed(*_click(window.plotter, QPoint(int(x / ratio), int(y / ratio))))
    assert window.session.state.cuts.fraction("T4", "right") == 1.0
    assert renders == 1


def test_a_click_leaves_the_camera_style_idle(shown: tuple[Any, FrameClock]) -> None:
    """The release reaches VTK (without its render): no rotation sticks to the mouse."""
    window, clock = shown
    camera = window.plotter.camera.GetPosition()
    for step in _click(window.plotter, QPoint(20, 20)):  # empty space
        step()
        clock.settle()
    QTest.mouseMove(window.plotter, QPoint(200, 150))
    clock.settle()
    assert window.plotter.camera.GetPosition() == camera
    assert window.plotter.iren.interactor.GetInteractorStyle().GetState() == 0


def test_start_up_draws_the_scene_once(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    """Qt paints the 3D widget on every resize, hidden or not; only the shown window's
    first paint draws the scene (the others were ~0.2 s of start-up nobody saw)."""
    from PyQt6.QtCore import QCoreApplication, QSettings

    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.session_qt import QtSession
    from rhizoviz.scene.standins import standin_body, standin_spine

    QCoreApplication.setOrganizationName("rhizoviz-bench-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path))
    window = MainWindow(session=QtSession(), meshes=(standin_body(), standin_spine()))
    qtbot.addWidget(window)
    drawn: list[int] = []
    window.plotter.renderer.AddObserver("StartEvent", lambda *_: drawn.append(1))
    clock = FrameClock(window.plotter)
    window.resize(1000, 700)
    window.show()
    clock.wait_shown(0.0)
    assert len(drawn) == 1
    window.close()
