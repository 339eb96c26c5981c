"""Drawing the cuts of a quiz question from a seeded random source.

Every draw goes through :class:`random.Random` methods whose results are fixed for
an integer seed on every platform and Python version (``random()``, ``randrange``),
and every choice is made from a tuple in atlas order: no set or dict iteration order,
no ``hash``. The same seed therefore gives the same quiz everywhere.

Difficulties:

* ``starter``: the textbook model (one root, one dermatome), one root, one side;
* ``standard``: the overlap model, a range of up to four roots, one side or both;
* ``hard``: the overlap model, ranges in two regions, partial cuts, and other kinds of
  root (ventral roots, ganglia) once the cut model has them (:func:`root_kinds`).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rhizoviz.core import cuts as cuts_module
from rhizoviz.core.atlas import SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import Cut, CutSet

DIFFICULTIES: tuple[str, ...] = ("starter", "standard", "hard")
DORSAL = "dorsal"
#: The kinds of root a hard question may cut once the cut model knows them, in draw order.
EXTRA_ROOT_KINDS: tuple[str, ...] = ("ventral", "ganglion")
#: Share of hard-question ranges that stay dorsal when other root kinds exist.
DORSAL_SHARE = 0.6
SIDE_CHOICES: tuple[tuple[str, ...], ...] = (("left",), ("right",), SIDES)
#: Regions with skin below C1 and above Co1: what a question draws its ranges from.
QUIZ_REGIONS: tuple[str, ...] = ("cervical", "thoracic", "lumbar", "sacral")

T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One item, chosen with ``randrange`` (stable across Python versions)."""
    return items[rng.randrange(len(items))]


def root_kinds() -> tuple[str, ...]:
    """The root kinds cuts can name: ``("dorsal",)`` until :class:`Cut` has a ``root`` field.

    When the cut model gains ``Cut.root`` (dorsal, ventral, ganglion), hard questions
    start cutting the other kinds too, with no change here.
    """
    if "root" not in {f.name for f in dataclasses.fields(Cut)}:
        return (DORSAL,)
    known = getattr(cuts_module, "ROOT_KINDS", (DORSAL, *EXTRA_ROOT_KINDS))
    return (DORSAL, *(k for k in EXTRA_ROOT_KINDS if k in known))


def new_cut(level: str, side: str, fraction: float, root: str = DORSAL) -> Cut:
    """A cut of one root of the given kind (a ganglion is removed whole)."""
    if root == DORSAL:
        return Cut(level, side, fraction)
    if root == "ganglion":
        fraction = 1.0
    return Cut(level, side, fraction, root=root)


def cut_root_kind(cut: Cut) -> str:
    return str(getattr(cut, "root", DORSAL))


@dataclass(frozen=True)
class Draw:
    """The cuts of one question and the model it is asked under."""

    model: str
    cuts: tuple[Cut, ...]

    @property
    def cutset(self) -> CutSet:
        return CutSet(self.cuts)


def region_levels(region: str, atlas: Atlas) -> tuple[str, ...]:
    """The levels of a region that have skin (no C1, no Co1 in its own region)."""
    return tuple(lv for lv in atlas.levels_in_region(region) if atlas.level(lv).has_dermatome)


def _range(rng: random.Random, levels: Sequence[str], longest: int) -> tuple[str, ...]:
    length = min(1 + rng.randrange(longest), len(levels))
    start = rng.randrange(len(levels) - length + 1)
    return tuple(levels[start : start + length])


def _partial_fraction(rng: random.Random) -> float:
    """Full, or a partial cut between 25 % and 75 % in steps of 5 % (as SDR cuts)."""
    if rng.random() < 0.5:
        return 1.0
    return round(0.25 + 0.05 * rng.randrange(11), 2)


def _root_kind(rng: random.Random, kinds: Sequence[str]) -> str:
    """Always one draw, so adding root kinds changes which roots, not the whole quiz."""
    r = rng.random()
    if len(kinds) == 1 or r < DORSAL_SHARE:
        return DORSAL
    others = kinds[1:]
    return others[min(int((r - DORSAL_SHARE) / (1 - DORSAL_SHARE) * len(others)), len(others) - 1)]


def draw_cuts(
    rng: random.Random,
    difficulty: str,
    atlas: Atlas | None = None,
    levels: Sequence[str] | None = None,
) -> Draw:
    """Random cuts for a question of this difficulty.

    ``levels`` narrows the roots a starter question may cut (e.g. reflex levels).
    """
    atlas = atlas or load_atlas()
    if difficulty == "starter":
        pool = tuple(levels) if levels else tuple(
            lv for r in QUIZ_REGIONS for lv in region_levels(r, atlas)
        )
        return Draw("textbook", (Cut(pick(rng, pool), pick(rng, SIDES), 1.0),))
    if difficulty == "standard":
        region = pick(rng, QUIZ_REGIONS)
        span = _range(rng, region_levels(region, atlas), 4)
        sides = pick(rng, SIDE_CHOICES)
        return Draw("overlap", tuple(Cut(lv, s, 1.0) for lv in span for s in sides))
    if difficulty == "hard":
        kinds = root_kinds()
        first = rng.randrange(len(QUIZ_REGIONS))
        second = (first + 1 + rng.randrange(len(QUIZ_REGIONS) - 1)) % len(QUIZ_REGIONS)
        cuts: list[Cut] = []
        for region in sorted((QUIZ_REGIONS[first], QUIZ_REGIONS[second]), key=QUIZ_REGIONS.index):
            span = _range(rng, region_levels(region, atlas), 3)
            sides = pick(rng, SIDE_CHOICES)
            fraction = _partial_fraction(rng)
            root = _root_kind(rng, kinds)
            cuts.extend(new_cut(lv, s, fraction, root) for lv in span for s in sides)
        return Draw("overlap", tuple(CutSet(cuts).cuts()))
    raise ValueError(f"unknown difficulty {difficulty!r}")


def draw_until(
    rng: random.Random,
    make: Callable[[], Draw],
    accept: Callable[[Draw], bool],
    attempts: int = 50,
) -> Draw | None:
    """Draw until ``accept`` holds; None after ``attempts`` tries (the caller moves on)."""
    for _ in range(attempts):
        draw = make()
        if accept(draw):
            return draw
    return None


def regions_of(cuts: Sequence[Cut], atlas: Atlas | None = None) -> tuple[str, ...]:
    """The regions the cuts fall in, cranio-caudal."""
    atlas = atlas or load_atlas()
    found = {atlas.level(c.level).region for c in cuts}
    return tuple(r.name for r in atlas.regions if r.name in found)
