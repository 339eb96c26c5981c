"""The anatomical atlas: spinal levels, key sensory points, overlap, reflexes, key muscles.

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
PIN_PRICK, LIGHT_TOUCH = "pin_prick", "light_touch"
MODALITIES: tuple[str, str] = (PIN_PRICK, LIGHT_TOUCH)
MAX_OVERLAP_WIDTH = 4  # no map spreads a dermatome over more than four levels each way


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
    """An ISNCSCI key sensory point; ``primary`` is its own level(s) (S4-5 has two).

    ``supply`` is the pin-prick supply set, ``touch_supply`` the wider light-touch one.
    """

    level: str
    landmark: str
    primary: tuple[str, ...]
    supply: tuple[str, ...]
    touch_supply: tuple[str, ...] = ()

    def supply_for(self, modality: str) -> tuple[str, ...]:
        return self.touch_supply if modality == LIGHT_TOUCH else self.supply


@dataclass(frozen=True)
class KeyMuscle:
    """An ISNCSCI key muscle: its level, key function, muscle, and ventral roots.

    ``roots[0]`` is the dominant root; the rest contribute (a teaching simplification).
    """

    level: str
    name: str
    muscle: str
    roots: tuple[str, ...]

    @property
    def dominant(self) -> str:
        return self.roots[0]


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
    overlap_widths: dict[str, int]  # modality -> levels each way that overlap a dermatome
    key_muscles: tuple[KeyMuscle, ...] = ()

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

    def neighbours(self, name: str, modality: str = PIN_PRICK) -> tuple[str, ...]:
        """Dermatome-bearing levels above and below ``name`` that overlap it for a modality
        (one each way for pin prick, two for light touch in the shipped atlas)."""
        if name in self.no_overlap or not self.level(name).has_dermatome:
            return ()
        width = self.overlap_widths[modality]
        derm = self.dermatome_levels
        i = derm.index(name)
        return tuple(
            derm[j] for j in range(i - width, i + width + 1) if j != i and 0 <= j < len(derm)
        )

    def supply(self, name: str, modality: str = PIN_PRICK) -> tuple[str, ...]:
        """The overlap supply set of a level's dermatome: itself and its neighbours."""
        if not self.level(name).has_dermatome:
            return ()
        return tuple(sorted((name, *self.neighbours(name, modality)), key=self.index))

    def key_muscle(self, level: str) -> KeyMuscle:
        for km in self.key_muscles:
            if km.level == level:
                return km
        raise KeyError(level)

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
    widths = _parse_widths(_need(overlap, "modalities", dict, f"{source}: overlap"), source)
    atlas = Atlas(
        levels=tuple(levels),
        regions=regions,
        key_points=(),
        reflexes=reflexes,
        no_overlap=no_overlap,
        overlap_description=_need(overlap, "description", str, f"{source}: overlap"),
        no_overlap_reason=_need(overlap, "no_overlap_reason", str, f"{source}: overlap"),
        sources={str(k): str(v) for k, v in sources.items()},
        overlap_widths=widths,
    )
    key_points = []
    for i, raw in enumerate(_need(data, "key_sensory_points", list, source)):
        where = f"{source}: key_sensory_points[{i}]"
        primary = check_levels(raw.get("primary"), f"{where}.primary")
        supply = {m: {s for p in primary for s in atlas.supply(p, m)} for m in MODALITIES}
        key_points.append(
            KeySensoryPoint(
                level=_need(raw, "level", str, where),
                landmark=_need(raw, "landmark", str, where),
                primary=primary,
                supply=tuple(sorted(supply[PIN_PRICK], key=atlas.index)),
                touch_supply=tuple(sorted(supply[LIGHT_TOUCH], key=atlas.index)),
            )
        )
    muscles = _parse_key_muscles(_need(data, "key_muscles", list, source), names, source)
    return replace(atlas, key_points=tuple(key_points), key_muscles=muscles)


def _parse_widths(raw: dict[str, Any], source: str) -> dict[str, int]:
    """Overlap width per modality; touch must overlap at least as far as pin prick, so
    that touch is never lost where pin prick is kept."""
    widths = {}
    for modality in MODALITIES:
        where = f"{source}: overlap.modalities"
        entry = _need(raw, modality, dict, where)
        width = _need(entry, "width", int, f"{where}.{modality}")
        if not 0 <= width <= MAX_OVERLAP_WIDTH:
            raise AtlasError(f"{where}.{modality}.width: {width} is not 0 to {MAX_OVERLAP_WIDTH}")
        widths[modality] = width
    unknown = sorted(set(raw) - set(MODALITIES))
    if unknown:
        raise AtlasError(f"{source}: overlap.modalities: unknown modality '{unknown[0]}'")
    if widths[LIGHT_TOUCH] < widths[PIN_PRICK]:
        raise AtlasError(
            f"{source}: overlap.modalities.light_touch.width: narrower than pin prick's"
        )
    return widths


def _parse_key_muscles(
    raw: list[Any], names: set[str], source: str
) -> tuple[KeyMuscle, ...]:
    muscles: list[KeyMuscle] = []
    for i, entry in enumerate(raw):
        where = f"{source}: key_muscles[{i}]"
        level = _need(entry, "level", str, where)
        if level not in names:
            raise AtlasError(f"{where}.level: unknown level '{level}'")
        if any(m.level == level for m in muscles):
            raise AtlasError(f"{where}.level: duplicate key muscle level '{level}'")
        roots = _need(entry, "roots", list, where)
        if not roots or any(r not in names for r in roots) or len(set(roots)) != len(roots):
            raise AtlasError(f"{where}.roots: expected distinct known levels, not {roots!r:.60}")
        if roots[0] != level:
            raise AtlasError(f"{where}.roots: the dominant (first) root must be '{level}'")
        muscles.append(
            KeyMuscle(level, _need(entry, "name", str, where), _need(entry, "muscle", str, where),
                      tuple(roots))
        )
    return tuple(muscles)


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
