"""The full app under the benchmark: start-up, cut latency, skin look-up, next quiz
question, peak memory.

Run by :mod:`rhizoviz.bench.runner` as ``python -m rhizoviz.bench.app_probe``. It builds
the window the way ``rhizoviz`` does (shipped meshes, default settings in a private
QSettings folder), then drives it only through widgets and mouse events, so every
number includes the app's real path: button or 3D click, session, panels, scene,
frame on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from rhizoviz.bench.probe_common import (
    FrameClock,
    drop_offscreen_platform,
    isolate_settings,
    peak_rss_mb,
    render_settings,
    renderer_string,
    report,
    spawn_time,
)

WARMUP_ACTIONS = 4
# what the timed clicks cut, root by root in turn: every kind, dorsal roots most
CUT_MIX: tuple[str, ...] = ("dorsal", "ventral", "dorsal", "ganglion")
Target = tuple[str, tuple[str, str]]  # (kind, (level, side))


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m rhizoviz.bench.app_probe")
    p.add_argument("--spawned", help="wall-clock time the runner started this process")
    p.add_argument("--size", default="1280x720", help="main window size WxH")
    p.add_argument("--cuts", type=int, default=200, help="cut/restore clicks on the level panel")
    p.add_argument("--cuts-3d", type=int, default=50, help="cut/restore clicks in the 3D view")
    p.add_argument("--lookups", type=int, default=50, help="skin clicks (reverse look-up)")
    p.add_argument("--frames", type=int, default=30, help="re-renders of the unchanged view")
    p.add_argument("--offset", type=int, default=0, help="where in the cut sequence to start")
    p.add_argument("--offset-3d", type=int, default=0, help="the same for 3D clicks")
    p.add_argument("--trainer-emg", type=int, default=30,
                   help="rootlets stimulated by a click in the SDR trainer")
    p.add_argument("--trainer-marks", type=int, default=30,
                   help="rootlets marked and unmarked in the SDR trainer")
    p.add_argument("--quiz-next", type=int, default=20,
                   help="clicks on a quiz's Next question button")
    return p.parse_args(argv)


def _roots(window: Any) -> list[tuple[str, str]]:
    """Every root the panel and the scene both have, top to bottom, left then right."""
    return [key for key in window.level_panel.buttons if key in window.scene.roots]


def _camera(plotter: Any) -> dict[str, Any]:
    """The camera as plain numbers, so the floor can look at the meshes the same way."""
    cam = plotter.camera
    return {
        "position": list(cam.GetPosition()),
        "focal_point": list(cam.GetFocalPoint()),
        "view_up": list(cam.GetViewUp()),
        "view_angle": cam.GetViewAngle(),
        "window_center": list(cam.GetWindowCenter()),
    }


def _click(widget: Any, pos: Any = None) -> tuple[Callable[[], None], Callable[[], None]]:
    """A mouse click as (press, release): a click acts on release, so latency is timed
    from the release, as a user feels it; the press is handled before, untimed."""
    from PyQt6.QtCore import Qt
    from PyQt6.QtTest import QTest

    left = Qt.MouseButton.LeftButton
    nothing = Qt.KeyboardModifier.NoModifier
    if pos is None:
        pos = widget.rect().center()
    return (lambda: QTest.mousePress(widget, left, nothing, pos),
            lambda: QTest.mouseRelease(widget, left, nothing, pos))


def _expect(window: Any, root: tuple[str, str], was_cut: bool, kind: str = "dorsal") -> bool:
    """Did the click do what a click on this root should (cut it or restore it)?"""
    now = window.session.state.cuts.fraction(*root, kind)
    return (now == 0.0) if was_cut else (now > 0.0)


def _mixed(roots: list[tuple[str, str]]) -> list[Target]:
    """Each root with the kind the mix gives it: dorsal, ventral, dorsal, ganglion, ..."""
    return [(CUT_MIX[i % len(CUT_MIX)], root) for i, root in enumerate(roots)]


def _choose(window: Any, clock: FrameClock, kind: str) -> None:
    """Set what a click cuts (untimed: the panel restyles its buttons, then settles)."""
    if window.level_panel.root_kind != kind:
        window.level_panel.set_root_kind(kind)
        clock.settle()


def _click_panel(window: Any, clock: FrameClock, roots: list[tuple[str, str]], n: int,
                 record: bool, offset: int = 0, kinds: list[str] | None = None
                 ) -> tuple[list[float], list[int], int, list[float]]:
    """Cut roots top to bottom, then restore them, through the level panel's buttons.

    Returns the times to the 3D frame, renders, wrong clicks, and the times until the
    level and outcome panels, which follow the 3D frame, are on screen too. The runner
    splits one long sequence over several processes: ``offset`` is where this part
    starts, and the roots cut before it are cut first, untimed. ``kinds`` collects the
    kind each recorded click cut or restored.
    """

    from rhizoviz.core.cuts import Cut

    times, renders, wrong, panels = [], [], 0, []
    refreshed: list[float] = []
    window.panelsRefreshed.connect(lambda: refreshed.append(time.perf_counter()))
    mixed = _mixed(roots)
    order = mixed + mixed  # a pass cutting every root, then a pass restoring them
    cut_before: set[Target] = set()
    for i in range(offset):
        cut_before ^= {order[i % len(order)]}
    if cut_before:
        window.session.apply_cuts([Cut(level, side, 1.0, kind)
                                   for kind, (level, side) in cut_before])
        clock.settle()
    for i in range(offset, offset + n):
        kind, root = order[i % len(order)]
        _choose(window, clock, kind)
        was_cut = window.session.state.cuts.fraction(*root, kind) > 0
        refreshed.clear()
        ms, count = clock.timed(*_click(window.level_panel.buttons[root]))
        wrong += not _expect(window, root, was_cut, kind)
        shown = clock.flush_after(refreshed[0]) if refreshed else None
        if record:
            times.append(ms)
            renders.append(count)
            if kinds is not None:
                kinds.append(kind)
            if shown is not None:
                panels.append((shown - clock.requested) * 1000.0)
    return times, renders, wrong, panels


def _click_3d(window: Any, clock: FrameClock, roots: list[tuple[str, str]], n: int,
              offset: int = 0
              ) -> tuple[list[float], list[int], int, list[int], list[str]]:
    """Cut and restore roots and ganglia by clicking them in the 3D view (pick included),
    each of the kind the mix gives it, chosen in the level panel first (untimed)."""
    from PyQt6.QtCore import QPoint

    plotter = window.plotter
    ratio = plotter.devicePixelRatioF()
    w, h = plotter.width(), plotter.height()
    targets = []
    for kind, root in _mixed(roots):
        x, y = window.scene.root_display_position(*root, kind=kind)
        hit = window.scene.target_at(x, y, prefer=kind)
        x, y = x / ratio, y / ratio
        if 0 <= x < w and 0 <= y < h and hit == (kind, *root):
            targets.append((kind, root, QPoint(int(x), int(y))))
    times, renders, wrong = [], [], 0
    picks: list[int] = []
    if not targets:
        return times, renders, n, picks, []
    kinds: list[str] = []
    # cut a root, then restore it, walking down the spine
    for i in range(offset - offset % 2, offset - offset % 2 + n):
        kind, root, pos = targets[(i // 2) % len(targets)]
        _choose(window, clock, kind)
        was_cut = window.session.state.cuts.fraction(*root, kind) > 0
        picks_before = clock.picks
        ms, count = clock.timed(*_click(plotter, pos))
        picks.append(clock.picks - picks_before)
        wrong += not _expect(window, root, was_cut, kind)
        times.append(ms)
        renders.append(count)
        kinds.append(kind)
    return times, renders, wrong, picks, kinds


def _skin_targets(window: Any, n: int) -> list[Any]:
    """Window positions over skin facing the camera, away from roots and key points."""
    import numpy as np
    from PyQt6.QtCore import QPoint

    scene = window.scene
    plotter = window.plotter
    ratio = plotter.devicePixelRatioF()
    cam = plotter.camera
    toward = np.asarray(cam.GetPosition()) - np.asarray(cam.GetFocalPoint())
    toward /= np.linalg.norm(toward)
    normals = np.asarray(scene.body_mesh.point_data["Normals"], dtype=np.float64)
    facing = np.flatnonzero(normals @ toward > 0.8)
    rng = np.random.default_rng(6)
    candidates = rng.permutation(facing)[: n * 4]
    pixels = scene.project(np.asarray(scene.body_mesh.points)[candidates])
    out = []
    for x, y in pixels:
        lx, ly = x / ratio, y / ratio
        if not (0 <= lx < plotter.width() and 0 <= ly < plotter.height()):
            continue
        if scene.root_at(x, y) is not None or scene.key_point_at(x, y) is not None:
            continue
        out.append(QPoint(int(lx), int(ly)))
        if len(out) == n:
            break
    return out


def _lookups(window: Any, clock: FrameClock, n: int) -> tuple[list[float], int]:
    """Skin click to the answer in the status bar, through the real mouse path."""

    bar = window.statusBar()
    answered: list[float] = []
    bar.messageChanged.connect(lambda text: answered.append(time.perf_counter()) if text else None)
    times, missed = [], 0
    for pos in _skin_targets(window, n):
        bar.clearMessage()
        answered.clear()
        t0 = time.perf_counter()
        press, release = _click(window.plotter, pos)
        press()
        clock.settle()
        t0 = time.perf_counter()
        release()
        clock.settle()
        message = bar.currentMessage()
        if answered and ("dermatome" in message or "No spinal root" in message):
            times.append((answered[0] - t0) * 1000.0)
        else:
            missed += 1
    return times, missed


def _quiz_next(window: Any, clock: FrameClock, n: int) -> tuple[list[float], list[int]]:
    """Next question, clicked, to the frame that shows it: it should cost what a cut does.

    Each question is first revealed (untimed, not graded), so Next is on screen; the
    quiz mixes the four kinds, each with its own answer widgets and body.
    """
    from rhizoviz.core.quiz import MAX_COUNT

    quiz = window.quiz_mode
    times: list[float] = []
    renders: list[int] = []
    done = 0
    while done < n:
        quiz.begin(42 + done, "standard", None, min(MAX_COUNT, n - done + 1))
        clock.settle()
        while done < n and quiz.index + 1 < len(quiz.quiz.questions):
            quiz.quiz_reveal()
            clock.settle()
            ms, count = clock.timed(*_click(quiz.panel.question.next))
            times.append(ms)
            renders.append(count)
            done += 1
    quiz.stop_quiz()
    return times, renders


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    spawned = spawn_time(args.spawned)
    from rhizoviz.scene.render import parse_size  # the one size grammar

    width, height = parse_size(args.size)
    drop_offscreen_platform()

    from PyQt6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([sys.argv[0]])  # kept alive to the end
    folder = isolate_settings()
    from rhizoviz.core.progress import ENV_FOLDER

    os.environ[ENV_FOLDER] = folder  # quiz progress: never the user's own
    from rhizoviz.app.main_window import MainWindow

    window = MainWindow()
    clock = FrameClock(window.plotter)
    clock.watch_window(window)
    window.resize(width, height)
    window.show()
    first_frame = clock.wait_shown(0.0)
    startup_wall = time.time() - (time.perf_counter() - first_frame)
    result: dict[str, Any] = {
        "startup_s": (startup_wall - spawned) if spawned is not None else None,
        "startup_renders": clock.renders,
    }
    clock.settle(quiet_s=0.2)
    result["window_size"] = [window.width(), window.height()]
    result["settings"] = render_settings(window.plotter)
    result["renderer"] = renderer_string(window.plotter.render_window)
    bones = [a for a in window.scene.spine_actors if a.GetProperty().GetOpacity() < 1.0]
    result["settings"]["translucent_opacity"] = (
        min(a.GetProperty().GetOpacity() for a in bones) if bones else None
    )
    result["triangles"] = int(window.scene.body_mesh.n_cells) + sum(  # the flags are points
        int(a.GetMapper().GetInput().GetNumberOfPolys()) for a in window.scene.spine_actors
    )
    result["actors"] = int(window.plotter.renderer.GetActors().GetNumberOfItems())
    result["camera"] = _camera(window.plotter)
    matrix = window.scene.spine_actors[0].GetUserMatrix() if window.scene.spine_actors else None
    result["spine_matrix"] = (
        [matrix.GetElement(i, j) for i in range(4) for j in range(4)] if matrix else None
    )

    roots = _roots(window)
    if args.frames > 0:  # the app's own frame, unchanged: splits scene cost from update cost
        frames = [clock.timed(window.plotter.update) for _ in range(args.frames + 2)][2:]
        result.update(frame_ms=[ms for ms, _n in frames],
                      frame_parts_ms=clock.breakdowns[-len(frames):])
    if args.cuts > 0 or args.cuts_3d > 0:
        _click_panel(window, clock, roots[:WARMUP_ACTIONS // 2] * 2, WARMUP_ACTIONS, False)
        kinds: list[str] = []
        times, renders, wrong, panels = _click_panel(window, clock, roots, args.cuts, True,
                                                     args.offset, kinds)
        result.update(cut_ms=times, cut_renders=renders, cut_wrong=wrong, cut_panels_ms=panels,
                      cut_kind=kinds,
                      cut_parts_ms=clock.breakdowns[-len(times):] if times else [])
        window.session.reset()
        clock.settle()
        times, renders, wrong, picks, kinds = _click_3d(window, clock, roots, args.cuts_3d,
                                                        args.offset_3d)
        result.update(cut3d_ms=times, cut3d_renders=renders, cut3d_wrong=wrong,
                      cut3d_picks=picks, cut3d_kind=kinds)
        window.session.reset()
        clock.settle()
    if args.lookups > 0:
        window.set_view("anterior")
        clock.settle()
        times, missed = _lookups(window, clock, args.lookups)
        result.update(lookup_ms=times, lookup_missed=missed)
    if args.trainer_emg > 0 or args.trainer_marks > 0:
        from rhizoviz.bench.trainer_actions import time_trainer

        result.update(time_trainer(window, args.trainer_emg, args.trainer_marks))
    if args.quiz_next > 0:
        times, renders = _quiz_next(window, clock, args.quiz_next)
        result.update(quiz_next_ms=times, quiz_next_renders=renders)
    result["rss_mb"] = peak_rss_mb()
    window.close()
    report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
