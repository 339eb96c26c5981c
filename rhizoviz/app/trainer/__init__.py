"""The surgical trainers' windows (sdr: selective dorsal rhizotomy).

:func:`open_trainer` is the one entry point: the main window's menu and
``rhizoviz --trainer sdr`` both call it. The trainer works on the main window's
session, so its cuts reach the body, reflexes and outcome like any other, and the
main window steps aside while it is open (a hidden view draws nothing, so a mark
costs one frame, the trainer's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PyQt6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from rhizoviz.app.trainer.window import TrainerWindow

TRAINERS = ("sdr",)
DEFAULT_SEED = 1
OWNER = "trainer"  # owns the trainer rows of :mod:`rhizoviz.app.shortcuts`


class TrainerMode:
    """The main window's trainer commands (the menu entry and its key)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        window.command_actions.register(OWNER, self)

    def open_trainer(self) -> None:
        open_trainer(self.window)


def open_trainer(main: Any, seed: int = DEFAULT_SEED, approach: str | None = None,
                 show: bool = True) -> TrainerWindow:
    """Open the SDR trainer over ``main``'s session; ``main`` returns when it closes."""
    from rhizoviz.app.trainer.window import TrainerWindow

    current = getattr(main, "trainer_window", None)
    if current is not None and not current._closed:
        current.raise_()
        current.activateWindow()
        return current
    trainer = TrainerWindow(main.session, main.spine, seed, approach)
    trainer.resize(main.size())
    main.trainer_window = trainer
    # While it steps aside the main window need not redraw its caption, legend and
    # panels on every mark (about 20 ms each, for nobody): it catches up on return.
    follow = getattr(main, "_on_state", None)
    paused = [show and follow is not None and _disconnect(main.session.changed, follow)]

    def resume() -> None:
        if paused[0]:
            paused[0] = False
            main.session.changed.connect(follow)
            follow(main.session.state)

    def back() -> None:
        main.trainer_window = None
        main.removeEventFilter(guard)
        resume()
        if show and not closing:
            main.show()

    closing: list[bool] = []
    guard = _CloseGuard(main, lambda: (closing.append(True), resume(), trainer.close()))
    main.installEventFilter(guard)
    trainer.closed.connect(back)
    if show:
        trainer.show()
        main.hide()
    return trainer


class _CloseGuard(QObject):
    """The main window closing (the app quitting) closes the trainer first."""

    def __init__(self, main: Any, on_close: Callable[[], object]) -> None:
        super().__init__(main)
        self._on_close = on_close

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        if event is not None and event.type() == QEvent.Type.Close:
            self._on_close()
        return False


def _disconnect(signal: Any, slot: Any) -> bool:
    try:
        signal.disconnect(slot)
    except TypeError:  # not connected (a window built differently)
        return False
    return True
