"""A QObject face on the core :class:`Session`, so widgets can connect to a signal.

The core session stays Qt-free and calls plain listeners; this wrapper turns those
calls into one ``changed`` signal. Widgets take a :class:`QtSession` in their
constructor, connect to ``changed`` and call its intent methods: one slot, one
core call. Errors from the core (a bad level, a bad fraction) propagate to the
caller, which decides how to show them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PyQt6.QtCore import QObject, pyqtSignal

from rhizoviz.core.atlas import Atlas
from rhizoviz.core.cuts import DORSAL, Cut
from rhizoviz.core.outcome import Outcome
from rhizoviz.core.scenario import Scenario
from rhizoviz.core.session import Session, State


class QtSession(QObject):
    """Wraps a :class:`Session`; emits ``changed(state)`` after every change."""

    changed = pyqtSignal(object)

    def __init__(self, session: Session | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = session or Session()
        self._unsubscribe = self.core.subscribe(self.changed.emit)

    def detach(self) -> None:
        """Stop forwarding core changes (the window is closing)."""
        self._unsubscribe()

    # -- reading: delegated so widgets need not reach into ``core`` ---------
    @property
    def state(self) -> State:
        return self.core.state

    @property
    def outcome(self) -> Outcome:
        return self.core.outcome

    @property
    def atlas(self) -> Atlas:
        return self.core.atlas

    @property
    def can_undo(self) -> bool:
        return self.core.can_undo

    @property
    def can_redo(self) -> bool:
        return self.core.can_redo

    # -- intents: each is exactly one core call ------------------------------
    # ``root`` names the kind: dorsal (the default), ventral or ganglion
    def toggle(self, level: str, side: str, fraction: float = 1.0, root: str = DORSAL) -> None:
        self.core.toggle(level, side, fraction, root)

    def set_fraction(self, level: str, side: str, fraction: float, root: str = DORSAL) -> None:
        self.core.set_fraction(level, side, fraction, root)

    def cut_range(self, first: str, last: str, sides: tuple[str, ...], fraction: float,
                  root: str = DORSAL) -> None:
        self.core.cut_range(first, last, sides, fraction, root)

    def restore(self, roots: Iterable[tuple[str, str] | tuple[str, str, str]]) -> None:
        """``(level, side)`` restores a dorsal root, ``(root, level, side)`` any root."""
        self.core.restore(roots)

    def set_model(self, model: str) -> None:
        self.core.set_model(model)

    def apply_scenario(self, scenario: Scenario) -> None:
        self.core.apply_scenario(scenario)

    def apply_cuts(self, cuts: Iterable[Cut], name: str | None = None) -> None:
        self.core.apply_cuts(cuts, name)

    def rename(self, name: str) -> None:
        self.core.rename(name)

    def reset(self) -> None:
        self.core.reset()

    def undo(self) -> None:
        self.core.undo()

    def redo(self) -> None:
        self.core.redo()
