"""The sacrum and coccyx as smooth unions in the spine's bent coordinates.

Coordinates are (x, a, s) of :mod:`bent_frame` (s grows caudally). The sacrum is five
fused segments: bodies narrowing downward, the alae and lateral parts beside them,
the roof of the sacral canal with the median crest behind, the S1 superior articular
processes, and the canal itself open above and at the sacral hiatus below. At each of
S1-S4 an intervertebral foramen leaves the canal sideways and opens forward by an
anterior and backward by a posterior sacral foramen (Gray's Anatomy, 41st ed.,
the sacrum and coccyx). Where those channels are is defined here once, and the sacral
roots of :mod:`spine_nerves` are routed through them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rhizoviz.meshgen.bent_frame import a_of_canal
from rhizoviz.meshgen.sdf import Primitive
from rhizoviz.meshgen.spine_layout import COCCYX_V, SACRAL_V, Layout
from rhizoviz.meshgen.vertebra_sdf import cone, cyl, ell

SEGMENT_HEIGHTS = (22.0, 20.0, 17.0, 14.0, 11.0)  # S1-S5, as the layout stacks them
BODY_HALF_WIDTH = (22.0, 16.0, 13.0, 10.5, 8.0)
BODY_HALF_DEPTH = (15.0, 12.0, 10.0, 8.0, 6.0)
LATERAL_WIDTH = (28.0, 19.0, 13.0, 8.5, 4.5)  # alae at S1, lateral parts below
CANAL_HALF_WIDTH = (14.0, 12.0, 10.0, 8.5, 7.0)
CANAL_HALF_DEPTH = (6.0, 5.6, 5.2, 5.0, 4.6)
FORAMEN_X = (19.0, 15.5, 13.0, 11.5)  # S1-S4 intervertebral foramina, from the midline
ANTERIOR_RADIUS = (4.4, 4.0, 3.5, 3.0)
POSTERIOR_RADIUS = (3.0, 2.8, 2.5, 2.2)


def segment_s(layout: Layout, j: int) -> float:
    """Arc length of the centre of sacral segment j (0 = S1)."""
    return float(layout.s(SACRAL_V + j))


def top_s(layout: Layout) -> float:
    """Arc length of the top of S1 (the upper surface of the promontory)."""
    return segment_s(layout, 0) - 0.5 * SEGMENT_HEIGHTS[0]


@dataclass(frozen=True)
class SacralForamen:
    """Where a sacral root (S1-S4) leaves, in bent coordinates on the right (x > 0) side."""

    s: float
    recess: tuple[float, float]  # (x, a) where the lateral channel leaves the canal
    foramen: tuple[float, float]  # (x, a): the intervertebral foramen, the channel's end
    anterior: tuple[float, float]  # (x, a) just outside the anterior foramen
    posterior: tuple[float, float]  # (x, a) just outside the posterior foramen
    ganglion_x: float


def sacral_foramen(layout: Layout, k: int) -> SacralForamen:
    """The foramina of S``k`` (1-4), between fused segments k and k + 1."""
    s = float(layout.s(SACRAL_V + k - 0.5))
    ac = float(a_of_canal(layout, np.array([s]))[0])
    j = k - 1
    xf = FORAMEN_X[j]
    cw, cd = CANAL_HALF_WIDTH[j], CANAL_HALF_DEPTH[j]
    front = 0.5 * (BODY_HALF_DEPTH[j] + BODY_HALF_DEPTH[j + 1]) + 6.0
    return SacralForamen(
        s=s,
        recess=(cw - 2.0, ac + 1.0),
        foramen=(xf, ac + 3.0),
        anterior=(xf + 1.5, front),
        posterior=(xf - 1.0, ac - cd - 14.0),
        ganglion_x=xf + 2.0,  # at the lateral end of the intervertebral foramen
    )


def _canal_points(layout: Layout, s: np.ndarray) -> np.ndarray:
    return a_of_canal(layout, s)


def sacrum_primitives(layout: Layout) -> list[Primitive]:
    """Everything of the sacrum, then the canal and foramina carved out."""
    k = 3.0
    seg = [segment_s(layout, j) for j in range(5)]
    prims: list[Primitive] = []
    for j, s in enumerate(seg):
        hh = 0.5 * SEGMENT_HEIGHTS[j]
        bw, bd, lw = BODY_HALF_WIDTH[j], BODY_HALF_DEPTH[j], LATERAL_WIDTH[j]
        ac = float(_canal_points(layout, np.array([s]))[0])
        cw, cd = CANAL_HALF_WIDTH[j], CANAL_HALF_DEPTH[j]
        # S5 stops short of the coccyx: the S5 roots leave in the gap below it
        body_hh = hh - (3.5 if j == 4 else 1.0)
        prims.append(cyl("sacral_body", (0, 0, s), (bw - 1.5, bd - 1.5, body_hh), 1.5, k))
        # lateral parts (the alae at S1): one tapering column each side, blended smooth
        if j < 4:
            nxt = segment_s(layout, j + 1)
            for sx in (-1, 1):
                prims.append(cone("lateral_part",
                                  (sx * (bw + 0.5 * lw - 3.0), 0.5 * (ac + bd) - 2.0, s),
                                  (sx * (BODY_HALF_WIDTH[j + 1] + 0.5 * LATERAL_WIDTH[j + 1] - 3.0),
                                   0.5 * (ac + BODY_HALF_DEPTH[j + 1]) - 2.0, nxt),
                                  0.5 * lw + 2.0, 0.5 * LATERAL_WIDTH[j + 1] + 2.0, 5.0))
        # the canal's side walls; at S5 only their upper half (the S5 roots pass below)
        wall_s, wall_hh = (s, hh - 2.0) if j < 4 else (s - 2.0, hh - 4.0)
        for sx in (-1, 1):
            prims.append(Primitive("box", "canal_wall", (sx * (cw + 2.5), ac - 1.0, wall_s),
                                   (3.0, cd + 3.0, wall_hh), 1.5, 0.0, k))
        if j < 4:  # the canal's roof (fused laminae) and the median crest; S5 is open
            prims.append(Primitive("box", "roof", (0.0, ac - cd - 2.0, s),
                                   (cw + 1.0, 1.0, hh - 1.0), 1.8, 0.0, k))
            prims.append(ell("median_crest", (0, ac - cd - 6.0, s), (2.6, 4.0, 0.35 * hh + 2), k))
        else:  # the sacral cornua beside the hiatus
            for sx in (-1, 1):
                prims.append(cone("cornu", (sx * (cw - 1.0), ac - cd - 1.0, s - 2.0),
                                  (sx * (cw - 2.0), ac - cd - 1.5, s + hh + 2.0), 2.4, 1.8, k))
    # the upper surface of the alae and the S1 superior articular processes
    s1, ac1 = top_s(layout), float(_canal_points(layout, np.array([seg[0]]))[0])
    for sx in (-1, 1):
        prims.append(ell("ala", (sx * 32.0, -6.0, s1 + 8.0), (18.0, 10.0, 7.0), 5.0))
        prims.append(
            ell("superior_articular", (sx * 17.0, ac1 - 5.0, s1 - 3.0), (3.5, 4.5, 6.5), k)
        )
    # carvings: the canal from above the promontory to below S5, then each foramen
    s_path = np.array([s1 - 14.0, *seg, seg[-1] + 14.0])
    a_path = _canal_points(layout, s_path)
    cw_path = np.array([CANAL_HALF_WIDTH[0], *CANAL_HALF_WIDTH, CANAL_HALF_WIDTH[-1]])
    cd_path = np.array([CANAL_HALF_DEPTH[0], *CANAL_HALF_DEPTH, CANAL_HALF_DEPTH[-1]])
    for i in range(len(s_path) - 1):
        for side in (-1.0, 0.0, 1.0):
            x0 = side * (cw_path[i] - cd_path[i])
            x1 = side * (cw_path[i + 1] - cd_path[i + 1])
            prims.append(cone("sacral_canal", (x0, a_path[i], s_path[i]),
                              (x1, a_path[i + 1], s_path[i + 1]),
                              cd_path[i], cd_path[i + 1], 1.0, carve=True))
    for kk in range(1, 5):
        f = sacral_foramen(layout, kk)
        j = kk - 1
        for sx in (-1, 1):
            rec = (sx * f.recess[0], f.recess[1], f.s)
            mid = (sx * f.foramen[0], f.foramen[1], f.s)
            prims.append(cone("intervertebral_foramen", rec, mid, 4.4, 4.2, 1.0, carve=True))
            prims.append(cone("anterior_foramen", mid, (sx * f.anterior[0], f.anterior[1], f.s),
                              ANTERIOR_RADIUS[j], ANTERIOR_RADIUS[j] + 0.4, 1.0, carve=True))
            prims.append(cone("posterior_foramen", (sx * f.foramen[0], f.foramen[1] - 2.0, f.s),
                              (sx * f.posterior[0], f.posterior[1], f.s),
                              POSTERIOR_RADIUS[j], POSTERIOR_RADIUS[j] + 0.3, 1.0, carve=True))
    return prims


def coccyx_primitives(layout: Layout) -> list[Primitive]:
    """Four small fused segments; the first with cornua and stubby transverse processes."""
    k = 2.0
    sizes = ((8.5, 6.0, 3.8), (6.5, 5.0, 3.4), (5.0, 4.0, 3.0), (3.6, 3.0, 2.6))
    prims: list[Primitive] = []
    for j, (hw, hd, hh) in enumerate(sizes):
        s = float(layout.s(COCCYX_V + j))
        prims.append(ell("coccygeal_segment", (0, 0, s), (hw, hd, hh + 1.0), k))
    s0 = float(layout.s(COCCYX_V))
    for sx in (-1, 1):
        prims.append(ell("coccygeal_transverse", (sx * 8.5, -1.0, s0 + 1.0), (3.0, 2.5, 2.2), k))
        prims.append(cone("coccygeal_cornu", (sx * 3.5, -4.5, s0), (sx * 4.0, -6.0, s0 - 6.0),
                          1.8, 1.4, k))
    return prims
