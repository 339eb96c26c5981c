"""The outcome model: what a set of cuts does to the skin, the reflexes and the muscles.

One rule serves every patch of skin, key point and body vertex alike. A patch has
primary level(s) P and a supply set S that contains P:

* ``absent``   when every level in S has its dorsal root or ganglion fully cut on that side;
* ``impaired`` when a level of P is cut (fully or partly) and the patch is not absent;
* ``normal``   otherwise.

Under the ``textbook`` model S is P (one root, one dermatome); under ``overlap``
(the default, after Sherrington and Foerster) S adds the overlapping neighbours:
one level each way for pin prick, two for light touch (the atlas's widths), so
touch survives cuts that take pin prick. Ventral roots carry no sensation here: a
ventral cut never changes the skin. It weakens the key muscles instead
(:mod:`rhizoviz.core.motor`), and a cut of any kind breaks a reflex arc.
Levels are encoded as bits of an int64 so the rule is a handful of numpy bitwise
operations over any number of patches: the body mesh is coloured by this same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from rhizoviz.core.atlas import LIGHT_TOUCH, PIN_PRICK, SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL, Cut, CutSet
from rhizoviz.core.motor import MuscleGrade, grade_muscles

NORMAL, IMPAIRED, ABSENT = 0, 1, 2
STATUS_NAMES: tuple[str, str, str] = ("normal", "impaired", "absent")
REFLEX_STATUS_NAMES: tuple[str, str, str] = ("normal", "diminished", "absent")
MODELS: tuple[str, str] = ("overlap", "textbook")
DEFAULT_MODEL = "overlap"

LEFT, RIGHT, MIDLINE = 0, 1, 2
SIDE_CODES: dict[str, int] = {"left": LEFT, "right": RIGHT, "midline": MIDLINE}


class ModelError(ValueError):
    """An unknown outcome model was named."""


def check_model(model: object) -> str:
    if model not in MODELS:
        raise ModelError(f"unknown model {model!r}: expected 'overlap' or 'textbook'")
    return str(model)


def level_bits(levels: Iterable[str], atlas: Atlas | None = None) -> int:
    """Encode level names as a bitmask (bit i is the atlas's i-th level)."""
    atlas = atlas or load_atlas()
    bits = 0
    for name in levels:
        bits |= 1 << atlas.index(name)
    return bits


def bits_to_levels(bits: int, atlas: Atlas | None = None) -> tuple[str, ...]:
    atlas = atlas or load_atlas()
    return tuple(name for i, name in enumerate(atlas.level_names) if bits >> i & 1)


def _zeros() -> np.ndarray:
    return np.zeros(2, dtype=np.int64)


@dataclass(frozen=True)
class RootMasks:
    """Per side (left, right), level bitmasks of what is cut.

    ``full``/``any``: the sensory input, lost wholly / at all (a dorsal root cut, or
    its ganglion removed). ``arc_full``/``arc_any``: a reflex arc's level broken by a
    full cut of any kind / touched by a cut of any kind. ``ventral_full``: ventral
    roots fully cut.
    """

    full: np.ndarray  # shape (2,), int64: left, right
    any: np.ndarray  # shape (2,), int64
    arc_full: np.ndarray = field(default_factory=_zeros)
    arc_any: np.ndarray = field(default_factory=_zeros)
    ventral_full: np.ndarray = field(default_factory=_zeros)

    @classmethod
    def from_cuts(cls, cuts: CutSet, atlas: Atlas | None = None) -> RootMasks:
        atlas = atlas or load_atlas()
        masks = {name: [0, 0] for name in ("full", "any", "arc_full", "arc_any", "ventral_full")}
        for (root, level, side), fraction in cuts.root_fractions().items():
            s = SIDE_CODES[side]
            bit = 1 << atlas.index(level)
            whole = fraction >= 1.0
            masks["arc_any"][s] |= bit
            if whole:
                masks["arc_full"][s] |= bit
            if root in (DORSAL, GANGLION):
                masks["any"][s] |= bit
                if whole:
                    masks["full"][s] |= bit
            elif root == VENTRAL and whole:
                masks["ventral_full"][s] |= bit
        return cls(**{k: np.array(v, dtype=np.int64) for k, v in masks.items()})


def _one_side(
    primary: np.ndarray, supply: np.ndarray, full: np.int64, anyc: np.int64
) -> tuple[np.ndarray, np.ndarray]:
    absent = (supply != 0) & ((supply & ~full) == 0)
    impaired = ((primary & anyc) != 0) & ~absent
    return absent, impaired


def patch_status(
    primary: np.ndarray, supply: np.ndarray, side: np.ndarray, masks: RootMasks
) -> np.ndarray:
    """Status (0 normal, 1 impaired, 2 absent) of many patches at once.

    ``primary`` and ``supply`` are int64 level bitmasks, ``side`` is 0 left, 1 right,
    2 midline. Midline skin receives fibres from both sides, so it is absent only
    when both sides' supply is gone, and impaired when either side is touched.
    """
    primary = np.asarray(primary, dtype=np.int64)
    supply = np.asarray(supply, dtype=np.int64)
    side = np.asarray(side)
    abs_l, imp_l = _one_side(primary, supply, masks.full[LEFT], masks.any[LEFT])
    abs_r, imp_r = _one_side(primary, supply, masks.full[RIGHT], masks.any[RIGHT])
    absent = np.where(side == LEFT, abs_l, np.where(side == RIGHT, abs_r, abs_l & abs_r))
    touched = np.where(
        side == LEFT, imp_l, np.where(side == RIGHT, imp_r, imp_l | imp_r | abs_l | abs_r)
    )
    out = np.zeros(primary.shape, dtype=np.int8)
    out[touched & ~absent] = IMPAIRED
    out[absent] = ABSENT
    return out


def model_supply(model: str, primary: np.ndarray, supply: np.ndarray) -> np.ndarray:
    """The supply set a model uses: its overlap set, or under ``textbook`` just P."""
    return primary if check_model(model) == "textbook" else supply


def widen_supply(
    primary: np.ndarray, supply: np.ndarray, modality: str, atlas: Atlas | None = None
) -> np.ndarray:
    """Per-patch supply bitmasks for a modality, from the pin-prick ones (the body mesh
    stores those): each overlapping set grows by the extra width the modality's fields
    reach, one dermatome-bearing level per step each way. A patch whose pin-prick set is
    P alone (the occiput) has no overlap for any modality and keeps it."""
    atlas = atlas or load_atlas()
    primary = np.asarray(primary, dtype=np.int64)
    supply = np.asarray(supply, dtype=np.int64)
    extra = atlas.overlap_widths[modality] - atlas.overlap_widths[PIN_PRICK]
    derm = np.int64(level_bits(atlas.dermatome_levels, atlas))
    out = supply.copy()
    for _ in range(max(extra, 0)):
        out = out | (((out << 1) | (out >> 1)) & derm)
    return np.where(supply != primary, out, supply)


@dataclass(frozen=True)
class Status:
    """A dermatome on one side: ``status`` is its pin prick, ``light_touch`` its touch."""

    level: str
    side: str
    status: str
    light_touch: str = "normal"

    @property
    def pin_prick(self) -> str:
        return self.status


@dataclass(frozen=True)
class KeyPointStatus:
    """A key sensory point on one side: ``status`` is pin prick, ``light_touch`` touch."""

    level: str
    side: str
    landmark: str
    status: str
    light_touch: str = "normal"

    @property
    def pin_prick(self) -> str:
        return self.status


@dataclass(frozen=True)
class ReflexStatus:
    name: str
    label: str
    side: str
    levels: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class Outcome:
    """Everything the model says about one set of cuts, for both sides."""

    model: str
    cuts: tuple[Cut, ...]
    dermatomes: tuple[Status, ...]
    key_points: tuple[KeyPointStatus, ...]
    reflexes: tuple[ReflexStatus, ...]
    body_surface: dict[str, dict[str, float]] | None = field(default=None)
    key_muscles: tuple[MuscleGrade, ...] = ()
    dap: bool = True  # deep anal pressure felt
    vac: bool = True  # voluntary anal contraction present

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "model": self.model,
            "cuts": [c.to_dict() for c in self.cuts],
            "dermatomes": [
                {
                    "level": d.level,
                    "side": d.side,
                    "status": d.status,
                    "light_touch": d.light_touch,
                    "pin_prick": d.pin_prick,
                }
                for d in self.dermatomes
            ],
            "key_sensory_points": [
                {
                    "level": k.level,
                    "side": k.side,
                    "landmark": k.landmark,
                    "status": k.status,
                    "light_touch": k.light_touch,
                    "pin_prick": k.pin_prick,
                }
                for k in self.key_points
            ],
            "reflexes": [
                {"name": r.name, "side": r.side, "levels": list(r.levels), "status": r.status}
                for r in self.reflexes
            ],
            "key_muscles": [m.to_json() for m in self.key_muscles],
        }
        if self.body_surface is not None:
            data["body_surface"] = self.body_surface
        return data


@cache
def _table_bits(atlas: Atlas, table: str, modality: str) -> tuple[np.ndarray, np.ndarray]:
    """(primary, supply) bitmasks of the dermatome or key-point table, built once per atlas."""
    items: list[tuple[tuple[str, ...], tuple[str, ...]]]
    if table == "dermatomes":
        items = [((lv,), atlas.supply(lv, modality)) for lv in atlas.dermatome_levels]
    else:
        items = [(k.primary, k.supply_for(modality)) for k in atlas.key_points]
    primary = np.array([level_bits(p, atlas) for p, _ in items], dtype=np.int64)
    supply = np.array([level_bits(s, atlas) for _, s in items], dtype=np.int64)
    primary.flags.writeable = supply.flags.writeable = False
    return primary, supply


def _table_status(
    table: str, modality: str, model: str, masks: RootMasks, atlas: Atlas
) -> np.ndarray:
    """Status of a table's patches for both sides: array of shape (2, n)."""
    primary, supply = _table_bits(atlas, table, modality)
    supply = model_supply(model, primary, supply)
    n = len(primary)
    return np.stack([patch_status(primary, supply, np.full(n, s), masks) for s in (LEFT, RIGHT)])


def reflex_status(levels: tuple[str, ...], side: int, masks: RootMasks, atlas: Atlas) -> str:
    """``absent`` when every level's arc is broken (dorsal, ganglion or ventral fully cut),
    ``diminished`` when any level has a cut of any kind, else ``normal``."""
    bits = level_bits(levels, atlas)
    if bits & ~int(masks.arc_full[side]) == 0:
        return "absent"
    if bits & int(masks.arc_any[side]):
        return "diminished"
    return "normal"


def anal_findings(masks: RootMasks, atlas: Atlas) -> tuple[bool, bool]:
    """(DAP, VAC): deep anal pressure is lost when the S4 and S5 dorsal roots (or
    ganglia) are fully cut on both sides; voluntary anal contraction when the S2-S4
    ventral roots are fully cut on both sides."""
    dap_bits = level_bits(("S4", "S5"), atlas)
    vac_bits = level_bits(("S2", "S3", "S4"), atlas)
    dap_lost = all(dap_bits & ~int(masks.full[s]) == 0 for s in (LEFT, RIGHT))
    vac_lost = all(vac_bits & ~int(masks.ventral_full[s]) == 0 for s in (LEFT, RIGHT))
    return not dap_lost, not vac_lost


def evaluate(
    cuts: CutSet | Iterable[Cut], model: str = DEFAULT_MODEL, atlas: Atlas | None = None
) -> Outcome:
    """Compute dermatome, key-point, reflex, key-muscle and anal findings for a set of cuts."""
    atlas = atlas or load_atlas()
    model = check_model(model)
    cutset = cuts if isinstance(cuts, CutSet) else CutSet(cuts)
    masks = RootMasks.from_cuts(cutset, atlas)

    derm_levels = atlas.dermatome_levels
    kps = atlas.key_points
    derm, kp = {}, {}
    for modality in (PIN_PRICK, LIGHT_TOUCH):
        derm[modality] = _table_status("dermatomes", modality, model, masks, atlas)
        kp[modality] = _table_status("key_points", modality, model, masks, atlas)
    pp, lt = PIN_PRICK, LIGHT_TOUCH
    reflexes = [
        ReflexStatus(rf.name, rf.label, side, rf.levels, reflex_status(rf.levels, si, masks, atlas))
        for si, side in enumerate(SIDES)
        for rf in atlas.reflexes
    ]
    dap, vac = anal_findings(masks, atlas)
    return Outcome(
        model=model,
        cuts=tuple(cutset.cuts()),
        dermatomes=tuple(
            Status(lv, side, STATUS_NAMES[derm[pp][si, i]], STATUS_NAMES[derm[lt][si, i]])
            for si, side in enumerate(SIDES)
            for i, lv in enumerate(derm_levels)
        ),
        key_points=tuple(
            KeyPointStatus(
                k.level, side, k.landmark, STATUS_NAMES[kp[pp][si, i]], STATUS_NAMES[kp[lt][si, i]]
            )
            for si, side in enumerate(SIDES)
            for i, k in enumerate(kps)
        ),
        reflexes=tuple(reflexes),
        key_muscles=grade_muscles(cutset, atlas),
        dap=dap,
        vac=vac,
    )
