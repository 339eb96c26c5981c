"""The one state object the app shows: cuts, model, scenario name, undo history.

Widgets never compute anatomy: they send intents (cut this root, undo, switch
model) to a :class:`Session` and redraw from :attr:`Session.state` and
:attr:`Session.outcome` when told that something changed. Every change is a new
immutable :class:`State`, so undo and redo restore exactly the prior state.
Listeners are plain callables; the Qt layer wraps them in a signal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import DORSAL, Cut, CutSet, check_fraction
from rhizoviz.core.outcome import DEFAULT_MODEL, Outcome, check_model, evaluate
from rhizoviz.core.scenario import Scenario

HISTORY_LIMIT = 500
NO_CUTS, CUSTOM_CUTS = "No cuts", "Custom cuts"
GENERIC_NAMES = (NO_CUTS, CUSTOM_CUTS)  # what the session calls cuts nobody has named


@dataclass(frozen=True)
class State:
    """A complete, immutable snapshot of what the user has set up."""

    cuts: CutSet = field(default_factory=CutSet)
    model: str = DEFAULT_MODEL
    name: str = NO_CUTS
    description: str = ""

    @property
    def has_own_name(self) -> bool:
        """Was the name given (a preset, a file, a lesson), not made up by the session?"""
        return self.name not in GENERIC_NAMES and bool(self.name)

    def to_scenario(self) -> Scenario:
        return Scenario(self.name, self.description, self.model, tuple(self.cuts.cuts()))


Listener = Callable[[State], None]


class Session:
    """Holds the current :class:`State`, its outcome, and bounded undo/redo stacks."""

    def __init__(self, state: State | None = None, atlas: Atlas | None = None) -> None:
        self.atlas = atlas or load_atlas()
        self._state = state or State()
        self._outcome: Outcome | None = None
        self._undo: list[State] = []
        self._redo: list[State] = []
        self._listeners: list[Listener] = []

    # -- reading -----------------------------------------------------------
    @property
    def state(self) -> State:
        return self._state

    @property
    def cuts(self) -> CutSet:
        return self._state.cuts

    @property
    def model(self) -> str:
        return self._state.model

    @property
    def outcome(self) -> Outcome:
        """The model's answer for the current state, computed once per state."""
        if self._outcome is None:
            self._outcome = evaluate(self._state.cuts, self._state.model, self.atlas)
        return self._outcome

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(state)`` after every change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- intents -----------------------------------------------------------
    def set_fraction(self, level: str, side: str, fraction: float, root: str = DORSAL) -> None:
        """Cut one root to exactly ``fraction`` of its rootlets (0 restores it).

        ``root`` names the kind (dorsal by default, ventral, or ganglion at fraction 1).
        """
        self._check_root(level, side)
        if fraction > 0:
            check_fraction(fraction, f"{side}:{level}")
        cuts = self.cuts.with_fraction(level, side, fraction, root)
        self._commit(replace(self._state, cuts=cuts, name=self._custom_name(cuts)))

    def toggle(self, level: str, side: str, fraction: float = 1.0, root: str = DORSAL) -> None:
        """Cut an intact root, or restore a cut one (what a click on a root does)."""
        current = self.cuts.fraction(level, side, root)
        self.set_fraction(level, side, 0.0 if current > 0 else fraction, root)

    def cut_range(
        self,
        first: str,
        last: str,
        sides: Iterable[str],
        fraction: float = 1.0,
        root: str = DORSAL,
    ) -> None:
        """Cut every root from ``first`` to ``last`` on the given sides, in one undo step."""
        levels = self.atlas.level_range(first, last)
        sides = tuple(sides)
        for side in sides:
            self._check_root(first, side)
        cuts = self.cuts
        for level in levels:
            for side in sides:
                cuts = cuts.with_fraction(level, side, fraction, root)
        self._commit(replace(self._state, cuts=cuts, name=self._custom_name(cuts)))

    def restore(self, roots: Iterable[tuple[str, str] | tuple[str, str, str]]) -> None:
        """Restore roots: ``(level, side)`` a dorsal root, ``(root, level, side)`` any."""
        cuts = self.cuts.without(roots)
        self._commit(replace(self._state, cuts=cuts, name=self._custom_name(cuts)))

    def set_model(self, model: str) -> None:
        self._commit(replace(self._state, model=check_model(model)))

    def apply_scenario(self, scenario: Scenario) -> None:
        """Replace the cuts and model with a scenario's (presets, files, lesson links)."""
        self._commit(
            State(CutSet(scenario.cuts), scenario.model, scenario.name, scenario.description)
        )

    def apply_cuts(self, cuts: Iterable[Cut], name: str | None = None) -> None:
        """Replace all cuts with these (keeps the model)."""
        cutset = CutSet(cuts)
        name = name or self._custom_name(cutset)
        self._commit(replace(self._state, cuts=cutset, name=name, description=""))

    def rename(self, name: str) -> None:
        """Name the current cuts, as saving them under a file name does.

        Not an undo step: nothing on the body changes, and undo should not "unsave".
        """
        if name != self._state.name:
            self._set(replace(self._state, name=name))

    def reset(self) -> None:
        """Restore every root (undoable)."""
        self._commit(State(model=self._state.model))

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self._state)
            self._set(self._undo.pop())

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self._state)
            self._set(self._redo.pop())

    # -- internals ---------------------------------------------------------
    def _check_root(self, level: str, side: str) -> None:
        if not self.atlas.has_level(level):
            raise ValueError(f"unknown level {level!r}")
        if side not in SIDES:
            raise ValueError(f"unknown side {side!r}")

    def _custom_name(self, cuts: CutSet) -> str:
        return NO_CUTS if not cuts else CUSTOM_CUTS

    def _commit(self, new: State) -> None:
        if new == self._state:
            return
        self._undo.append(self._state)
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()
        self._set(new)

    def _set(self, new: State) -> None:
        self._state = new
        self._outcome = None
        for listener in list(self._listeners):
            listener(new)
