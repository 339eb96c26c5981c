"""Soak: thousands of random user actions through the app's widgets; the window never lies.

Every action goes through what a user touches: level-panel buttons (plain and shift
clicks), the both-sides box, the fraction slider, clicks in the 3D view, menu and
keyboard actions (undo, redo, model, presets, reset, views, palettes), lesson
navigation and Try-it links. After each one the test recomputes from the session's
cuts, with the core alone, what the window must show and compares: the body's
per-vertex status in the VTK array the 3D view draws, the root styles, the key-point
markers, the level-panel buttons, the outcome panel's text and the status line.
Undo and redo are checked against the test's own history of states. No exception,
no Qt or VTK warning, and resident memory may grow by less than 50 MB.

Rendering is the slow part on software OpenGL (100-300 ms a frame, against a few ms
for the rest of an action), so only every K-th action is drawn for real; see
``conftest.py`` for the options of a longer run.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from PyQt6.QtCore import Qt, QtMsgType, QUrl
from PyQt6.QtGui import QAction
from PyQt6.QtTest import QTest
from vtkmodules.util.numpy_support import vtk_to_numpy

from rhizoviz.app.session_qt import QtSession
from rhizoviz.body_outcome import body_status
from rhizoviz.core.atlas import SIDES
from rhizoviz.core.cuts import format_fraction
from rhizoviz.core.outcome import (
    STATUS_NAMES,
    evaluate,
)
from rhizoviz.core.report import outcome_sections
from rhizoviz.core.session import HISTORY_LIMIT, State

MEMORY_GROWTH_LIMIT_MB = 50.0
WARMUP_ACTIONS = 150
# Signals are delivered at once; the event loop only adds repaints, and each repaint of a
# window holding an OpenGL widget is composited on (software) OpenGL: tens of ms.
EVENTS_EVERY = 10
BAD_QT_MESSAGES = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)

pytestmark = pytest.mark.slow


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


@dataclass
class Shadow:
    """The test's own undo/redo history, to hold the session's to account."""

    undo: list[State] = field(default_factory=list)
    redo: list[State] = field(default_factory=list)

    def after(self, kind: str, before: State, now: State) -> None:
        if kind == "undo":
            if self.undo:
                expected = self.undo.pop()
                assert now == expected, "undo did not restore the previous state"
                self.redo.append(before)
            else:
                assert now == before, "undo with nothing to undo changed the state"
        elif kind == "redo":
            if self.redo:
                expected = self.redo.pop()
                assert now == expected, "redo did not restore the undone state"
                self.undo.append(before)
            else:
                assert now == before, "redo with nothing to redo changed the state"
        elif now != before:
            self.undo.append(before)
            del self.undo[:-HISTORY_LIMIT]
            self.redo.clear()


class Soak:
    """Random actions on one window, each with what it must have done."""

    def __init__(self, window: Any, body: Any, rng: random.Random) -> None:
        self.w = window
        self.body = body
        self.rng = rng
        self.panel = window.level_panel
        self.atlas = window.session.atlas
        self.roots = [k for k in self.panel.buttons if k in window.scene.roots]
        self.presets = self._preset_actions()
        self.actions: dict[str, tuple[int, Callable[[], None]]] = {
            "cut": (16, self.cut),
            "restore": (12, self.restore),
            "cut_3d": (6, self.cut_3d),
            "range": (6, self.range),
            "both_sides": (3, lambda: self.panel.both_sides.click()),
            "fraction": (8, self.fraction),
            "keyboard": (6, self.keyboard),
            "undo": (10, lambda: self.w.undo_action.trigger()),
            "redo": (6, lambda: self.w.redo_action.trigger()),
            "model": (4, self.model),
            "lesson": (4, self.lesson),
            "try_it": (3, self.try_it),
            "preset": (4, self.preset),
            "reset": (2, lambda: self.w.command("reset").trigger()),
            "root_kind": (3, lambda: self.w.command("cycle_root_kind").trigger()),
            "modality": (2, lambda: self.w.command("toggle_modality").trigger()),
            "view": (2, self.view),
            "palette": (1, self.palette),
            "vertebrae": (1, lambda: self.w.command("cycle_vertebrae").trigger()),
            "click_3d": (1, self.click_anywhere),
        }
        self.names = list(self.actions)
        self.last_pick: Any = None
        self.roots_hit_3d = 0
        scene_pick = window.scene.pick

        def pick(x: float, y: float, **kw: Any) -> Any:  # a spy: the 3D checks follow it
            self.last_pick = scene_pick(x, y, **kw)
            return self.last_pick

        window.scene.pick = pick
        self.weights = [self.actions[n][0] for n in self.names]
        self.expect: Callable[[], None] | None = None

    def _preset_actions(self) -> list[QAction]:
        from rhizoviz.core.scenario import presets

        names = {p.name for p in presets()}
        found = [a for a in self.w.findChildren(QAction) if a.text() in names]
        assert found, "no preset actions in the Scenarios menu"
        return found

    def choose(self) -> str:
        return self.rng.choices(self.names, self.weights)[0]

    # -- actions (each may set ``self.expect``, a check of what it must have done) --
    def _sides(self, side: str) -> tuple[str, ...]:
        return SIDES if self.panel.both_sides.isChecked() else (side,)

    def _expect_toggle(self, root: tuple[str, str] | None) -> None:
        """A click on ``root`` (None: on whatever root the scene's pick names) toggles it."""
        cuts = self.w.session.state.cuts
        both = self.panel.both_sides.isChecked()
        chosen = self.panel.root_kind
        fraction = self.panel.fraction
        self.last_pick = None

        def check() -> None:
            target, kind = root, chosen
            if target is None:
                pick = self.last_pick
                if pick is None or pick.kind != "root" or pick.root is None:
                    return  # the pick found skin, a key point or nothing: no cut expected
                target, kind = pick.root, pick.target
                self.roots_hit_3d += 1
            was_cut = cuts.fraction(*target, kind) > 0
            sides = SIDES if both else (target[1],)
            now = self.w.session.state.cuts
            expected = 1.0 if kind == "ganglion" else fraction  # a ganglion goes whole
            for side in sides:
                got = now.fraction(target[0], side, kind)
                if was_cut:
                    assert got == 0, f"{side} {target[0]} {kind} not restored"
                elif expected > 0:
                    assert got == pytest.approx(expected), f"{side} {target[0]} {kind}: {got}"

        self.expect = check

    def _pick_root(self, cut: bool) -> tuple[str, str] | None:
        cuts, kind = self.w.session.state.cuts, self.panel.root_kind
        pool = [r for r in self.roots if (cuts.fraction(*r, kind) > 0) == cut]
        return self.rng.choice(pool) if pool else None

    def cut(self) -> None:
        root = self._pick_root(cut=False) or self.rng.choice(self.roots)
        self._expect_toggle(root)
        self.panel.buttons[root].click()

    def restore(self) -> None:
        root = self._pick_root(cut=True) or self.rng.choice(self.roots)
        self._expect_toggle(root)
        QTest.mouseClick(self.panel.buttons[root], Qt.MouseButton.LeftButton)  # a real click

    def cut_3d(self) -> None:
        """A click on a root in the 3D view (through the app's pick and click path)."""
        scene = self.w.scene
        root = self.rng.choice(self.roots)
        x, y = scene.root_display_position(*root)
        # what is drawn at that pixel wins (another root, or skin in front of it): the
        # expectation follows what the scene's own pick said
        self._expect_toggle(None)
        self.w.click_at(float(x), float(y))

    def click_anywhere(self) -> None:
        """A click anywhere in the view: skin look-up, a key point, a root, or nothing."""
        width, height = self.w.plotter.render_window.GetSize()
        self.w.click_at(self.rng.uniform(0, width), self.rng.uniform(0, height))

    def range(self) -> None:
        anchor = self.panel._anchor
        root = self.rng.choice(self.roots)
        sides = self._sides(root[1])
        # Selecting a cut root shows its fraction on the slider before the range is cut,
        # so a range ending on a cut root takes that root's fraction, not the slider's
        # (reported to the app's owner; either reading is accepted here).
        kind = self.panel.root_kind
        was = self.w.session.state.cuts.fraction(*root, kind)
        allowed = ({1.0} if kind == "ganglion" else {self.panel.fraction}) | (
            {was} if was > 0 else set())
        QTest.mouseClick(self.panel.buttons[root], Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ShiftModifier)
        if anchor is None:
            return

        def check() -> None:
            now = self.w.session.state.cuts
            got = {now.fraction(level, side, kind)
                   for level in self.atlas.level_range(anchor[0], root[0]) for side in sides}
            assert len(got) == 1, f"range {anchor[0]}-{root[0]} cut unevenly: {got}"
            assert got <= allowed, (got, allowed)

        self.expect = check

    def fraction(self) -> None:
        value = self.rng.choice([0, 5, 25, 40, 50, 60, 75, 90, 100, 100])
        self.panel.slider.setValue(value)

    def keyboard(self) -> None:
        name = self.rng.choice(["level_up", "level_down", "select_left", "select_right",
                                "toggle_selected", "toggle_selected", "fraction_up",
                                "fraction_down"])
        if name == "toggle_selected":
            self._expect_toggle(self.panel.selected)
        self.w.command(name).trigger()

    def model(self) -> None:
        before = self.w.session.state.model
        self.w.command("toggle_model").trigger()

        def check() -> None:
            assert self.w.session.state.model != before

        self.expect = check

    def lesson(self) -> None:
        view = self.w.lesson_view
        choice = self.rng.random()
        if choice < 0.4:
            view.next_button.click()
        elif choice < 0.8:
            view.prev_button.click()
        elif view.lessons:
            view.combo.setCurrentIndex(self.rng.randrange(len(view.lessons)))

    def try_it(self) -> None:
        view = self.w.lesson_view
        if not 0 <= view.index < len(view.lessons):
            return
        links = view.lessons[view.index].actions
        if not links:
            view.next_button.click()
            return
        act = self.rng.choice(links)
        view.browser.anchorClicked.emit(QUrl(act.url))

        def check() -> None:
            assert self.w.session.state.cuts == act.cutset, f"Try it {act.url}"

        self.expect = check

    def preset(self) -> None:
        self.rng.choice(self.presets).trigger()

    def view(self) -> None:
        self.w.command(self.rng.choice(["view_anterior", "view_posterior", "view_left",
                                        "view_right", "view_spine", "reset_view"])).trigger()

    def palette(self) -> None:
        self.w.set_palette(self.rng.choice(list(self.w.palette_actions)))


def check_window(window: Any, body: Any) -> None:
    """What the window shows equals what the core computes from the session's cuts."""
    state = window.session.state
    cuts, model, atlas = state.cuts, state.model, window.session.atlas
    scene = window.scene

    # the body: the status array the 3D view's mapper actually draws, in the modality shown
    modality = scene.modality
    expected = body_status(body, cuts, model, modality)
    drawn = vtk_to_numpy(
        scene.body_actor.GetMapper().GetInput().GetPointData().GetArray("status")
    )
    if not np.array_equal(drawn.astype(np.int8), expected):
        bad = np.flatnonzero(drawn.astype(np.int8) != expected)
        raise AssertionError(f"body colours differ from the core at {len(bad)} vertices")

    # the roots in the spine, every kind, and the ganglia
    for kind in ("dorsal", "ventral"):
        for (level, side) in scene.root_sets[kind].parts:
            f = cuts.fraction(level, side, kind)
            style = scene.root_style(level, side, kind)
            assert style["fraction"] == f, (kind, level, side, style, f)
            if style["gap_visible"] is not None:
                assert style["gap_visible"] == (f < 1.0), (kind, level, side, style)
    for (level, side) in scene.roots:
        removed = scene.root_style(level, side, "ganglion")["removed"]
        assert removed == (cuts.fraction(level, side, "ganglion") > 0), (level, side)

    # key sensory point markers
    outcome = evaluate(cuts, model, atlas)
    if scene.marker_actor is not None:
        for kp in outcome.key_points:
            key = (kp.level, kp.side)
            if key in scene.key_point_keys:
                code = int(scene.marker_status[scene.key_point_keys.index(key)])
                want = getattr(kp, modality)
                assert STATUS_NAMES[code] == want, (key, STATUS_NAMES[code], want, modality)

    # level panel: it follows the 3D frame, and the event loop (run only every few
    # actions here) would bring it up to date right after that frame
    window.flush_panels()
    shown_kind = window.level_panel.root_kind  # the buttons show the chosen kind
    for (level, side), button in window.level_panel.buttons.items():
        f = cuts.fraction(level, side, shown_kind)
        kind = "intact" if f <= 0 else "cut" if f >= 1.0 else "partial"
        assert button.property("rootState") == kind, (level, side, kind)
        assert button.text().split()[0] == level
        if kind == "partial":
            assert format_fraction(f) in button.text(), (button.text(), f)

    # outcome panel: every line of the core's report is shown
    text = window.outcome_panel.toPlainText()
    assert state.name in text
    if cuts:
        for title, lines in outcome_sections(outcome, atlas).items():
            for line in lines:
                assert line in text, f"outcome panel lacks '{line}' ({title})"
    else:
        assert "No root is cut" in text

    # status line and undo/redo: every kind of cut counts
    n = len(cuts.root_fractions())
    status = window.status_label.text()
    assert ("no roots cut" if n == 0 else f"{n} root{'s' if n != 1 else ''} cut") in status
    assert f"{model} model" in status


def test_soak(qtbot, qtlog, qapp, soak_actions: int, soak_render_every: int,  # noqa: ANN001
              soak_seed: int) -> None:
    import pyvista as pv

    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.mesh_loader import load_body, load_spine

    body = load_body()
    window = MainWindow(session=QtSession(), meshes=(body, load_spine()))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)

    draw = type(window).render_now
    drawn = 0

    def render_now() -> None:  # most actions skip the frame: see the module docstring
        nonlocal drawn
        if draw_this_action:
            drawn += 1
            draw(window)

    window.render_now = render_now  # type: ignore[method-assign]
    draw_this_action = True
    soak = Soak(window, body, random.Random(soak_seed))
    shadow = Shadow()
    counts: dict[str, int] = dict.fromkeys(soak.names, 0)
    baseline = None
    started = time.perf_counter()
    with pv.VtkErrorCatcher(send_to_logging=False) as vtk_errors:
        for i in range(soak_actions):
            if i == WARMUP_ACTIONS:
                gc.collect()
                baseline = rss_mb()
            draw_this_action = i % soak_render_every == 0
            name = soak.choose()
            counts[name] += 1
            before = window.session.state
            soak.expect = None
            try:
                soak.actions[name][1]()
                if draw_this_action or i % EVENTS_EVERY == 0:
                    qapp.processEvents()
                if soak.expect is not None:
                    soak.expect()
                shadow.after(name if name in ("undo", "redo") else "other", before,
                             window.session.state)
                assert window.undo_action.isEnabled() == bool(shadow.undo)
                assert window.redo_action.isEnabled() == bool(shadow.redo)
                check_window(window, body)
            except AssertionError as exc:
                raise AssertionError(
                    f"action {i} ({name}, seed {soak_seed}): {exc}"
                ) from exc
            bad = [r for r in qtlog.records if r.type in BAD_QT_MESSAGES]
            assert not bad, f"action {i} ({name}): Qt said {bad[-1].message!r}"
        assert not vtk_errors.events, f"VTK complained: {vtk_errors.events[:3]}"
    gc.collect()
    growth = rss_mb() - baseline if baseline is not None else 0.0
    elapsed = time.perf_counter() - started
    print(f"\nsoak: {soak_actions} actions in {elapsed:.0f} s, {drawn} drawn, "
          f"RSS growth {growth:.1f} MB, 3D clicks that hit a root {soak.roots_hit_3d}, "
          f"counts {counts}")
    assert growth < MEMORY_GROWTH_LIMIT_MB, f"resident memory grew {growth:.1f} MB"
    if soak_actions >= 1000:  # every kind of action really ran
        assert all(counts.values()), counts
        assert soak.roots_hit_3d > counts["cut_3d"] // 4, "3D clicks rarely reached a root"
    window.close()


def test_render_every_frame_briefly(qtbot, qapp) -> None:  # noqa: ANN001
    """A short run that draws every action, on the stand-in meshes: frames keep up."""
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.scene.standins import standin_body, standin_spine

    body = standin_body()
    window = MainWindow(session=QtSession(), meshes=(body, standin_spine()))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    soak = Soak(window, body, random.Random(1))
    for _ in range(40):
        soak.actions[soak.choose()][1]()
        qapp.processEvents()
        check_window(window, body)
    img = window.plotter.screenshot(return_img=True)
    assert img is not None and img.shape[0] > 0 and np.asarray(img).std() > 0
    window.close()
