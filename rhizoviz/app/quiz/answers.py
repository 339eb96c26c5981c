"""The answer part of a quiz question, one widget per kind.

Each gives the grader (:func:`rhizoviz.core.quiz_grading.grade`) the response it takes
for its kind: the cuts come from the session (which-roots), marks per key point
(where-loss), level names (name-dermatome), statuses per reflex (reflexes). Every one
is usable by keyboard alone: combo boxes and a line edit, in tab order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from rhizoviz.core.atlas import Atlas
from rhizoviz.core.outcome import REFLEX_STATUS_NAMES, STATUS_NAMES
from rhizoviz.core.quiz_grading import normalise_level

Root = tuple[str, str]


def parse_levels(text: str, atlas: Atlas) -> list[str]:
    """'C6', 'c5, c6', 'T4-T8', 'T4 to T8', 'S4-5' -> atlas level names; ValueError if not."""
    cleaned = text.replace("\u2013", "-").replace(" to ", "-").replace(";", ",")
    tokens = [t for part in cleaned.split(",") for t in part.split()]
    if not tokens:
        raise ValueError("type a level, e.g. C6 or T4-T8")
    names = set(atlas.level_names)
    out: list[str] = []
    for token in tokens:
        whole = normalise_level(token)
        if whole in names or whole == "S4-5":
            out.append(whole)
            continue
        first, dash, last = token.partition("-")
        a, b = normalise_level(first), normalise_level(last)
        if dash and a in names and b in names and atlas.index(a) <= atlas.index(b):
            out.extend(atlas.level_range(a, b))
            continue
        raise ValueError(f"'{token[:20]}' is not a level (e.g. C6, T10, L4, S4-5)")
    return list(dict.fromkeys(out))


class RootsAnswer(QWidget):
    """which-roots: the answer is the session's cuts; this says what they are now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel("Cut roots in the 3D view or the Levels panel (arrow keys and Space "
                      "work too), until your body matches the one shown. Then Submit.")
        hint.setWordWrap(True)
        self.current = QLabel("Your cuts: none yet.")
        self.current.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.current)

    def show_note(self, text: str) -> None:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet("font-style: italic;")
        layout = self.layout()
        if layout is not None:
            layout.addWidget(note)

    def show_cuts(self, text: str) -> None:
        self.current.setText(f"Your cuts: {text or 'none yet'}.")


class _StatusGrid(QWidget):
    """Rows of (label, status combo): shared by the key-point and the reflex answers."""

    changed = pyqtSignal()

    def __init__(self, rows: Sequence[tuple[Any, str]], statuses: Sequence[str],
                 parent: QWidget | None = None, tips: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.statuses = tuple(statuses)
        self.combos: dict[Any, QComboBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, label) in enumerate(rows):
            combo = QComboBox()
            combo.addItems(list(self.statuses))
            combo.setAccessibleName(label)
            combo.currentIndexChanged.connect(self.changed)
            name = QLabel(label)
            name.setBuddy(combo)
            if i < len(tips):
                name.setToolTip(tips[i])
                combo.setToolTip(tips[i])
            grid.addWidget(name, i, 0)
            grid.addWidget(combo, i, 1)
            self.combos[key] = combo

    def values(self) -> dict[Any, str]:
        return {key: combo.currentText() for key, combo in self.combos.items()}

    def set_value(self, key: Any, status: str) -> None:
        self.combos[key].setCurrentIndex(self.statuses.index(status))


class MarksAnswer(_StatusGrid):
    """where-loss: each asked key point marked normal, impaired or absent.

    A click on a key point (or its skin) in the 3D view cycles its mark, so the
    body and this list always agree.
    """

    def __init__(self, points: Sequence[Root], landmarks: dict[str, str],
                 parent: QWidget | None = None) -> None:
        rows = [((lv, side), f"{side} {lv}") for lv, side in points]
        super().__init__(rows, STATUS_NAMES, parent, [landmarks.get(lv, "") for lv, _ in points])

    def cycle(self, point: Root) -> bool:
        """normal -> impaired -> absent -> normal; False if the point is not asked."""
        combo = self.combos.get(point)
        if combo is None:
            return False
        combo.setCurrentIndex((combo.currentIndex() + 1) % len(self.statuses))
        return True


class _ReflexGrid(_StatusGrid):
    def __init__(self, atlas: Atlas, sides: Sequence[str]) -> None:
        rows = [((rf.name, side), f"{side} {rf.name}")
                for side in sides for rf in atlas.reflexes]
        super().__init__(rows, REFLEX_STATUS_NAMES, None,
                         [f"{rf.label}: {', '.join(rf.levels)}" for _ in sides
                          for rf in atlas.reflexes])


MUSCLE_GRADES: tuple[str, ...] = ("5", "4", "3", "2", "1", "0")  # MRC grades, 5 normal


class ReflexAnswer(QWidget):
    """reflexes: each tested reflex on each side normal, diminished or absent, and, where
    the outcome model grades the key muscles, each key muscle's grade (5 normal to 0)."""

    changed = pyqtSignal()

    def __init__(self, atlas: Atlas, sides: Sequence[str],
                 muscles: Sequence[dict[str, Any]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reflexes = _ReflexGrid(atlas, sides)
        self.reflexes.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Tendon reflexes</b>"))
        layout.addWidget(self.reflexes)
        self.muscles: _StatusGrid | None = None
        shown = [m for m in muscles if m.get("side") in sides]
        if shown:
            rows = [((m["name"], m["side"]), f"{m['side']} {m['name']}") for m in shown]
            tips = [f"{m['level']} key muscle ({', '.join(m.get('roots', ()))})" for m in shown]
            self.muscles = _StatusGrid(rows, MUSCLE_GRADES, None, tips)
            self.muscles.changed.connect(self.changed)
            layout.addWidget(QLabel("<b>Key muscles</b> (MRC grade, 5 normal)"))
            layout.addWidget(self.muscles)
        self.combos = {**self.reflexes.combos}

    def values(self) -> dict[Any, str]:
        return self.reflexes.values()

    def set_value(self, key: Any, status: str) -> None:
        self.reflexes.set_value(key, status)

    def muscle_values(self) -> dict[Any, int]:
        """The grades chosen, as numbers (the outcome model's grades are numbers)."""
        if self.muscles is None:
            return {}
        return {key: int(v) for key, v in self.muscles.values().items()}

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.reflexes.statuses


class LevelAnswer(QWidget):
    """name-dermatome: the level (or, for a band, the levels) typed in."""

    submitted = pyqtSignal()

    def __init__(self, band: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("e.g. T4-T8" if band else "e.g. C6")
        self.edit.setAccessibleName("Level")
        self.edit.returnPressed.connect(self.submitted)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        label = QLabel("Levels of the band:" if band else "Dermatome:")
        label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def levels(self, atlas: Atlas) -> list[str]:
        """The typed levels; ValueError (shown under the field) if they do not parse."""
        try:
            levels = parse_levels(self.edit.text(), atlas)
        except ValueError as exc:
            self.error.setText(str(exc))
            raise
        self.error.setText("")
        return levels
