"""The ISNCSCI 2019 worksheet: scores, totals, and the sensory and motor levels.

A :class:`Worksheet` holds what an examiner writes down: light touch and pin prick
(0 absent, 1 altered, 2 normal) at the 28 key sensory points per side, the ten key
muscles per side (0-5), and the anal findings (VAC, DAP). The level and total
functions read scores only, never cuts, so they are the standard's rules as such:
they are checked against the open Praxis ISNCSCI algorithm's reference exams.
:func:`worksheet_from_outcome` fills a worksheet from what the outcome model says
a set of root cuts does.

The worksheet keeps its own order (C2 down to S4-5, a key muscle beside its level),
and :meth:`Worksheet.rows` yields it row by row for a renderer.

Levels (per side; the standard's definitions, our code):

* sensory level: the most caudal key point with normal (2) light touch *and* pin
  prick, every point above it normal too; C1 when C2 is already abnormal; ``INT``
  when every point is normal.
* motor level: the lowest key muscle graded at least 3 whose muscles above are all 5.
  Where no key muscle can be tested (C1-C4, T2-L1, S2-S5) the sensory exam stands in:
  the level moves down such a stretch only while sensation is normal. At C4 (and L1)
  it stops when the next key muscle is below 3; below the last key muscle of a limb
  (T1, S1) it goes on only when that muscle is 5 *and* sensation is normal from the
  first level of the limb's block to the level after the muscle (C5-T2, L2-S2), i.e.
  when the limb is normal, so that the motor level is then taken from sensation.
  Past S4-5 the anal sphincter is the last motor test: with every score normal the
  motor level is ``INT`` when voluntary anal contraction is present, S3 when it is
  absent, and ``S3,INT`` (either) when it was not testable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.outcome import Outcome

SENSORY_LEVELS: tuple[str, ...] = (
    "C2", "C3", "C4", "C5", "C6", "C7", "C8",
    "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
    "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4-5",
)  # fmt: skip
UPPER_MOTOR: tuple[str, ...] = ("C5", "C6", "C7", "C8", "T1")
LOWER_MOTOR: tuple[str, ...] = ("L2", "L3", "L4", "L5", "S1")
MOTOR_LEVELS: tuple[str, ...] = UPPER_MOTOR + LOWER_MOTOR
SCORE_OF_STATUS: dict[str, int] = {"normal": 2, "impaired": 1, "absent": 0}
INTACT = "INT"
SCAN = ("C1", *SENSORY_LEVELS)  # C1 above C2: no key point, taken as normal
# the last key muscle of each limb -> the sensory points that must be normal to pass it
_LIMB_BLOCK: dict[str, tuple[str, ...]] = {
    "T1": SCAN[SCAN.index("C5") : SCAN.index("T2") + 1],
    "S1": SCAN[SCAN.index("L2") : SCAN.index("S2") + 1],
}
_BEFORE_MUSCLES = {"C4": "C5", "L1": "L2"}


class WorksheetError(ValueError):
    """A worksheet is missing a score or holds one out of range."""


@dataclass(frozen=True)
class SideScores:
    """One side's scores, each keyed by level in the worksheet's order."""

    light_touch: Mapping[str, int]
    pin_prick: Mapping[str, int]
    motor: Mapping[str, int]

    def __post_init__(self) -> None:
        for name, table, levels, top in (
            ("light_touch", self.light_touch, SENSORY_LEVELS, 2),
            ("pin_prick", self.pin_prick, SENSORY_LEVELS, 2),
            ("motor", self.motor, MOTOR_LEVELS, 5),
        ):
            if set(table) != set(levels):
                missing = sorted(set(levels) ^ set(table))
                raise WorksheetError(f"{name}: levels differ from the worksheet's at {missing[0]}")
            for level, v in table.items():
                if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= top:
                    raise WorksheetError(f"{name}.{level}: score {v!r} is not 0 to {top}")

    def sensory_normal(self, level: str) -> bool:
        return level == "C1" or (self.light_touch[level] == 2 and self.pin_prick[level] == 2)


@dataclass(frozen=True)
class RowScores:
    motor: int | None
    light_touch: int
    pin_prick: int


@dataclass(frozen=True)
class WorksheetRow:
    """One line of the worksheet: a level, its key muscle (if any), both sides' scores."""

    level: str
    muscle: str | None
    right: RowScores
    left: RowScores


@dataclass(frozen=True)
class SideTotals:
    left: int
    right: int

    @property
    def total(self) -> int:
        return self.left + self.right

    def to_json(self) -> dict[str, int]:
        return {"left": self.left, "right": self.right, "total": self.total}


@dataclass(frozen=True)
class Worksheet:
    left: SideScores
    right: SideScores
    vac: bool | None = True  # voluntary anal contraction; None: not testable
    dap: bool | None = True  # deep anal pressure; None: not testable
    muscle_names: Mapping[str, str] | None = None  # level -> key function, for rows()

    def side(self, side: str) -> SideScores:
        return self.left if side == "left" else self.right

    def rows(self) -> Iterator[WorksheetRow]:
        """The worksheet's lines in its own order, C2 to S4-5."""
        names = self.muscle_names or {}
        for level in SENSORY_LEVELS:
            has_muscle = level in MOTOR_LEVELS
            yield WorksheetRow(
                level,
                names.get(level, level) if has_muscle else None,
                *(
                    RowScores(
                        s.motor[level] if has_muscle else None,
                        s.light_touch[level],
                        s.pin_prick[level],
                    )
                    for s in (self.right, self.left)
                ),
            )

    # -- totals ---------------------------------------------------------------
    def _totals(self, pick: Callable[[SideScores], int]) -> SideTotals:
        return SideTotals(pick(self.left), pick(self.right))

    @property
    def light_touch_total(self) -> SideTotals:
        return self._totals(lambda s: sum(s.light_touch.values()))

    @property
    def pin_prick_total(self) -> SideTotals:
        return self._totals(lambda s: sum(s.pin_prick.values()))

    @property
    def upper_motor_total(self) -> SideTotals:
        return self._totals(lambda s: sum(s.motor[lv] for lv in UPPER_MOTOR))

    @property
    def lower_motor_total(self) -> SideTotals:
        return self._totals(lambda s: sum(s.motor[lv] for lv in LOWER_MOTOR))

    @property
    def motor_total(self) -> SideTotals:
        return self._totals(lambda s: sum(s.motor.values()))

    # -- levels ---------------------------------------------------------------
    def sensory_levels(self) -> dict[str, str]:
        return {side: sensory_level(self.side(side)) for side in SIDES}

    def motor_levels(self) -> dict[str, str]:
        return {side: motor_level(self.side(side), self.vac) for side in SIDES}

    def to_json(self) -> dict[str, object]:
        """The ``exam`` object of ``rhizoviz simulate --json``."""

        def per_side(pick: Callable[[SideScores], Mapping[str, int]]) -> dict[str, dict[str, int]]:
            return {side: dict(pick(self.side(side))) for side in SIDES}

        return {
            "light_touch": per_side(lambda s: s.light_touch),
            "pin_prick": per_side(lambda s: s.pin_prick),
            "motor": per_side(lambda s: s.motor),
            "vac": _yes_no(self.vac),
            "dap": _yes_no(self.dap),
            "totals": {
                "light_touch": self.light_touch_total.to_json(),
                "pin_prick": self.pin_prick_total.to_json(),
                "upper_motor": self.upper_motor_total.to_json(),
                "lower_motor": self.lower_motor_total.to_json(),
                "motor": self.motor_total.to_json(),
            },
            "levels": {"sensory": self.sensory_levels(), "motor": self.motor_levels()},
        }


def _yes_no(value: bool | None) -> str:
    return "NT" if value is None else "yes" if value else "no"


def sensory_level(scores: SideScores) -> str:
    """The most caudal level with every point from C2 down to it normal, or ``INT``."""
    for above, level in zip(SCAN, SCAN[1:], strict=False):
        if not scores.sensory_normal(level):
            return above
    return INTACT


def motor_level(scores: SideScores, vac: bool | None = True) -> str:
    """The motor level as ISNCSCI 2019 defines it (see the module docstring);
    ``vac`` is voluntary anal contraction (None: not testable)."""
    motor = scores.motor
    for i, level in enumerate(SCAN):
        if i == len(SCAN) - 1:  # every score normal down to S4-5
            return INTACT if vac else SCAN[-2] if vac is False else f"{SCAN[-2]},{INTACT}"
        nxt = SCAN[i + 1]
        if level in _BEFORE_MUSCLES:  # C4, L1: the next level is a key muscle
            if motor[_BEFORE_MUSCLES[level]] < 3:
                return level
        elif level in _LIMB_BLOCK:  # T1, S1: the last key muscle of a limb
            limb_normal = all(scores.sensory_normal(lv) for lv in _LIMB_BLOCK[level])
            if motor[level] < 5 or not limb_normal:
                return level
        elif level in MOTOR_LEVELS:  # C5-C8, L2-L5: the next level is a key muscle too
            if motor[level] < 5 or motor[nxt] < 3:
                return level
        elif not scores.sensory_normal(nxt):  # no key muscle: sensation decides
            return level
    return INTACT


def worksheet_from_outcome(outcome: Outcome) -> Worksheet:
    """What an examiner would write down for the outcome model's findings."""
    sides = {}
    for side in SIDES:
        points = {k.level: k for k in outcome.key_points if k.side == side}
        muscles = {m.level: m.grade for m in outcome.key_muscles if m.side == side}
        sides[side] = SideScores(
            light_touch={lv: SCORE_OF_STATUS[points[lv].light_touch] for lv in SENSORY_LEVELS},
            pin_prick={lv: SCORE_OF_STATUS[points[lv].pin_prick] for lv in SENSORY_LEVELS},
            motor={lv: muscles[lv] for lv in MOTOR_LEVELS},
        )
    names = {m.level: m.name for m in outcome.key_muscles}
    return Worksheet(sides["left"], sides["right"], outcome.vac, outcome.dap, names)
