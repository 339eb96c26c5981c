"""The dural sac: one closed surface round the cord and cauda equina, with root sleeves.

Modelled in the canal's own coordinates (x, a - canal centre, s) where the canal is
straight: an elliptic tube a little narrower than the bony canal, from the foramen
magnum to about S2 (Gray's Anatomy, 41st ed., spinal meninges: the dural sac ends at the
second sacral vertebra), rounded at its end; a sleeve of dura follows each root from
the sac's wall to its foramen and ends at the ganglion. Roots of S3 and below leave
through the sac's lower end (the sleeves of those roots are not modelled).
"""

from __future__ import annotations

import numpy as np

from rhizoviz.meshgen.bent_frame import a_of_canal, from_world, to_world
from rhizoviz.meshgen.canal import canal_half_size
from rhizoviz.meshgen.isosurface import field_surfaces
from rhizoviz.meshgen.sdf import Grid, evaluate, smooth_min
from rhizoviz.meshgen.spine_layout import SACRAL_V, Layout
from rhizoviz.meshgen.vertebra_sdf import cone

SAC_END_V = SACRAL_V + 1.5  # the lower border of S2
SAC_TRIANGLES = 6000
SPACING = 1.0


def sac_half_size(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sac fills the canal but for the epidural space (under a millimetre each side)."""
    hw, hd = canal_half_size(v)
    return hw - 0.8, hd - 0.7


def _tube_field(layout: Layout, grid: Grid, s_top: float, s_end: float) -> np.ndarray:
    x, a, s = (grid.axis(i) for i in range(3))
    v = np.interp(s, layout.s_knots, layout.v_knots)
    rx, ry = sac_half_size(v)
    taper = np.clip((s - (s_end - 12.0)) / 12.0, 0.0, 1.0)
    shrink = np.sqrt(np.maximum(1.0 - taper * taper, 0.04))
    rx, ry = rx * shrink, ry * shrink
    X, A = x[:, None, None], a[None, :, None]
    RX, RY = rx[None, None, :], ry[None, None, :]
    u0, w0 = X / RX, A / RY
    u1, w1 = X / (RX * RX), A / (RY * RY)
    k0 = np.sqrt(u0 * u0 + w0 * w0)
    k1 = np.sqrt(u1 * u1 + w1 * w1)
    d = k0 * (k0 - 1.0) / np.maximum(k1, 1e-9)
    ends = np.maximum(s_top - s, s - s_end)[None, None, :]
    return np.maximum(d, ends)


def sleeve_primitives(layout: Layout, exits: list[tuple[float, np.ndarray]], s_end: float):
    """A cone of dura from the sac's wall to each foramen given as (v of exit, world point)."""
    prims = []
    for v_out, point in exits:
        s_out = float(layout.s(v_out))
        if s_out > s_end - 6.0:
            continue  # leaves by the sac's end
        x, a, s = from_world(layout, point[None, :], (s_out - 15.0, s_out + 15.0))[0]
        a_rel = a - float(a_of_canal(layout, np.array([s]))[0])
        rx, _ = sac_half_size(np.array([v_out]))
        sx = np.sign(x)
        start = (sx * (float(rx[0]) - 2.5), 0.6 * a_rel, s_out)
        r0, r1 = (2.5, 2.2) if 6.5 < v_out < 18.6 else (3.0, 2.6)  # thoracic foramina are small
        prims.append(cone("root_sleeve", start, (x, a_rel, s), r0, r1, 2.0))
    return prims


def dural_sac_mesh(layout: Layout, exits: list[tuple[float, np.ndarray]]):
    """(vertices, faces) of the sac and its sleeves in the body frame."""
    s_top = float(layout.s(-0.9))
    s_end = float(layout.s(SAC_END_V))
    sleeves = sleeve_primitives(layout, exits, s_end)
    lo = np.array([-28.0, -16.0, s_top - 8.0])  # room for the C1 sleeves above the top
    hi = np.array([28.0, 16.0, s_end + 3.0])
    shape = tuple(int(n) for n in np.ceil((hi - lo) / SPACING).astype(int) + 1)
    grid = Grid(tuple(float(c) for c in lo), SPACING, shape)  # type: ignore[arg-type]
    field = _tube_field(layout, grid, s_top, s_end)
    if sleeves:
        field = smooth_min(field, evaluate(sleeves, grid), 2.0)
    (v, f), = field_surfaces(field, grid, (SAC_TRIANGLES,))
    v = v.copy()
    v[:, 1] += a_of_canal(layout, v[:, 2])
    world = to_world(layout, v)
    p0, p1, p2 = world[f[:, 0]], world[f[:, 1]], world[f[:, 2]]
    if float(np.einsum("ij,ij->i", p0, np.cross(p1, p2)).sum()) < 0:
        f = f[:, ::-1].copy()
    return world, f
