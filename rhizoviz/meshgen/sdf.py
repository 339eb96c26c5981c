"""Signed-distance primitives and a smooth union evaluated on a voxel grid.

Only +, *, min, max and sqrt are used on the hot path: those are correctly
rounded in IEEE arithmetic, so the field (and the surface contoured from it)
does not depend on which SIMD kernels numpy picks on a given CPU.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Vec = tuple[float, float, float]


@dataclass(frozen=True)
class Primitive:
    """One shape of the figure; ``part`` names the body region it models."""

    kind: str  # "cone" (round cone / capsule), "ellipsoid", "box" (rounded box) or "cylinder"
    part: str
    a: Vec  # cone start, ellipsoid or box centre
    b: Vec = (0.0, 0.0, 0.0)  # cone end; ellipsoid radii; box half extents; cylinder rx, ry, half h
    r1: float = 0.0  # cone radius at a; box and cylinder rounding
    r2: float = 0.0  # cone radius at b
    blend: float = 0.0  # smooth-union radius used when this primitive is added
    carve: bool = False  # subtract it (eye sockets) instead of adding it

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        a, b = np.array(self.a), np.array(self.b)
        if self.kind == "cone":
            r = max(self.r1, self.r2)
            return np.minimum(a, b) - r, np.maximum(a, b) + r
        if self.kind == "ellipsoid":
            return a - b, a + b
        return a - b - self.r1, a + b + self.r1  # box and cylinder

    def distance(self, p: np.ndarray) -> np.ndarray:
        """Signed distance (approximate for ellipsoids) of points ``p`` of shape (..., 3)."""
        if self.kind == "cone":
            return round_cone(p, np.array(self.a), np.array(self.b), self.r1, self.r2)
        if self.kind == "ellipsoid":
            return ellipsoid(p, np.array(self.a), np.array(self.b))
        if self.kind == "cylinder":
            return elliptic_cylinder(p, np.array(self.a), np.array(self.b), self.r1)
        return rounded_box(p, np.array(self.a), np.array(self.b), self.r1)


def _dot(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return u[..., 0] * v[..., 0] + u[..., 1] * v[..., 1] + u[..., 2] * v[..., 2]


def round_cone(p: np.ndarray, a: np.ndarray, b: np.ndarray, r1: float, r2: float) -> np.ndarray:
    """Exact distance to the convex hull of two spheres (a capsule when r1 == r2)."""
    ba = b - a
    l2 = float(ba @ ba)
    rr = r1 - r2
    a2 = l2 - rr * rr
    pa = p - a
    y = _dot(pa, ba)
    z = y - l2
    q = pa * l2 - y[..., None] * ba
    x2 = _dot(q, q)
    y2 = y * y * l2
    z2 = z * z * l2
    k = np.sign(rr) * rr * rr * x2
    end_b = np.sign(z) * a2 * z2 > k
    end_a = np.sign(y) * a2 * y2 < k
    side = (np.sqrt(x2 * a2 / l2) + y * rr) / l2 - r1
    d_b = np.sqrt(x2 + z2) / l2 - r2
    d_a = np.sqrt(x2 + y2) / l2 - r1
    return np.where(end_b, d_b, np.where(end_a, d_a, side))


def ellipsoid(p: np.ndarray, c: np.ndarray, r: np.ndarray) -> np.ndarray:
    """A good approximation of the distance to an ellipsoid, exact on its surface."""
    q = p - c
    k0 = np.sqrt(_dot(q / r, q / r))
    k1 = np.sqrt(_dot(q / (r * r), q / (r * r)))
    return k0 * (k0 - 1.0) / np.maximum(k1, 1e-12)


def rounded_box(p: np.ndarray, c: np.ndarray, half: np.ndarray, rounding: float) -> np.ndarray:
    q = np.abs(p - c) - half
    outside = np.sqrt(_dot(np.maximum(q, 0.0), np.maximum(q, 0.0)))
    inside = np.minimum(np.maximum(np.maximum(q[..., 0], q[..., 1]), q[..., 2]), 0.0)
    return outside + inside - rounding


def elliptic_cylinder(
    p: np.ndarray, c: np.ndarray, size: np.ndarray, rounding: float
) -> np.ndarray:
    """A cylinder along Z with an elliptic section (half axes size[0], size[1]) and half
    height size[2], its rims rounded by ``rounding`` (approximate away from the surface)."""
    q = p - c
    rx, ry = size[0], size[1]
    u0, v0 = q[..., 0] / rx, q[..., 1] / ry
    u1, v1 = q[..., 0] / (rx * rx), q[..., 1] / (ry * ry)
    k0 = np.sqrt(u0 * u0 + v0 * v0)
    k1 = np.sqrt(u1 * u1 + v1 * v1)
    d_xy = k0 * (k0 - 1.0) / np.maximum(k1, 1e-12)
    d_z = np.abs(q[..., 2]) - size[2]
    o_xy, o_z = np.maximum(d_xy, 0.0), np.maximum(d_z, 0.0)
    outside = np.sqrt(o_xy * o_xy + o_z * o_z)
    return outside + np.minimum(np.maximum(d_xy, d_z), 0.0) - rounding


def combine(field: np.ndarray, prim: Primitive, d: np.ndarray) -> np.ndarray:
    """Add a primitive to the field, or carve it out, with its smooth blend."""
    if prim.carve:
        return -smooth_min(-field, d, prim.blend)
    return smooth_min(field, d, prim.blend)


def smooth_min(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum: a fillet of radius about ``k`` where shapes meet."""
    if k <= 0.0:
        return np.minimum(a, b)
    h = np.maximum(k - np.abs(a - b), 0.0) / k
    return np.minimum(a, b) - h * h * k * 0.25


@dataclass(frozen=True)
class Grid:
    """A regular voxel grid: sample i along an axis sits at ``origin + i * spacing``."""

    origin: Vec
    spacing: float
    shape: tuple[int, int, int]

    def axis(self, i: int) -> np.ndarray:
        return self.origin[i] + self.spacing * np.arange(self.shape[i], dtype=np.float64)


def _margin(prim: Primitive, max_blend: float) -> float:
    """How far from its box a primitive can still move the zero set of the union."""
    return 1.25 * prim.blend + max_blend + 1.0


def evaluate(prims: list[Primitive], grid: Grid, far: float = 1e3) -> np.ndarray:
    """Smooth union of ``prims`` sampled on ``grid``, each evaluated only near itself.

    Outside a primitive's box grown by its margin it cannot change the sign of
    the union, so it is skipped there; far from every surface the field only
    keeps its sign (a value of ``far`` or less).
    """
    field = np.full(grid.shape, far, dtype=np.float64)
    axes = [grid.axis(i) for i in range(3)]
    kmax = max(p.blend for p in prims)
    for prim in prims:
        lo, hi = prim.bounds()
        m = _margin(prim, kmax)
        sl = []
        for i in range(3):
            i0 = int(np.searchsorted(axes[i], lo[i] - m))
            i1 = int(np.searchsorted(axes[i], hi[i] + m))
            sl.append(slice(i0, i1))
        if any(s.start >= s.stop for s in sl):
            continue
        xs, ys, zs = (axes[i][sl[i]] for i in range(3))
        pts = np.stack(np.meshgrid(xs, ys, zs, indexing="ij"), axis=-1)
        d = prim.distance(pts)
        block = field[sl[0], sl[1], sl[2]]
        field[sl[0], sl[1], sl[2]] = combine(block, prim, d)
    return field


def evaluate_sparse(prims: list[Primitive], grid: Grid, block: int = 16) -> np.ndarray:
    """Like :func:`evaluate`, but fine samples are computed only in blocks near the surface.

    A coarse pass (one sample per half block) finds the blocks the surface may
    cross; every other block keeps the sign of its coarse sample. The distance
    is 1-Lipschitz, so a surface inside a block lies within reach of a coarse
    sample with a small value.
    """
    step = block // 2
    h = grid.spacing
    coarse = Grid(grid.origin, h * step, tuple(-(-n // step) + 1 for n in grid.shape))
    cf = evaluate(prims, coarse)
    reach = 2.0 * h * step
    field = np.empty(grid.shape, dtype=np.float64)
    axes = [grid.axis(i) for i in range(3)]
    kmax = max(p.blend for p in prims)
    margin = np.array([_margin(p, kmax) for p in prims])[:, None]
    lows = np.array([p.bounds()[0] for p in prims]) - margin
    highs = np.array([p.bounds()[1] for p in prims]) + margin
    nb = [-(-n // block) for n in grid.shape]
    for bi in range(nb[0]):
        for bj in range(nb[1]):
            for bk in range(nb[2]):
                sl = tuple(
                    slice(b * block, min((b + 1) * block, n))
                    for b, n in zip((bi, bj, bk), grid.shape, strict=True)
                )
                csub = cf[bi * 2 : bi * 2 + 3, bj * 2 : bj * 2 + 3, bk * 2 : bk * 2 + 3]
                if np.abs(csub).min() > reach:
                    field[sl] = np.sign(csub[1, 1, 1]) * reach
                    continue
                xs, ys, zs = (axes[i][sl[i]] for i in range(3))
                lo_b = np.array([xs[0], ys[0], zs[0]])
                hi_b = np.array([xs[-1], ys[-1], zs[-1]])
                pts = np.stack(np.meshgrid(xs, ys, zs, indexing="ij"), axis=-1)
                f = np.full(pts.shape[:3], 1e3)
                near = np.all((lows <= hi_b) & (highs >= lo_b), axis=1)
                for idx in np.flatnonzero(near):
                    f = combine(f, prims[idx], prims[idx].distance(pts))
                field[sl] = f
    return field


def nearest_part(prims: list[Primitive], points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the primitive nearest each point, and that distance."""
    far = np.full(len(points), np.inf)
    dist = np.stack([far if p.carve else p.distance(points) for p in prims], axis=1)
    idx = np.argmin(dist, axis=1)
    return idx, dist[np.arange(len(points)), idx]
