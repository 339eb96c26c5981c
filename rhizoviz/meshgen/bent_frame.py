"""Coordinates that follow the spine's curve: (x right, a anterior, s down the centreline).

Parts that bend with the spine (the sacrum, the coccyx, the dural sac) are modelled
in these coordinates, where the centreline is straight, then mapped to the body's
frame. The layout's right axis is +X everywhere (the curve lies in the midsagittal
plane), so the map only bends the Y-Z plane; it is smooth and one-to-one within the
spine's radius of curvature, so a closed surface stays closed.
"""

from __future__ import annotations

import numpy as np

from rhizoviz.meshgen.spine_layout import Layout


def to_world(layout: Layout, xas: np.ndarray) -> np.ndarray:
    """Points (x, a, s) to the body frame: centreline point at s, a along anterior, x along +X."""
    p = np.atleast_2d(np.asarray(xas, dtype=np.float64))
    _, ant, right = layout.line.frame(p[:, 2])
    return layout.line.at(p[:, 2]) + p[:, 1:2] * ant + p[:, 0:1] * right


def from_world(layout: Layout, points: np.ndarray, s_range: tuple[float, float]) -> np.ndarray:
    """The (x, a, s) of body-frame points near the centreline between arc lengths ``s_range``."""
    p = np.atleast_2d(np.asarray(points, dtype=np.float64))
    s = np.linspace(s_range[0], s_range[1], int(np.ceil((s_range[1] - s_range[0]) / 0.05)) + 1)
    centres = layout.line.at(s)
    out = np.empty_like(p)
    for i, q in enumerate(p):
        d = (centres[:, 1] - q[1]) ** 2 + (centres[:, 2] - q[2]) ** 2
        j = int(np.argmin(d))
        _, ant, _ = layout.line.frame(s[j])
        out[i] = (q[0], float((q - centres[j]) @ ant), s[j])
    return out


def a_of_canal(layout: Layout, s: np.ndarray) -> np.ndarray:
    """The anterior coordinate of the canal's centre at arc lengths ``s`` (negative: behind)."""
    v = np.interp(s, layout.s_knots, layout.v_knots)
    return -layout.canal_offset(v)
