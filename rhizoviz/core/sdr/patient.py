"""The simulated child with spastic diplegia: dorsal roots L1–S2, rootlets, grades.

Rootlets here are the fascicles a surgeon teases apart for testing, not the one to
three anatomical rootlets of a lumbar root at the cord (Leng et al. 2018). One
series tested 100–120 filaments over L2–L5 and S1–S2 on both sides, about 8–10 a
root (Illum et al. 2006); counts vary by surgeon [?]. The trainer draws 4–10.

Grades follow Phillips & Park [definitions not re-read: ?]:
0 no sustained response (a single discharge), 1+ sustained discharge in the
muscles of the stimulated segment, 2+ spread to the adjacent segment(s), 3+ to
distant ipsilateral segments, 4+ to the other leg. Higher grades cluster at L5–S1
(Wolter et al. 2020, 146 patients); the per-level weights below encode that skew,
and their exact values are ours.

Thresholds: dorsal rootlets need more current than ventral roots (about 0.4 mA
separated them, Pediatr Neurosurg 2020;55:17). The trainer draws 0.1–2.0 mA,
log-normal around 0.6 mA, lower for higher grades (a low threshold was one of the
BC Children's phase-1 criteria, Steinbok et al. 1995). The range is plausible,
not measured [?].

Sphincter: some S1–S2 rootlets carry pudendal afferents and give an anal-sphincter
response; S2 often carries most of them (facts: pudendal mapping). The trainer
flags 15 % of S1 and 40 % of S2 rootlets [?].

Determinism: everything is drawn from ``random.Random(seed).random()``, whose
sequence Python guarantees for integer seeds, with our own transforms (no
``randint``/``gauss``), so a seed gives the same child on every machine.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import NormalDist

from rhizoviz.core.atlas import SIDES

LEVELS: tuple[str, ...] = ("L1", "L2", "L3", "L4", "L5", "S1", "S2")
GRADES: tuple[int, ...] = (0, 1, 2, 3, 4)
GRADE_LABELS: tuple[str, ...] = ("0", "1+", "2+", "3+", "4+")
GRADE_MEANINGS: tuple[str, ...] = (
    "no sustained response (a single discharge)",
    "sustained discharge in the muscles of the stimulated segment",
    "spread to the adjacent segment(s)",
    "spread to distant ipsilateral segments",
    "spread to the contralateral limb",
)
GRADE_CAVEAT = (
    "Phillips & Park grading; definitions as summarised, not re-read from the original [?]"
)

MIN_ROOTLETS, MAX_ROOTLETS = 4, 10
MIN_THRESHOLD_MA, MAX_THRESHOLD_MA = 0.10, 2.00
MAX_SEED = 2**63 - 1

# Relative weight of grades 0..4 at each level before the child's severity tilt.
# Skewed towards high grades at L5–S1 (Wolter et al. 2020); the numbers are ours.
GRADE_WEIGHTS: dict[str, tuple[float, ...]] = {
    "L1": (0.42, 0.30, 0.16, 0.08, 0.04),
    "L2": (0.36, 0.30, 0.20, 0.09, 0.05),
    "L3": (0.30, 0.30, 0.22, 0.12, 0.06),
    "L4": (0.22, 0.26, 0.25, 0.17, 0.10),
    "L5": (0.14, 0.22, 0.26, 0.22, 0.16),
    "S1": (0.12, 0.20, 0.26, 0.24, 0.18),
    "S2": (0.26, 0.28, 0.22, 0.14, 0.10),
}
SPHINCTER_CHANCE: dict[str, float] = {"S1": 0.15, "S2": 0.40}

_ID = re.compile(r"^(?P<level>[A-Za-z]\d)-(?P<side>[A-Za-z]+)-(?P<index>\d{1,3})$")
_NORMAL = NormalDist()


class PatientError(ValueError):
    """A bad seed or rootlet id; the message names it in one line."""


@dataclass(frozen=True)
class Rootlet:
    """One teased fascicle of a dorsal root, as the stimulator finds it."""

    level: str
    side: str
    index: int  # from 1, medial to lateral as laid out on the field
    grade: int  # 0..4
    threshold_ma: float
    sphincter: bool

    @property
    def id(self) -> str:
        return rootlet_id(self.level, self.side, self.index)

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "level": self.level,
            "side": self.side,
            "index": self.index,
            "grade": self.grade,
            "threshold_ma": self.threshold_ma,
            "sphincter": self.sphincter,
        }


def rootlet_id(level: str, side: str, index: int) -> str:
    return f"{level}-{side}-{index}"


@dataclass(frozen=True)
class Patient:
    """A child drawn from ``seed``: rootlets per (level, side), cranio-caudal, left first."""

    seed: int
    severity: float  # tilts every level's grades: > 1 more high grades
    roots: dict[tuple[str, str], tuple[Rootlet, ...]]

    def __iter__(self) -> Iterator[Rootlet]:
        for level in LEVELS:
            for side in SIDES:
                yield from self.roots[(level, side)]

    def rootlets(self) -> list[Rootlet]:
        return list(self)

    def count(self, level: str, side: str) -> int:
        return len(self.roots[(level, side)])

    def rootlet(self, ident: str) -> Rootlet:
        """The rootlet named ``ident`` (e.g. ``L5-left-3``); PatientError if none."""
        level, side, index = parse_rootlet_id(ident)
        root = self.roots[(level, side)]
        if not 1 <= index <= len(root):
            raise PatientError(
                f"unknown rootlet '{ident}': {side} {level} has rootlets 1-{len(root)}"
            )
        return root[index - 1]


def parse_rootlet_id(ident: object) -> tuple[str, str, int]:
    """``L5-left-3`` → ("L5", "left", 3); level and side are case-insensitive."""
    text = ident.strip() if isinstance(ident, str) else ""
    m = _ID.match(text) if len(text) <= 16 else None
    if not m:
        raise PatientError(
            f"bad rootlet id {str(ident)[:32]!r}: expected LEVEL-SIDE-INDEX, e.g. L5-left-3"
        )
    level, side = m["level"].upper(), m["side"].lower()
    if level not in LEVELS:
        raise PatientError(f"unknown level '{m['level']}' in rootlet '{text}': L1-S2 only")
    if side not in SIDES:
        raise PatientError(f"unknown side '{m['side']}' in rootlet '{text}': left or right")
    return level, side, int(m["index"])


def check_seed(seed: object) -> int:
    """A seed is an integer 0 <= seed <= 2**63 - 1 (bools and strings refused)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise PatientError(f"bad seed {str(seed)[:32]!r}: expected an integer 0..2**63-1")
    return seed


def _choose(weights: tuple[float, ...], u: float) -> int:
    total = sum(weights)
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w / total
        if u < acc:
            return i
    return len(weights) - 1


def _threshold(grade: int, u: float) -> float:
    """Log-normal around 0.6 mA, 12 % lower per grade, clipped to 0.1–2.0 mA."""
    z = _NORMAL.inv_cdf(min(max(u, 1e-9), 1 - 1e-9))
    value = 0.6 * math.exp(0.45 * z) * 0.88**grade
    return round(min(max(value, MIN_THRESHOLD_MA), MAX_THRESHOLD_MA), 2)


def draw_patient(seed: int) -> Patient:
    """The child of ``seed``; the same seed gives the same child everywhere."""
    rng = random.Random(check_seed(seed))
    u = rng.random
    severity = 0.7 + 0.6 * u()  # 0.7..1.3
    base_count = 5 + int(4 * u())  # the surgeon's teasing: 5..8 fascicles a root
    roots: dict[tuple[str, str], tuple[Rootlet, ...]] = {}
    for level in LEVELS:
        tilted = tuple(w * severity**g for g, w in zip(GRADES, GRADE_WEIGHTS[level], strict=True))
        for side in SIDES:
            n = min(max(base_count - 1 + int(4 * u()), MIN_ROOTLETS), MAX_ROOTLETS)
            rootlets = []
            for index in range(1, n + 1):
                grade = _choose(tilted, u())
                threshold = _threshold(grade, u())
                sphincter = u() < SPHINCTER_CHANCE.get(level, 0.0)
                rootlets.append(Rootlet(level, side, index, grade, threshold, sphincter))
            roots[(level, side)] = tuple(rootlets)
    return Patient(seed, round(severity, 3), roots)
