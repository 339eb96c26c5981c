"""The surgical trainers' windows (sdr: selective dorsal rhizotomy).

:func:`open_trainer` is the one entry point: the main window's menu and
``rhizoviz --trainer sdr`` both call it. The trainer works on the main window's
session, so its cuts reach the body, reflexes and outcome like any other, and the
main window steps aside while it is open (a hidden view draws nothing, so a mark
costs one frame, the trainer's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

    def back() -> None:
        main.trainer_window = None
        if show:
            main.show()

    trainer.closed.connect(back)
    if show:
        trainer.show()
        main.hide()
    return trainer
