"""Key-muscle grades (ISNCSCI 0-5) after ventral-root cuts: a small weighted model.

Each key muscle has ventral roots in the atlas, dominant first. The model (ours, a
teaching simplification after the modelling suggestion in facts-2 §1):

* the dominant root carries :data:`DOMINANT_WEIGHT` of the muscle's motor units,
  the contributing roots share the rest equally;
* cutting a fraction f of a root's rootlets removes f of its share, so the strength
  kept is ``s = 1 - sum(weight * fraction)``;
* grade 5 when no root is cut, 0 when every root is fully cut, otherwise the step
  :data:`GRADE_STEPS` of ``s``, clamped to 1-4 (a cut never leaves a muscle normal,
  and one root left never leaves it paralysed).

With these numbers the dominant root cut alone keeps s = 0.4, grade 3 (full range
against gravity), and one contributing root cut alone keeps s >= 0.6, grade 4. The
grade only falls as any root's fraction rises (tested as a property). Dorsal roots
and ganglia never change a grade: a deafferented limb is clumsy, not weak.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhizoviz.core.atlas import SIDES, Atlas, KeyMuscle
from rhizoviz.core.cuts import VENTRAL, CutSet

DOMINANT_WEIGHT = 0.6
# (lowest strength kept, grade), tried in order; below the last, grade 1
GRADE_STEPS: tuple[tuple[float, int], ...] = ((0.55, 4), (0.35, 3), (0.15, 2))


def root_weights(muscle: KeyMuscle) -> dict[str, float]:
    """Each root's share of the muscle: the dominant root first."""
    if len(muscle.roots) == 1:
        return {muscle.roots[0]: 1.0}
    rest = (1.0 - DOMINANT_WEIGHT) / (len(muscle.roots) - 1)
    return {root: DOMINANT_WEIGHT if i == 0 else rest for i, root in enumerate(muscle.roots)}


def grade(muscle: KeyMuscle, fractions: dict[str, float]) -> int:
    """The 0-5 grade of a muscle whose ventral roots have these fractions cut."""
    cut = {r: min(max(fractions.get(r, 0.0), 0.0), 1.0) for r in muscle.roots}
    if not any(cut.values()):
        return 5
    if all(f >= 1.0 for f in cut.values()):
        return 0
    kept = 1.0 - sum(w * cut[r] for r, w in root_weights(muscle).items())
    for threshold, g in GRADE_STEPS:
        if kept >= threshold - 1e-9:
            return g
    return 1


@dataclass(frozen=True)
class MuscleGrade:
    """One key muscle on one side, graded."""

    level: str
    side: str
    name: str
    roots: tuple[str, ...]
    grade: int

    def to_json(self) -> dict[str, object]:
        return {
            "level": self.level,
            "side": self.side,
            "name": self.name,
            "roots": list(self.roots),
            "grade": self.grade,
        }


def grade_muscles(cuts: CutSet, atlas: Atlas) -> tuple[MuscleGrade, ...]:
    """Every key muscle on both sides (left first, then right; atlas order), graded."""
    out = []
    for side in SIDES:
        for m in atlas.key_muscles:
            fractions = {r: cuts.fraction(r, side, VENTRAL) for r in m.roots}
            out.append(MuscleGrade(m.level, side, m.name, m.roots, grade(m, fractions)))
    return tuple(out)
