"""The size of the bony vertebral canal along the spine, shared by the sac and the roots."""

from __future__ import annotations

import numpy as np

from rhizoviz.meshgen.sacrum_sdf import CANAL_HALF_DEPTH, CANAL_HALF_WIDTH
from rhizoviz.meshgen.spine_layout import SACRAL_V, SHAPES, VERTEBRAE


def canal_half_size(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half width and half depth of the bony canal at vertebral coordinate ``v``."""
    v = np.asarray(v, dtype=float)
    knots = [*range(len(VERTEBRAE)), *(SACRAL_V + j for j in range(5))]
    hw = [*(SHAPES[n].canal_x for n in VERTEBRAE), *CANAL_HALF_WIDTH]
    hd = [*(SHAPES[n].canal_y for n in VERTEBRAE), *CANAL_HALF_DEPTH]
    idx = np.clip(np.round(v).astype(int), 0, len(VERTEBRAE) - 1)  # stepwise like the bones
    sacral = v > SACRAL_V - 0.5
    return (
        np.where(sacral, np.interp(v, knots, hw), np.array(hw)[idx]),
        np.where(sacral, np.interp(v, knots, hd), np.array(hd)[idx]),
    )
