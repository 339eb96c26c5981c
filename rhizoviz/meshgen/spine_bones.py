"""The bones and discs of the spine scene, built on the layout's centreline.

Each bone is one closed surface: the zero set of a smooth union of primitives
(:mod:`vertebra_sdf`, :mod:`sacrum_sdf`) contoured and decimated by
:mod:`isosurface`, at two levels of detail. Discs are lofts between the bodies.
"""

from __future__ import annotations

import numpy as np
import trimesh

from rhizoviz.meshgen.isosurface import bent_surfaces, surface_of
from rhizoviz.meshgen.sacrum_sdf import coccyx_primitives, sacrum_primitives, top_s
from rhizoviz.meshgen.spine_layout import SHAPES, VERTEBRAE, Layout, local_points
from rhizoviz.meshgen.tubes import loft
from rhizoviz.meshgen.vertebra_sdf import vertebra_primitives

# Triangle budgets: full detail for the close-up, coarse for the whole-body view.
VERTEBRA_TRIANGLES = (2000, 480)
SACRUM_TRIANGLES = (6000, 3500)  # the coarse one contoured on its own, coarser grid
COCCYX_TRIANGLES = (700, 240)
SPACING = {"C": 0.6, "T": 0.8, "L": 0.9}  # mm; fine enough for the thin cervical bars
BoneLevels = tuple[trimesh.Trimesh, trimesh.Trimesh]


def _meshes(surfaces) -> BoneLevels:
    full, coarse = (trimesh.Trimesh(v, f, process=False) for v, f in surfaces)
    return full, coarse


def vertebra_mesh(layout: Layout, i: int) -> BoneLevels:
    """Vertebra i as one closed blended surface (full detail, coarse), in the body frame.

    Built in the vertebra's own frame (see :mod:`vertebra_sdf`) and placed rigidly on
    the centreline at its vertebral coordinate.
    """
    name = VERTEBRAE[i]
    height = layout.bottoms[name] - layout.tops[name]
    prims = vertebra_primitives(name, height)
    levels = surface_of(prims, SPACING[name[0]], VERTEBRA_TRIANGLES)
    return _meshes([(local_points(layout, i, v), f) for v, f in levels])


def disc_mesh(layout: Layout, upper: str, lower: str) -> trimesh.Trimesh:
    """The disc filling the gap between two bodies, wedge-shaped where the spine curves."""
    a, b = SHAPES[upper], SHAPES[lower]
    s0, s1 = layout.bottoms[upper], layout.tops[lower]
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    hw = np.array([a.half_width, 0.5 * (a.half_width + b.half_width), b.half_width]) * 0.98
    hd = np.array([a.half_depth, 0.5 * (a.half_depth + b.half_depth), b.half_depth]) * 0.98
    return loft(layout.line.at(s), right, ant, hw * np.array([1, 1.03, 1]), hd, 20, 2.6)


def sacrum_mesh(layout: Layout) -> BoneLevels:
    """The sacrum with its canal, hiatus and four pairs of anterior and posterior foramina."""
    prims = sacrum_primitives(layout)
    # quadric decimation of the fine contour pinches the foramina below ~5,000 triangles;
    # a contour on a 2.5 mm grid keeps all of them at fewer
    full = bent_surfaces(layout, prims, 1.5, SACRUM_TRIANGLES[:1])
    coarse = bent_surfaces(layout, prims, 2.5, SACRUM_TRIANGLES[1:])
    return _meshes([*full, *coarse])


def coccyx_mesh(layout: Layout) -> BoneLevels:
    """Four small fused segments tapering below the sacrum."""
    return _meshes(bent_surfaces(layout, coccyx_primitives(layout), 0.7, COCCYX_TRIANGLES))


def disc_to_sacrum(layout: Layout) -> trimesh.Trimesh:
    """The L5/S1 disc, from L5's body down to the top of the sacrum."""
    a = SHAPES["L5"]
    s0 = layout.bottoms["L5"]
    s1 = top_s(layout) + 1.0  # into the promontory's rounded rim
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    return loft(layout.line.at(s), right, ant, a.half_width * 0.98, a.half_depth * 0.98, 20, 2.6)
