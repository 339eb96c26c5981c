"""Renders per user action: counted, not timed, so they can be held in CI.

On software OpenGL a render is most of a click's cost, so a second render per action
doubles its latency. ``rhizoviz bench`` found two (VTK's interaction style renders on
every button release, before the window's own repaint); these tests keep it at one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtTest import QTest

from rhizoviz.bench.probe_common import FrameClock

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def shown(make_window: Callable[..., Any]) -> Iterator[tuple[Any, FrameClock]]:
    window = make_window()
    clock = FrameClock(window.plotter)
    window.resize(1000, 700)
    window.show()
    clock.wait_shown(0.0)
    clock.settle(quiet_s=0.2)
    yield window, clock


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


def test_start_up_draws_the_scene_once(make_window: Callable[..., Any]) -> None:
    """Qt paints the 3D widget on every resize, hidden or not; only the shown window's
    first paint draws the scene (the others were ~0.2 s of start-up nobody saw)."""
    window = make_window()
    drawn: list[int] = []
    window.plotter.renderer.AddObserver("StartEvent", lambda *_: drawn.append(1))
    clock = FrameClock(window.plotter)
    window.resize(1000, 700)
    window.show()
    clock.wait_shown(0.0)
    assert len(drawn) == 1


def test_the_panels_follow_a_cut_without_another_3d_frame(
    shown: tuple[Any, FrameClock],
) -> None:
    """The view is a native window: the level and outcome panels repainting after a
    cut reach the screen through the window around it, with no second render or swap
    of the 3D view (each cost a full frame on software OpenGL)."""
    window, clock = shown
    assert window.plotter.testAttribute(Qt.WidgetAttribute.WA_NativeWindow)
    clock.watch_window(window)
    refreshed: list[int] = []
    window.panelsRefreshed.connect(lambda: refreshed.append(len(clock.swaps)))
    button = window.level_panel.buttons[("L4", "right")]
    swaps_before = len(clock.swaps)
    _ms, renders = clock.timed(*_click(button, button.rect().center()))
    assert renders == 1
    assert refreshed, "the panels were not refreshed after the cut's frame"
    assert len(clock.swaps) == swaps_before + 1  # the cut's frame, and only that
    assert clock.flush_after(clock.requested) is not None  # the panels were flushed
    assert button.text() == "L4  cut" and button.property("selected") == "true"


def test_flush_watch_times_a_repaint_of_the_window(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    clock.watch_window(window)
    t0 = time.perf_counter()
    assert clock.flush_after(t0) is None
    window.level_panel.selection_label.setText("repaint me")
    clock.settle()
    flushed = clock.flush_after(t0)
    assert flushed is not None and flushed >= t0
    assert window.level_panel.selection_label.text() == "repaint me"


def test_a_cut_with_the_worksheet_shown_still_costs_one_3d_frame(
    shown: tuple[Any, FrameClock],
) -> None:
    """The worksheet dock repaints with the panels, after the cut's frame, in the window
    around the view: no second render or swap of the 3D view."""
    window, clock = shown
    window.worksheet.toggle_worksheet_panel()
    clock.settle(quiet_s=0.3)
    canvas = window.worksheet.view.canvas
    assert window.worksheet.view.isVisible() and canvas.paints > 0
    clock.watch_window(window)
    paints = canvas.paints
    button = window.level_panel.buttons[("C6", "left")]
    swaps_before = len(clock.swaps)
    _ms, renders = clock.timed(*_click(button, button.rect().center()))
    clock.settle(quiet_s=0.2)
    assert renders == 1
    assert len(clock.swaps) == swaps_before + 1  # the cut's frame, and only that
    assert canvas.paints > paints  # the sheet was repainted, for the new cut
    from rhizoviz.core.exam import worksheet_from_outcome

    assert canvas.sheet == worksheet_from_outcome(window.session.outcome)
    assert canvas.sheet.left.pin_prick["C6"] == 1  # its own root cut: impaired


def test_a_ventral_or_ganglion_cut_renders_once(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    for kind in ("ventral", "ganglion"):
        window.level_panel.set_root_kind(kind)
        clock.settle()
        button = window.level_panel.buttons[("C7", "left")]
        _ms, renders = clock.timed(*_click(button, button.rect().center()))
        assert window.session.state.cuts.fraction("C7", "left", kind) == 1.0
        assert renders == 1


def test_a_3d_click_on_a_ganglion_renders_once(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    window.level_panel.set_root_kind("ganglion")
    clock.settle()
    x, y = window.scene.root_display_position("T4", "right", "ganglion")
    ratio = window.plotter.devicePixelRatioF()
    _ms, renders = clock.timed(*_click(window.plotter, QPoint(int(x / ratio), int(y / ratio))))
    assert window.session.state.cuts.fraction("T4", "right", "ganglion") == 1.0
    assert renders == 1


def test_switching_the_skin_to_touch_renders_once(shown: tuple[Any, FrameClock]) -> None:
    window, clock = shown
    window.session.cut_range("C5", "C7", ("left",), 1.0)
    clock.settle()
    _ms, renders = clock.timed(window.toggle_modality)
    assert window.scene.modality == "light_touch"
    assert renders == 1


def test_the_next_quiz_question_renders_once(shown: tuple[Any, FrameClock], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind's next question is one session change: one frame, as a cut."""
    from rhizoviz.core.progress import ENV_FOLDER

    monkeypatch.setenv(ENV_FOLDER, str(tmp_path))
    window, clock = shown
    quiz = window.quiz_mode
    quiz.begin(42, "standard", None, 9)
    clock.settle()
    kinds = set()
    for _ in range(8):
        quiz.quiz_reveal()  # Next shows once the answer does
        clock.settle()
        button = quiz.panel.question.next
        _ms, renders = clock.timed(*_click(button, button.rect().center()))
        kinds.add(quiz.question.kind)
        assert renders == 1, quiz.question.kind
    assert len(kinds) == 4
