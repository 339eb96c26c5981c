"""Dorsal-root cuts and the spec language that names them.

A cut is (level, side, fraction of rootlets cut). A :class:`CutSet` holds at most
one fraction per root; cutting a root again keeps the larger fraction, so the
order of cuts never matters and adding a cut never restores a fibre.

Spec grammar (command line, "Try it" links): ``[left:|right:|both:]LEVEL[-LEVEL][@FRACTION]``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas

Root = tuple[str, str]  # (level, side)


class CutSpecError(ValueError):
    """A cut spec or cut record is invalid; the message names the bad token."""


@dataclass(frozen=True, order=True)
class Cut:
    """One transected (or partly transected) dorsal root."""

    level: str
    side: str
    fraction: float = 1.0

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level, "side": self.side, "fraction": self.fraction}


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


def make_cut(
    level: object, side: object, fraction: object = 1.0, atlas: Atlas | None = None
) -> Cut:
    """Build a validated :class:`Cut` from loose values (files, widgets)."""
    atlas = atlas or load_atlas()
    if not isinstance(level, str) or not atlas.has_level(level):
        raise CutSpecError(f"unknown level {level!r}")
    if side not in SIDES:
        raise CutSpecError(f"unknown side {side!r}: expected 'left' or 'right'")
    return Cut(level, str(side), check_fraction(fraction, f"{level}@{fraction}"))


MAX_SPEC_CHARS = 64  # longer than any real spec: error lines stay one short line

_SPEC = re.compile(
    r"^(?:(?P<side>[A-Za-z]+):)?(?P<first>[A-Za-z]+\d+)(?:-(?P<last>[A-Za-z]+\d+))?"
    r"(?:@(?P<fraction>[^@]*))?$"
)


def _canonical_level(token: str, atlas: Atlas) -> str:
    upper = token.upper()
    name = "Co" + upper[2:] if upper.startswith("CO") else upper
    if not atlas.has_level(name):
        raise CutSpecError(f"unknown level '{token}'")
    return name


def parse_spec(spec: str, atlas: Atlas | None = None) -> list[Cut]:
    """Parse one cut spec into cuts, e.g. ``right:L2-S1@0.6``.

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
        raise CutSpecError(
            f"bad cut spec '{spec}': expected [left:|right:|both:]LEVEL[-LEVEL][@FRACTION]"
        )
    side_tok = m["side"]
    if side_tok is None or side_tok.lower() == "both":
        sides: tuple[str, ...] = SIDES
    elif side_tok.lower() in SIDES:
        sides = (side_tok.lower(),)
    else:
        raise CutSpecError(f"unknown side '{side_tok}' in '{spec}': use left, right or both")
    first = _canonical_level(m["first"], atlas)
    last = _canonical_level(m["last"], atlas) if m["last"] else first
    fraction = 1.0
    if m["fraction"] is not None:
        try:
            fraction = float(m["fraction"])
        except ValueError:
            raise CutSpecError(f"bad fraction '{m['fraction']}' in '{spec}'") from None
        fraction = check_fraction(fraction, spec, m["fraction"])
    return [Cut(lv, s, fraction) for lv in atlas.level_range(first, last) for s in sides]


def parse_specs(specs: Iterable[str], atlas: Atlas | None = None) -> list[Cut]:
    return [cut for spec in specs for cut in parse_spec(spec, atlas)]


def format_fraction(fraction: float) -> str:
    return f"{fraction:.0%}"


class CutSet(Mapping[Root, float]):
    """An immutable set of cut roots: (level, side) -> fraction of rootlets cut."""

    __slots__ = ("_roots",)

    def __init__(self, cuts: Iterable[Cut] = ()) -> None:
        roots: dict[Root, float] = {}
        for c in cuts:
            key = (c.level, c.side)
            roots[key] = max(roots.get(key, 0.0), c.fraction)
        self._roots = roots

    def __getitem__(self, key: Root) -> float:
        return self._roots[key]

    def __iter__(self) -> Iterator[Root]:
        atlas = load_atlas()
        return iter(sorted(self._roots, key=lambda r: (atlas.index(r[0]), r[1])))

    def __len__(self) -> int:
        return len(self._roots)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CutSet) and self._roots == other._roots

    def __hash__(self) -> int:
        return hash(frozenset(self._roots.items()))

    def __repr__(self) -> str:
        return f"CutSet({self.cuts()!r})"

    def cuts(self) -> list[Cut]:
        """The cuts in cranio-caudal order, left before right."""
        return [Cut(level, side, self._roots[(level, side)]) for level, side in self]

    def fraction(self, level: str, side: str) -> float:
        return self._roots.get((level, side), 0.0)

    def with_cuts(self, cuts: Iterable[Cut]) -> CutSet:
        """A new set with these cuts added (the larger fraction wins)."""
        return CutSet([*self.cuts(), *cuts])

    def with_fraction(self, level: str, side: str, fraction: float) -> CutSet:
        """A new set in which one root has exactly ``fraction`` cut (0 restores it)."""
        roots = dict(self._roots)
        if fraction <= 0:
            roots.pop((level, side), None)
        else:
            roots[(level, side)] = check_fraction(fraction, f"{side}:{level}")
        new = CutSet()
        new._roots = roots
        return new

    def without(self, roots: Iterable[Root]) -> CutSet:
        """A new set with these roots restored."""
        drop = set(roots)
        return CutSet(c for c in self.cuts() if (c.level, c.side) not in drop)
