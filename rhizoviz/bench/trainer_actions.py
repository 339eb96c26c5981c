"""The SDR trainer under the benchmark: a rootlet's EMG shown, a rootlet marked to cut.

Called by :mod:`rhizoviz.bench.app_probe` with the app's own main window: the trainer
opens over its session as it does from the menu (the main window steps aside). A
stimulation is a mouse click on a rootlet of the lifted root in the 3D view (pick,
EMG curves, grade, recolour); a mark is the trainer's mark command (codes, the gap,
the session's partial cuts, the hidden main window's scene). Each is timed to the
later of the 3D frame that shows it and the repaint of the window around it (the
EMG plot and the labels), and its renders are counted.
"""

from __future__ import annotations

from typing import Any

from rhizoviz.bench.probe_common import FrameClock

SEED = 1
APPROACH = "conus"
WARMUP = 2


def _shown_ms(clock: FrameClock, frame_ms: float) -> float:
    """The later of the 3D frame and the window's repaint after the request."""
    flushed = clock.flush_after(clock.requested)
    panel_ms = (flushed - clock.requested) * 1000.0 if flushed is not None else 0.0
    return max(frame_ms, panel_ms)


def time_trainer(main: Any, n_emg: int, n_marks: int) -> dict[str, Any]:
    """Open the trainer, click through rootlets and mark some; the probe's report keys."""
    from PyQt6.QtCore import QPoint, Qt
    from PyQt6.QtTest import QTest

    from rhizoviz.app.trainer import open_trainer

    trainer = open_trainer(main, SEED, APPROACH)
    trainer.resize(main.size())
    clock = FrameClock(trainer.plotter)
    clock.watch_window(trainer)
    clock.wait_shown(0.0)
    clock.settle(quiet_s=0.2)
    plotter = trainer.plotter
    ratio = plotter.devicePixelRatioF()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    targets = [r for r in trainer.patient if trainer.operation.reaches(r)]
    emg_ms: list[float] = []
    emg_renders: list[int] = []
    missed = 0
    for i in range(n_emg + WARMUP):
        rootlet = targets[i % len(targets)]
        if trainer.scene.lifted != (rootlet.level, rootlet.side):
            trainer.lift(rootlet.level, rootlet.side)  # the hook, untimed: then the click
            clock.settle()
        x, y = trainer.scene.rootlet_display_position(trainer.scene.index[rootlet.id])
        pos = QPoint(int(round(x / ratio)), int(round(y / ratio)))
        ms, renders = clock.timed(lambda p=pos: QTest.mousePress(plotter, left, none, p),
                                  lambda p=pos: QTest.mouseRelease(plotter, left, none, p))
        missed += trainer.emg.shown_id != rootlet.id
        if i >= WARMUP:
            emg_ms.append(_shown_ms(clock, ms))
            emg_renders.append(renders)
    mark_ms: list[float] = []
    mark_renders: list[int] = []
    mark = trainer.actions_by_command["toggle_mark"]
    for i in range(n_marks + WARMUP):
        rootlet = targets[(i // 2) % len(targets)]  # mark, then unmark, walking on
        if trainer.operation.current != rootlet:
            trainer.stimulate(rootlet)
            clock.settle()
        ms, renders = clock.timed(mark.trigger)
        if i >= WARMUP:
            mark_ms.append(_shown_ms(clock, ms))
            mark_renders.append(renders)
    trainer.close()
    clock.settle()
    return {
        "trainer_emg_ms": emg_ms,
        "trainer_emg_renders": emg_renders,
        "trainer_emg_missed": missed,
        "trainer_mark_ms": mark_ms,
        "trainer_mark_renders": mark_renders,
    }
