"""The bones and discs of the spine scene, built on the layout's centreline.

Each vertebra is assembled from simple closed parts (a body, pedicles, a lamina
plate, spinous, transverse and articular processes); they overlap rather than
being booleaned together, which keeps them small and deterministic.
"""

from __future__ import annotations

import numpy as np
import trimesh

from rhizoviz.meshgen.spine_layout import (
    COCCYX_V,
    SACRAL_V,
    SHAPES,
    VERTEBRAE,
    Layout,
    local_directions,
    local_points,
)
from rhizoviz.meshgen.tubes import blob, chaikin, loft, merge, tube


def _body_loft(layout: Layout, s0: float, s1: float, hw: float, hd: float, n: int = 4):
    s = np.linspace(s0, s1, n)
    up, ant, right = layout.line.frame(s)
    waist = 1.0 - 0.08 * np.sin(np.linspace(0.0, np.pi, n))
    centres = layout.line.at(s)
    return loft(centres, right, ant, hw * waist, hd * waist, sides=20, squareness=2.6)


def vertebra_mesh(layout: Layout, i: int) -> trimesh.Trimesh:
    """Body, pedicles, lamina, spinous, transverse and articular processes of vertebra i."""
    name = VERTEBRAE[i]
    sh = SHAPES[name]
    parts = []
    s0, s1 = layout.tops[name], layout.bottoms[name]
    h = s1 - s0
    canal = sh.half_depth + sh.canal_y + 1.5
    if name != "C1":
        parts.append(_body_loft(layout, s0, s1, sh.half_width, sh.half_depth))
    else:  # the atlas: an anterior arch and lateral masses instead of a body
        arch = local_points(layout, i, np.array([[-13, 4, 0], [-6, 9, 0], [6, 9, 0], [13, 4, 0]]))
        parts.append(tube(chaikin(arch), 3.5, sides=8))
        for sx in (-1, 1):
            parts.append(
                blob(
                    local_points(layout, i, np.array([[sx * 15, -4, 0]]))[0],
                    np.stack(layout.frame(i)[::-1], axis=1),
                    (7, 9, 7),
                )
            )
    if name == "C2":  # the dens rises into the atlas
        dens = local_points(layout, i, np.array([[0, 2, 0], [0, 2, 0.5 * h + 12]]))
        parts.append(tube(dens, 4.5, sides=8))
    # neural arch round the canal: pedicles, lamina, spinous process
    ped_z = 0.15 * h
    for sx in (-1, 1):
        ped = np.array(
            [
                [sx * (sh.canal_x * 0.7), -sh.half_depth * 0.6, ped_z],
                [sx * (sh.canal_x + 2.0), -canal + 1.0, ped_z],
            ]
        )
        parts.append(tube(local_points(layout, i, ped), sh.pedicle, sides=8))
        facet = np.array(
            [
                [sx * (sh.canal_x + 2.0), -canal - 1.0, -0.5 * h - 3.0],
                [sx * (sh.canal_x + 2.0), -canal - 1.0, 0.5 * h + 3.0],
            ]
        )
        parts.append(tube(local_points(layout, i, facet), sh.pedicle * 1.05, sides=8))
        lat = 1.0 if name[0] != "T" else 0.75
        tp = np.array(
            [
                [sx * (sh.canal_x + 2.0), -canal + 1.0, ped_z],
                [
                    sx * (sh.canal_x + 2.0 + sh.transverse * lat),
                    -canal + 1.0 - sh.transverse * (1 - lat),
                    ped_z + 1.0,
                ],
            ]
        )
        parts.append(tube(local_points(layout, i, tp), sh.pedicle * 0.9, sides=8))
    ang = np.linspace(-np.pi / 2, np.pi / 2, 9)
    ax, ay = sh.canal_x + 2.0, sh.canal_y + 2.0
    arch_pts = np.stack([ax * np.sin(ang), -canal - ay * np.cos(ang), np.zeros_like(ang)], axis=1)
    outward = np.stack([np.sin(ang), -np.cos(ang), np.zeros_like(ang)], axis=1)
    up = np.tile(local_directions(layout, i, np.array([0.0, 0.0, 1.0])), (len(ang), 1))
    # the laminae: a curved plate roofing the canal behind
    lamina = loft(
        local_points(layout, i, arch_pts),
        up,
        local_directions(layout, i, outward),
        0.32 * h,
        sh.pedicle * 0.7,
        sides=8,
        squareness=3.0,
    )
    parts.append(lamina)
    root = np.array([0.0, -canal - ay, 0.0])
    drop = np.radians(sh.spinous_drop)
    along = np.array([0.0, -np.cos(drop), -np.sin(drop)])
    tip = root + sh.spinous * along
    spin = local_points(layout, i, np.stack([root, 0.5 * (root + tip), tip]))
    tall = local_directions(layout, i, np.tile([0.0, -np.sin(drop), np.cos(drop)], (3, 1)))
    side = local_directions(layout, i, np.tile([1.0, 0.0, 0.0], (3, 1)))
    height = {"C": 3.5, "T": 4.5, "L": 9.0}[name[0]] * np.array([1.0, 0.9, 0.75])
    parts.append(loft(spin, tall, side, height, sh.pedicle * 0.65, sides=8, squareness=3.0))
    return merge(parts)


def disc_mesh(layout: Layout, upper: str, lower: str) -> trimesh.Trimesh:
    """The disc filling the gap between two bodies, wedge-shaped where the spine curves."""
    a, b = SHAPES[upper], SHAPES[lower]
    s0, s1 = layout.bottoms[upper], layout.tops[lower]
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    hw = np.array([a.half_width, 0.5 * (a.half_width + b.half_width), b.half_width]) * 0.98
    hd = np.array([a.half_depth, 0.5 * (a.half_depth + b.half_depth), b.half_depth]) * 0.98
    return loft(layout.line.at(s), right, ant, hw * np.array([1, 1.03, 1]), hd, 20, 2.6)


def sacrum_mesh(layout: Layout) -> trimesh.Trimesh:
    """A curved wedge from the L5/S1 disc to the coccyx, wide at the top, with its canal."""
    v = np.linspace(SACRAL_V - 0.5, SACRAL_V + 4.5, 11)
    up, ant, right = layout.frame(v)
    centres = layout.point(v) - ant * 10.0  # behind the body line: it encloses the canal
    k = (v - v[0]) / (v[-1] - v[0])
    half_w = 52.0 * (1 - k) + 14.0 * k
    half_d = 22.0 * (1 - k) + 9.0 * k
    body = loft(centres, right, ant, half_w, half_d, sides=24, squareness=3.0)
    # median crest of fused spinous processes
    crest = layout.canal(np.linspace(SACRAL_V, SACRAL_V + 3.5, 5)) - ant[1:10:2] * 9.0
    return merge([body, tube(crest, 3.5, sides=8)])


def coccyx_mesh(layout: Layout) -> trimesh.Trimesh:
    """Four small fused segments tapering below the sacrum."""
    v = np.linspace(COCCYX_V - 0.5, COCCYX_V + 3.4, 6)
    up, ant, right = layout.frame(v)
    k = (v - v[0]) / (v[-1] - v[0])
    return loft(
        layout.point(v),
        right,
        ant,
        13.0 * (1 - k) + 4.0 * k,
        7.0 * (1 - k) + 3.0 * k,
        sides=12,
        squareness=2.2,
    )


def disc_to_sacrum(layout: Layout) -> trimesh.Trimesh:
    """The L5/S1 disc, from L5's body down to the top of the sacrum."""
    a = SHAPES["L5"]
    s0 = layout.bottoms["L5"]
    s1 = float(layout.s(SACRAL_V - 0.5))
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    return loft(layout.line.at(s), right, ant, a.half_width * 0.98, a.half_depth * 0.98, 20, 2.6)
