"""Where the spine runs: its curved centreline, vertebra sizes and their stacking.

Everything hangs on one centreline through the vertebral bodies in the midline
(X = 0), curved into cervical lordosis, thoracic kyphosis, lumbar lordosis and
the sacral curve. A *vertebral coordinate* ``v`` runs along it: 0 is the centre
of C1, 1 of C2, ... 23 of L5, then 24-28 the fused sacral segments S1-S5 and
29-32 the coccygeal ones; ``v = i + 0.5`` is the disc (and the foramina) between
vertebra i and i + 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import CubicSpline

VERTEBRAE: tuple[str, ...] = (
    *(f"C{i}" for i in range(1, 8)),
    *(f"T{i}" for i in range(1, 13)),
    *(f"L{i}" for i in range(1, 6)),
)
SACRAL_V = 24.0  # v of the S1 segment of the sacrum
COCCYX_V = 29.0

# Midline centreline of the vertebral bodies (z, y) in mm, top to bottom.
_CURVE_ZY = (
    (1602.0, -4.0),
    (1560.0, -3.0),
    (1520.0, -8.0),
    (1478.0, -22.0),
    (1430.0, -33.0),
    (1360.0, -42.0),
    (1290.0, -42.0),
    (1215.0, -28.0),
    (1150.0, -13.0),
    (1090.0, -4.0),
    (1040.0, -3.0),
    (1000.0, -13.0),
    (976.0, -24.0),
    (952.0, -40.0),
    (928.0, -53.0),
    (905.0, -62.0),
    (884.0, -64.0),
    (866.0, -58.0),
    (852.0, -48.0),
)
C1_TOP_Z = 1594.0
S1_TOP_Z = 977.0


@dataclass(frozen=True)
class Shape:
    """Sizes (mm) of one vertebra's parts."""

    height: float
    disc: float  # disc below it
    half_width: float
    half_depth: float
    canal_x: float
    canal_y: float
    pedicle: float
    spinous: float
    spinous_drop: float  # degrees below the horizontal that the spinous process points
    transverse: float


def _shape(name: str) -> Shape:
    """Sizes grow down the column; spinous processes slope most in the mid-thoracic spine."""
    region, num = name[0], int(name[1:])
    if region == "C":
        k = (num - 1) / 6.0
        return Shape(
            height=13.0 + 2 * k,
            disc=5.0,
            half_width=8.5 + 4 * k,
            half_depth=7.5 + 1.5 * k,
            canal_x=12.0,
            canal_y=7.5,
            pedicle=2.8,
            spinous=24.0 if num == 7 else 13.0 + 3 * k,
            spinous_drop=15.0,
            transverse=10.0 + 3 * k,
        )
    if region == "T":
        k = (num - 1) / 11.0
        return Shape(
            height=17.0 + 6 * k,
            disc=4.5 + 2 * k,
            half_width=13.0 + 7 * k,
            half_depth=10.5 + 4.5 * k,
            canal_x=8.5,
            canal_y=7.5,
            pedicle=3.5 + k,
            spinous=27.0,
            spinous_drop=60.0 - 35.0 * k * k,
            transverse=20.0 - 4 * k,
        )
    k = (num - 1) / 4.0
    return Shape(
        height=26.0 + 3 * k,
        disc=10.0 + 1 * k,
        half_width=21.0 + 4 * k,
        half_depth=15.0 + 2 * k,
        canal_x=11.0,
        canal_y=8.0,
        pedicle=4.8,
        spinous=25.0,
        spinous_drop=5.0,
        transverse=26.0 + 4 * k,
    )


SHAPES: dict[str, Shape] = {name: _shape(name) for name in VERTEBRAE}


class Centreline:
    """Arc-length parametrised midline curve with a frame at every point."""

    def __init__(self) -> None:
        zy = np.array(_CURVE_ZY)
        pts = np.stack([np.zeros(len(zy)), zy[:, 1], zy[:, 0]], axis=1)
        chord = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
        spline = CubicSpline(chord, pts, bc_type="natural")
        fine = np.linspace(0.0, chord[-1], 4001)
        samples = spline(fine)
        arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(samples, axis=0), axis=1))])
        self._arc = arc
        self._pts = samples
        tang = np.gradient(samples, axis=0)
        tang /= np.linalg.norm(tang, axis=1, keepdims=True)
        self._down = tang  # points caudally (the curve runs top to bottom)
        self.length = float(arc[-1])

    def at(self, s: float | np.ndarray) -> np.ndarray:
        s = np.asarray(s, dtype=float)
        return np.stack([np.interp(s, self._arc, self._pts[:, i]) for i in range(3)], axis=-1)

    def frame(self, s: float | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Unit vectors (up along the spine, anterior, right) at arc length ``s``."""
        s = np.asarray(s, dtype=float)
        down = np.stack([np.interp(s, self._arc, self._down[:, i]) for i in range(3)], axis=-1)
        up = -down / np.linalg.norm(down, axis=-1, keepdims=True)
        right = np.broadcast_to(np.array([1.0, 0.0, 0.0]), up.shape)
        ant = np.cross(up, right)  # up x right = anterior for this right-handed frame
        return up, ant, right

    def s_at_z(self, z: float) -> float:
        """Arc length where the curve crosses height ``z`` (the curve descends monotonically)."""
        return float(np.interp(-z, -self._pts[:, 2], self._arc))


@dataclass(frozen=True)
class Layout:
    """Arc-length positions of vertebrae, sacral and coccygeal segments along the centreline."""

    line: Centreline
    v_knots: np.ndarray  # vertebral coordinates with known arc positions
    s_knots: np.ndarray
    tops: dict[str, float]
    bottoms: dict[str, float]

    def s(self, v: float | np.ndarray) -> np.ndarray:
        return np.interp(v, self.v_knots, self.s_knots)

    def point(self, v: float | np.ndarray) -> np.ndarray:
        return self.line.at(self.s(v))

    def frame(self, v: float | np.ndarray):
        return self.line.frame(self.s(v))

    def canal_offset(self, v: float | np.ndarray) -> np.ndarray:
        """Distance from the body centre back to the canal centre."""
        v = np.asarray(v, dtype=float)
        idx = np.clip(np.round(v).astype(int), 0, len(VERTEBRAE) - 1)
        depth = np.array([SHAPES[n].half_depth + SHAPES[n].canal_y + 1.5 for n in VERTEBRAE])
        off = depth[idx]
        sacral = np.clip((v - 23.5) / 5.0, 0.0, 1.0)
        return np.where(v > 23.5, (1 - sacral) * 24.0 + sacral * 14.0, off)

    def canal(self, v: float | np.ndarray) -> np.ndarray:
        _, ant, _ = self.frame(v)
        return self.point(v) - ant * self.canal_offset(v)[..., None]


def build_layout() -> Layout:
    """Stack the vertebrae along the curve so C1's top and S1's top land where they belong."""
    line = Centreline()
    s_top, s_s1 = line.s_at_z(C1_TOP_Z), line.s_at_z(S1_TOP_Z)
    natural = sum(SHAPES[n].height + SHAPES[n].disc for n in VERTEBRAE)
    scale = (s_s1 - s_top) / natural
    s = s_top
    v_knots, s_knots, tops, bottoms = [], [], {}, {}
    for i, name in enumerate(VERTEBRAE):
        h, d = SHAPES[name].height * scale, SHAPES[name].disc * scale
        tops[name] = s
        bottoms[name] = s + h
        if i == 0:
            v_knots.append(-0.5)
            s_knots.append(s - 6.0)
        v_knots.append(float(i))
        s_knots.append(s + 0.5 * h)
        s += h + d
    sacral = (22.0, 20.0, 17.0, 14.0, 11.0)
    coccyx = (9.0, 8.0, 7.0, 6.0)
    for j, h in enumerate(sacral + coccyx):
        v_knots.append(SACRAL_V + j)
        s_knots.append(s + 0.5 * h)
        s += h
    v_knots.append(SACRAL_V + len(sacral) + len(coccyx) - 0.5)
    s_knots.append(min(s, line.length))
    return Layout(line, np.array(v_knots), np.array(s_knots), tops, bottoms)


def local_points(layout: Layout, v: float, offsets: np.ndarray) -> np.ndarray:
    """Points given as (right, anterior, up) offsets from the body centre at ``v``."""
    up, ant, right = layout.frame(v)
    o = np.atleast_2d(offsets)
    return layout.point(v) + o[:, :1] * right + o[:, 1:2] * ant + o[:, 2:3] * up


def local_directions(layout: Layout, v: float, local: np.ndarray) -> np.ndarray:
    """Directions given as (right, anterior, up) components, in the body frame at ``v``."""
    up, ant, right = layout.frame(v)
    d = np.atleast_2d(local)
    return d[:, :1] * right + d[:, 1:2] * ant + d[:, 2:3] * up
