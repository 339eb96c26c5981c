"""Nerve-root cuts and the spec language that names them.

A cut is (level, side, fraction of rootlets cut, root kind). The kind says what was
cut: the ``dorsal`` root (rhizotomy, the default), the ``ventral`` root (anterior
rhizotomy) or the dorsal root ``ganglion`` (ganglionectomy, always complete). A
:class:`CutSet` holds at most one fraction per root; cutting a root again keeps the
larger fraction, so the order of cuts never matters and adding a cut never restores
a fibre.

Spec grammar (command line, "Try it" links):
``[ROOT:][SIDE:]LEVEL[-LEVEL][@FRACTION]`` with ROOT one of dorsal, ventral,
ganglion and SIDE one of left, right, both; e.g. ``ventral:left:L5``,
``ganglion:left:C2``, ``dorsal:both:L2-S1@0.4`` (= ``L2-S1@0.4``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas

DORSAL, VENTRAL, GANGLION = "dorsal", "ventral", "ganglion"
ROOT_KINDS: tuple[str, str, str] = (DORSAL, VENTRAL, GANGLION)
Root = tuple[str, str]  # (level, side): a dorsal root, as the app and scene name it
RootKey = tuple[str, str, str]  # (root kind, level, side): any root of any kind


class CutSpecError(ValueError):
    """A cut spec or cut record is invalid; the message names the bad token."""


@dataclass(frozen=True, order=True)
class Cut:
    """One transected (or partly transected) root: dorsal, ventral, or a removed ganglion."""

    level: str
    side: str
    fraction: float = 1.0
    root: str = DORSAL

    def __post_init__(self) -> None:
        if self.root not in ROOT_KINDS:
            raise CutSpecError(f"unknown root {self.root!r}: expected dorsal, ventral or ganglion")
        if self.root == GANGLION and self.fraction != 1.0:
            raise CutSpecError(
                f"a ganglion is removed whole: fraction {self.fraction!r} at "
                f"{self.side} {self.level}"
            )

    @property
    def key(self) -> RootKey:
        return (self.root, self.level, self.side)

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "side": self.side,
            "fraction": self.fraction,
            "root": self.root,
        }


def check_fraction(value: object, token: str, shown: str | None = None) -> float:
    """Validate a fraction of rootlets cut: 0 < f <= 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CutSpecError(f"bad fraction {value!r} in '{token}': expected a number")
    f = float(value)
    if not math.isfinite(f) or not 0.0 < f <= 1.0:
        raise CutSpecError(
            f"bad fraction '{shown or value}' in '{token}': must be > 0 and <= 1"
        )
    return f


def check_root(value: object) -> str:
    if value not in ROOT_KINDS:
        raise CutSpecError(
            f"unknown root {value!r:.40}: expected 'dorsal', 'ventral' or 'ganglion'"
        )
    return str(value)


def make_cut(
    level: object,
    side: object,
    fraction: object = 1.0,
    atlas: Atlas | None = None,
    root: object = DORSAL,
) -> Cut:
    """Build a validated :class:`Cut` from loose values (files, widgets).

    Levels, sides and root kinds are read as in a spec: ``"c6"`` is C6, ``"LEFT"`` is
    left and ``"Dorsal"`` is dorsal.
    """
    atlas = atlas or load_atlas()
    if not isinstance(level, str):
        raise CutSpecError(f"unknown level {level!r}")
    name = _canonical_level(level, atlas)
    if not isinstance(side, str) or side.lower() not in SIDES:
        raise CutSpecError(f"unknown side {side!r}: expected 'left' or 'right'")
    kind = check_root(root.lower() if isinstance(root, str) else root)
    f = check_fraction(fraction, f"{name}@{fraction}")
    if kind == GANGLION and f != 1.0:
        raise CutSpecError(f"bad fraction {fraction!r} for a ganglion: a ganglion is removed whole")
    return Cut(name, side.lower(), f, kind)


MAX_SPEC_CHARS = 64  # longer than any real spec: error lines stay one short line
SPEC_FORM = "[ROOT:][SIDE:]LEVEL[-LEVEL][@FRACTION]"

_SPEC = re.compile(
    r"^(?P<prefix>(?:[A-Za-z]+:){0,2})(?P<first>[A-Za-z]+\d+)(?:-(?P<last>[A-Za-z]+\d+))?"
    r"(?:@(?P<fraction>[^@]*))?$"
)


def _canonical_level(token: str, atlas: Atlas) -> str:
    """The atlas's name for a level in any case (``c6``, ``co1``), as specs and files read."""
    upper = token.upper()
    name = "Co" + upper[2:] if upper.startswith("CO") else upper
    if not atlas.has_level(name):
        raise CutSpecError(f"unknown level '{token}'")
    return name


def _root_and_sides(prefix: list[str], spec: str) -> tuple[str, tuple[str, ...]]:
    """Read the ROOT and SIDE tokens before the level; each may be left out."""
    root, side_tok = DORSAL, None
    if len(prefix) == 2:
        first, second = (t.lower() for t in prefix)
        if first not in ROOT_KINDS:
            if first in (*SIDES, "both") and second in ROOT_KINDS:
                raise CutSpecError(
                    f"root '{prefix[1]}' in the wrong place in '{spec}': write {SPEC_FORM}"
                )
            raise CutSpecError(
                f"unknown root '{prefix[0]}' in '{spec}': use dorsal, ventral or ganglion"
            )
        root, side_tok = first, prefix[1]
        if second in ROOT_KINDS:
            raise CutSpecError(f"root '{prefix[1]}' in the wrong place in '{spec}': one root only")
    elif len(prefix) == 1:
        if prefix[0].lower() in ROOT_KINDS:
            root = prefix[0].lower()
        else:
            side_tok = prefix[0]
    if side_tok is None or side_tok.lower() == "both":
        return root, SIDES
    if side_tok.lower() in SIDES:
        return root, (side_tok.lower(),)
    what = "side" if len(prefix) == 2 else "side or root"
    raise CutSpecError(
        f"unknown {what} '{side_tok}' in '{spec}': use left, right or both"
        + ("" if len(prefix) == 2 else " (or dorsal, ventral, ganglion)")
    )


def parse_spec(spec: str, atlas: Atlas | None = None) -> list[Cut]:
    """Parse one cut spec into cuts, e.g. ``right:L2-S1@0.6`` or ``ventral:left:L5``.

    Raises :class:`CutSpecError` naming the offending token.
    """
    atlas = atlas or load_atlas()
    text = spec.strip() if isinstance(spec, str) else ""
    if not text:
        raise CutSpecError("empty cut spec ''")
    if len(text) > MAX_SPEC_CHARS:
        raise CutSpecError(f"cut spec too long ({len(text)} characters): '{text[:24]}…'")
    if not text.isprintable():
        raise CutSpecError(f"cut spec contains a control character: {text[:MAX_SPEC_CHARS]!r}")
    m = _SPEC.match(text)
    if not m:
        raise CutSpecError(f"bad cut spec '{spec}': expected {SPEC_FORM}")
    root, sides = _root_and_sides([t for t in m["prefix"].split(":") if t], spec)
    first = _canonical_level(m["first"], atlas)
    last = _canonical_level(m["last"], atlas) if m["last"] else first
    fraction = 1.0
    if m["fraction"] is not None:
        if root == GANGLION:
            raise CutSpecError(
                f"fraction '@{m['fraction']}' on a ganglion in '{spec}': "
                "a ganglion is removed whole"
            )
        try:
            fraction = float(m["fraction"])
        except ValueError:
            raise CutSpecError(f"bad fraction '{m['fraction']}' in '{spec}'") from None
        fraction = check_fraction(fraction, spec, m["fraction"])
    return [
        Cut(lv, s, fraction, root) for lv in atlas.level_range(first, last) for s in sides
    ]


def parse_specs(specs: Iterable[str], atlas: Atlas | None = None) -> list[Cut]:
    return [cut for spec in specs for cut in parse_spec(spec, atlas)]


def format_fraction(fraction: float) -> str:
    return f"{fraction:.0%}"


class CutSet(Mapping[Root, float]):
    """An immutable set of cut roots of every kind.

    Design: the set stores one fraction per :data:`RootKey` ``(root, level, side)``;
    a ganglion's fraction is always 1. Two views read it:

    * The general API names the kind: ``fraction(level, side, root)``,
      ``root_fractions()`` (every ``RootKey`` -> fraction, in order), ``cuts()`` (every
      cut, with its ``root``), ``with_fraction(level, side, f, root)``, ``without()``
      with ``RootKey`` triples, and ``sensory_fraction()`` (what the skin loses: a
      removed ganglion counts as a fully cut dorsal root).
    * The Mapping view, ``(level, side) -> fraction``, is the *dorsal* roots only, as
      it always was: ``cuts[(level, side)]``, ``len(cuts)``, iteration, and every
      method whose ``root`` is left out mean the dorsal root. So code written when only
      dorsal roots could be cut keeps its meaning; a removed ganglion is not a dorsal
      cut there (restoring the dorsal root does not bring a ganglion back).

    ``bool(cuts)`` and ``cuts.is_empty`` follow all kinds: a set with only ventral
    cuts is not "no cuts". Equality and hashing compare every kind.
    """

    __slots__ = ("_records",)

    def __init__(self, cuts: Iterable[Cut] = ()) -> None:
        records: dict[RootKey, float] = {}
        for c in cuts:
            key = c.key
            records[key] = max(records.get(key, 0.0), c.fraction)
        self._records = records

    @classmethod
    def _of(cls, records: dict[RootKey, float]) -> CutSet:
        new = cls()
        new._records = records
        return new

    # -- the Mapping view: dorsal roots, (level, side) -> fraction ---------------
    def __getitem__(self, key: Root) -> float:
        level, side = key
        return self._records[(DORSAL, level, side)]

    def __iter__(self) -> Iterator[Root]:
        return iter([(level, side) for root, level, side in self._ordered() if root == DORSAL])

    def __len__(self) -> int:
        return sum(1 for root, _, _ in self._records if root == DORSAL)

    def __bool__(self) -> bool:
        return bool(self._records)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        return (DORSAL, *key) in self._records

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CutSet) and self._records == other._records

    def __hash__(self) -> int:
        return hash(frozenset(self._records.items()))

    def __repr__(self) -> str:
        return f"CutSet({self.cuts()!r})"

    # -- the general API: every kind of root ----------------------------------
    @property
    def is_empty(self) -> bool:
        return not self._records

    def _ordered(self) -> list[RootKey]:
        atlas = load_atlas()
        return sorted(
            self._records, key=lambda k: (atlas.index(k[1]), k[2], ROOT_KINDS.index(k[0]))
        )

    def root_fractions(self) -> dict[RootKey, float]:
        """Every cut root -> fraction, cranio-caudal, left before right, dorsal first."""
        return {key: self._records[key] for key in self._ordered()}

    def cuts(self) -> list[Cut]:
        """Every cut of every kind, cranio-caudal, left before right, dorsal first."""
        return [
            Cut(level, side, f, root) for (root, level, side), f in self.root_fractions().items()
        ]

    def fraction(self, level: str, side: str, root: str = DORSAL) -> float:
        """The fraction of this root that is cut (1 for a removed ganglion, 0 if intact)."""
        return self._records.get((root, level, side), 0.0)

    def sensory_fraction(self, level: str, side: str) -> float:
        """How much of a level's sensory input is lost: its ganglion's loss is total."""
        if (GANGLION, level, side) in self._records:
            return 1.0
        return self._records.get((DORSAL, level, side), 0.0)

    def with_cuts(self, cuts: Iterable[Cut]) -> CutSet:
        """A new set with these cuts added (the larger fraction wins)."""
        return CutSet([*self.cuts(), *cuts])

    def with_fraction(self, level: str, side: str, fraction: float, root: str = DORSAL) -> CutSet:
        """A new set in which one root has exactly ``fraction`` cut (0 restores it)."""
        records = dict(self._records)
        key = (check_root(root), level, side)
        if fraction <= 0:
            records.pop(key, None)
        else:
            f = check_fraction(fraction, f"{root}:{side}:{level}")
            if root == GANGLION and f != 1.0:
                raise CutSpecError(f"bad fraction {fraction!r} for a ganglion: removed whole")
            records[key] = f
        return CutSet._of(records)

    def without(self, roots: Iterable[Root | RootKey]) -> CutSet:
        """A new set with these roots restored: ``(level, side)`` names a dorsal root,
        ``(root, level, side)`` any root."""
        drop = {key if len(key) == 3 else (DORSAL, *key) for key in roots}
        return CutSet._of({k: f for k, f in self._records.items() if k not in drop})
