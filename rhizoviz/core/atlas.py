"""The anatomical atlas: spinal levels, key sensory points, overlap and reflexes.

The tables live in ``data/atlas.json`` and are validated when loaded, so that a
future map (Foerster, Keegan & Garrett, Lee 2008) is another data file rather
than new code. Nothing here imports Qt or VTK.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

SIDES: tuple[str, str] = ("left", "right")


class AtlasError(ValueError):
    """An atlas file is malformed; the message names the file and field."""


@dataclass(frozen=True)
class Level:
    """One spinal nerve pair (a left and a right dorsal root)."""

    name: str
    region: str
    index: int
    has_dermatome: bool


@dataclass(frozen=True)
class KeySensoryPoint:
    """An ISNCSCI key sensory point; ``primary`` is its own level(s) (S4-5 has two)."""

    level: str
    landmark: str
    primary: tuple[str, ...]
    supply: tuple[str, ...]


@dataclass(frozen=True)
class Reflex:
    """A stretch reflex whose afferent limb runs in the dorsal roots of ``levels``."""

    name: str
    label: str
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    name: str
    prefix: str
    label: str


@dataclass(frozen=True, eq=False)
class Atlas:
    """Validated atlas tables with fast name-to-index look-ups."""

    levels: tuple[Level, ...]
    regions: tuple[Region, ...]
    key_points: tuple[KeySensoryPoint, ...]
    reflexes: tuple[Reflex, ...]
    no_overlap: frozenset[str]
    overlap_description: str
    no_overlap_reason: str
    sources: dict[str, str]

    @property
    def level_names(self) -> tuple[str, ...]:
        return tuple(lv.name for lv in self.levels)

    @property
    def dermatome_levels(self) -> tuple[str, ...]:
        """Levels that supply skin (every level but C1)."""
        return tuple(lv.name for lv in self.levels if lv.has_dermatome)

    @cached_property
    def _index(self) -> dict[str, int]:
        return {lv.name: i for i, lv in enumerate(self.levels)}

    def index(self, name: str) -> int:
        return self._index[name]

    def has_level(self, name: str) -> bool:
        return name in self._index

    def level(self, name: str) -> Level:
        return self.levels[self.index(name)]

    def levels_in_region(self, region: str) -> tuple[str, ...]:
        return tuple(lv.name for lv in self.levels if lv.region == region)

    def neighbours(self, name: str) -> tuple[str, ...]:
        """Dermatome-bearing levels directly above and below ``name`` that overlap it."""
        if name in self.no_overlap or not self.level(name).has_dermatome:
            return ()
        derm = self.dermatome_levels
        i = derm.index(name)
        return tuple(derm[j] for j in (i - 1, i + 1) if 0 <= j < len(derm))

    def supply(self, name: str) -> tuple[str, ...]:
        """The overlap supply set of a level's dermatome: itself and its neighbours."""
        if not self.level(name).has_dermatome:
            return ()
        return tuple(sorted((name, *self.neighbours(name)), key=self.index))

    def level_range(self, first: str, last: str) -> tuple[str, ...]:
        """Levels from ``first`` to ``last`` inclusive, in cranio-caudal order."""
        i, j = self.index(first), self.index(last)
        if i > j:
            i, j = j, i
        return self.level_names[i : j + 1]

    def key_point(self, level: str) -> KeySensoryPoint:
        for kp in self.key_points:
            if kp.level == level:
                return kp
        raise KeyError(level)

    def reflex(self, name: str) -> Reflex:
        for rf in self.reflexes:
            if rf.name == name:
                return rf
        raise KeyError(name)


def _need(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict):
        raise AtlasError(f"{where}: expected an object")
    if key not in obj:
        raise AtlasError(f"{where}: missing field '{key}'")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise AtlasError(f"{where}.{key}: wrong type {type(value).__name__}")
    return value


def parse_atlas(data: Any, source: str = "atlas") -> Atlas:
    """Build an :class:`Atlas` from decoded JSON, raising :class:`AtlasError` on any flaw."""
    if not isinstance(data, dict):
        raise AtlasError(f"{source}: top level must be an object")
    regions = tuple(
        Region(
            _need(r, "name", str, f"{source}: regions[{i}]"),
            _need(r, "prefix", str, f"{source}: regions[{i}]"),
            _need(r, "label", str, f"{source}: regions[{i}]"),
        )
        for i, r in enumerate(_need(data, "regions", list, source))
    )
    region_names = {r.name for r in regions}
    levels: list[Level] = []
    seen: set[str] = set()
    for i, raw in enumerate(_need(data, "levels", list, source)):
        where = f"{source}: levels[{i}]"
        name = _need(raw, "name", str, where)
        region = _need(raw, "region", str, where)
        if region not in region_names:
            raise AtlasError(f"{where}.region: unknown region '{region}'")
        if name in seen:
            raise AtlasError(f"{where}.name: duplicate level '{name}'")
        seen.add(name)
        levels.append(Level(name, region, i, bool(_need(raw, "dermatome", bool, where))))
    names = {lv.name for lv in levels}

    def check_levels(values: Any, where: str) -> tuple[str, ...]:
        if not isinstance(values, list) or not values:
            raise AtlasError(f"{where}: expected a non-empty list of levels")
        for v in values:
            if v not in names:
                raise AtlasError(f"{where}: unknown level '{v}'")
        return tuple(values)

    overlap = _need(data, "overlap", dict, source)
    no_overlap = frozenset(_need(overlap, "no_overlap", list, f"{source}: overlap"))
    for v in no_overlap:
        if v not in names:
            raise AtlasError(f"{source}: overlap.no_overlap: unknown level '{v}'")
    reflexes = tuple(
        Reflex(
            _need(r, "name", str, f"{source}: reflexes[{i}]"),
            _need(r, "label", str, f"{source}: reflexes[{i}]"),
            check_levels(r.get("levels"), f"{source}: reflexes[{i}].levels"),
        )
        for i, r in enumerate(_need(data, "reflexes", list, source))
    )
    sources = _need(data, "sources", dict, source)
    atlas = Atlas(
        levels=tuple(levels),
        regions=regions,
        key_points=(),
        reflexes=reflexes,
        no_overlap=no_overlap,
        overlap_description=_need(overlap, "description", str, f"{source}: overlap"),
        no_overlap_reason=_need(overlap, "no_overlap_reason", str, f"{source}: overlap"),
        sources={str(k): str(v) for k, v in sources.items()},
    )
    key_points = []
    for i, raw in enumerate(_need(data, "key_sensory_points", list, source)):
        where = f"{source}: key_sensory_points[{i}]"
        primary = check_levels(raw.get("primary"), f"{where}.primary")
        supply: set[str] = set()
        for p in primary:
            supply.update(atlas.supply(p))
        key_points.append(
            KeySensoryPoint(
                level=_need(raw, "level", str, where),
                landmark=_need(raw, "landmark", str, where),
                primary=primary,
                supply=tuple(sorted(supply, key=atlas.index)),
            )
        )
    return replace(atlas, key_points=tuple(key_points))


def load_atlas_file(path: str | Path) -> Atlas:
    """Load and validate an atlas JSON file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AtlasError(f"{path}: cannot read atlas ({exc})") from None
    return parse_atlas(data, str(path))


@cache
def load_atlas() -> Atlas:
    """The shipped atlas, loaded once."""
    text = resources.files("rhizoviz.core").joinpath("data/atlas.json").read_text("utf-8")
    return parse_atlas(json.loads(text), "rhizoviz/core/data/atlas.json")
