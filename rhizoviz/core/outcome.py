"""The sensory-outcome model: which skin, key points and reflexes a set of cuts affects.

One rule serves every patch of skin, key point and body vertex alike. A patch has
primary level(s) P and a supply set S that contains P:

* ``absent``   when every level in S is fully cut on that side;
* ``impaired`` when a level of P is cut (fully or partly) and the patch is not absent;
* ``normal``   otherwise.

Under the ``textbook`` model S is P (one root, one dermatome); under ``overlap``
(the default, after Sherrington and Foerster) S adds the overlapping neighbours.
Levels are encoded as bits of an int64 so the rule is a handful of numpy bitwise
operations over any number of patches: the body mesh is coloured by this same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import Cut, CutSet

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


@dataclass(frozen=True)
class RootMasks:
    """Per side, the bitmask of fully cut roots and of roots cut at all."""

    full: np.ndarray  # shape (2,), int64: left, right
    any: np.ndarray  # shape (2,), int64

    @classmethod
    def from_cuts(cls, cuts: CutSet, atlas: Atlas | None = None) -> RootMasks:
        atlas = atlas or load_atlas()
        full = [0, 0]
        anyc = [0, 0]
        for (level, side), fraction in cuts.items():
            s = SIDE_CODES[side]
            bit = 1 << atlas.index(level)
            anyc[s] |= bit
            if fraction >= 1.0:
                full[s] |= bit
        return cls(np.array(full, dtype=np.int64), np.array(anyc, dtype=np.int64))


def _one_side(primary: np.ndarray, supply: np.ndarray, full: np.int64, anyc: np.int64):
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


@dataclass(frozen=True)
class Status:
    level: str
    side: str
    status: str


@dataclass(frozen=True)
class KeyPointStatus:
    level: str
    side: str
    landmark: str
    status: str


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

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "model": self.model,
            "cuts": [c.to_dict() for c in self.cuts],
            "dermatomes": [
                {"level": d.level, "side": d.side, "status": d.status} for d in self.dermatomes
            ],
            "key_sensory_points": [
                {"level": k.level, "side": k.side, "landmark": k.landmark, "status": k.status}
                for k in self.key_points
            ],
            "reflexes": [
                {"name": r.name, "side": r.side, "levels": list(r.levels), "status": r.status}
                for r in self.reflexes
            ],
        }
        if self.body_surface is not None:
            data["body_surface"] = self.body_surface
        return data


def _table_status(
    items: list[tuple[tuple[str, ...], tuple[str, ...]]], model: str, masks: RootMasks, atlas: Atlas
) -> np.ndarray:
    """Status of (primary, supply) patches for both sides: array of shape (2, n)."""
    primary = np.array([level_bits(p, atlas) for p, _ in items], dtype=np.int64)
    supply = np.array([level_bits(s, atlas) for _, s in items], dtype=np.int64)
    supply = model_supply(model, primary, supply)
    return np.stack(
        [patch_status(primary, supply, np.full(len(items), s), masks) for s in (LEFT, RIGHT)]
    )


def evaluate(
    cuts: CutSet | Iterable[Cut], model: str = DEFAULT_MODEL, atlas: Atlas | None = None
) -> Outcome:
    """Compute dermatome, key-point and reflex status for a set of cuts."""
    atlas = atlas or load_atlas()
    model = check_model(model)
    cutset = cuts if isinstance(cuts, CutSet) else CutSet(cuts)
    masks = RootMasks.from_cuts(cutset, atlas)

    derm_levels = atlas.dermatome_levels
    derm = _table_status([((lv,), atlas.supply(lv)) for lv in derm_levels], model, masks, atlas)
    kps = atlas.key_points
    kp = _table_status([(k.primary, k.supply) for k in kps], model, masks, atlas)

    reflexes = []
    for side_i, side in enumerate(SIDES):
        for rf in atlas.reflexes:
            bits = level_bits(rf.levels, atlas)
            if bits & ~int(masks.full[side_i]) == 0:
                status = "absent"
            elif bits & int(masks.any[side_i]):
                status = "diminished"
            else:
                status = "normal"
            reflexes.append(ReflexStatus(rf.name, rf.label, side, rf.levels, status))

    return Outcome(
        model=model,
        cuts=tuple(cutset.cuts()),
        dermatomes=tuple(
            Status(lv, side, STATUS_NAMES[derm[si, i]])
            for si, side in enumerate(SIDES)
            for i, lv in enumerate(derm_levels)
        ),
        key_points=tuple(
            KeyPointStatus(k.level, side, k.landmark, STATUS_NAMES[kp[si, i]])
            for si, side in enumerate(SIDES)
            for i, k in enumerate(kps)
        ),
        reflexes=tuple(reflexes),
    )
