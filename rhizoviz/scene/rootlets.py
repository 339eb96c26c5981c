"""Rootlets drawn procedurally along the shipped dorsal roots (numpy only, no VTK).

Each root's path is read from its mesh in ``spine.glb`` (the ring centres of the
swept tube, or bands of equal distance from its lateral end when the mesh is not a
plain tube), resampled by arc length. Its rootlets are thin tubes running parallel
along that path: packed across the root's width where it runs in the cauda equina,
fanned out along the cord where they enter it, and, for the root the student is
testing, lifted towards the surgeon and spread apart over a short stretch of the
exposure, as a root is lifted on a hook and split for stimulation. A cut rootlet
shows a gap there. Only the points move: the triangles are fixed at build time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLES = 30  # centreline points per rootlet: dense where it bends (see RootGeometry.sample)
DENSE = 160  # points of a root's path as read from its mesh
SIDES = 4  # a rootlet is a few pixels wide: four facets shade as round as six
RADIUS_MM = 0.34
LIFT_MM = 9.0  # how far a lifted root rises towards the surgeon (posterior, -y)
SPACING_MM = 1.9  # between lifted rootlets, centre to centre
PLATEAU_MM = 20.0  # length of the lifted, fanned stretch
TAPER_MM = 16.0  # on each side of it
GAP_MM = 6.0  # a cut rootlet's missing stretch
FAN_MM = 14.0  # over this length from the cord, rootlets spread out along it
POSTERIOR = np.array([0.0, -1.0, 0.0])


def _ring_centres(points: np.ndarray) -> np.ndarray | None:
    """The centres of a swept tube's rings (k rings of ``sides`` points, then 2 caps)."""
    n = len(points)
    for sides in (12, 8, 16, 10, 6, 20, 24):
        rings = (n - 2) // sides
        if rings < 4 or (n - 2) % sides:
            continue
        ring = points[: rings * sides].reshape(rings, sides, 3)
        centres = ring.mean(axis=1)
        radius = np.linalg.norm(ring - centres[:, None, :], axis=2)
        steps = np.linalg.norm(np.diff(centres, axis=0), axis=1)
        r = float(radius.mean())
        if r > 0 and float(radius.std()) < 0.5 * r and float(steps.max()) < 12.0 * r:
            return centres
    return None


def root_path(points: np.ndarray, midline_x: float = 0.0) -> tuple[np.ndarray, float]:
    """(centreline from the cord end to the lateral end, tube radius) of one root mesh."""
    p = np.asarray(points, dtype=np.float64)
    centres = _ring_centres(p)
    if centres is None:  # not a plain tube: bands of equal distance from the lateral end
        far = p[int(np.argmax(np.abs(p[:, 0] - midline_x)))]
        d = np.linalg.norm(p - far, axis=1)
        bins = np.minimum((d / max(float(d.max()), 1e-6) * 24).astype(int), 23)
        centres = np.array([p[bins == b].mean(axis=0) for b in range(24) if (bins == b).any()])
        centres = centres[::-1]
    if abs(centres[0, 0] - midline_x) > abs(centres[-1, 0] - midline_x):
        centres = centres[::-1]
    # the radius: mean distance of the mesh's points from the nearest centre
    d = np.linalg.norm(p[:, None, :] - centres[None, :, :], axis=2).min(axis=1)
    radius = float(np.clip(np.median(d), 0.5, 4.0))
    return resample(centres, DENSE), radius


def resample(path: np.ndarray, k: int) -> np.ndarray:
    """``k`` points evenly spaced by arc length along a polyline."""
    seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.linspace(0.0, s[-1], k)
    return np.column_stack([np.interp(t, s, path[:, i]) for i in range(3)])


def arc_length(path: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n < 1e-9, 1.0, n)


def _frames(path: np.ndarray, lateral: float) -> tuple[np.ndarray, np.ndarray]:
    """(towards the surgeon, across towards the lateral side) per point, both ⊥ the path."""
    t = _unit(np.gradient(path, axis=0))
    back = POSTERIOR[None, :] - (t @ POSTERIOR)[:, None] * t
    weak = np.linalg.norm(back, axis=1) < 0.2  # a stretch running straight at the surgeon
    back[weak] = np.array([0.0, 0.0, 1.0])
    back = _unit(back)
    across = _unit(np.cross(t, back))
    flip = np.sign(across[:, 0] * lateral)
    across *= np.where(flip == 0, 1.0, flip)[:, None]
    return back, across


@dataclass
class RootGeometry:
    """One root's path and the stretch where it is lifted; positions its rootlets.

    The rootlets are drawn with SAMPLES points each, spent where the path bends: the
    lifted stretch and its tapers get most, the fan at the cord some, the long
    straight run in the cauda equina few. (Triangles are most of a frame's cost on
    software OpenGL: evenly spaced, the same look took half as many again.)
    """

    full: np.ndarray  # (DENSE, 3), cord end first, as read from the mesh
    radius: float
    lateral: float  # -1 for the left root (its lateral is -x), +1 for the right
    count: int  # rootlets
    lift_at: float = 0.0  # arc length of the lifted stretch's middle

    def __post_init__(self) -> None:
        self.full_s = arc_length(self.full)
        self.set_lift(self.lift_at)

    def set_lift(self, lift_at: float) -> None:
        """Place the lifted stretch (arc length of its middle) and re-spend the samples."""
        self.lift_at = float(lift_at)
        s = self.full_s
        near_lift = np.abs(s - self.lift_at) < PLATEAU_MM / 2.0 + TAPER_MM
        weight = 1.0 + 9.0 * near_lift + 4.0 * (s < FAN_MM)
        cum = np.concatenate([[0.0], np.cumsum(0.5 * (weight[1:] + weight[:-1]) * np.diff(s))])
        self.s = np.interp(np.linspace(0.0, cum[-1], SAMPLES), cum, s)
        self.path = np.column_stack([np.interp(self.s, s, self.full[:, i]) for i in range(3)])
        self.back, self.across = _frames(self.path, self.lateral)

    def lift_profile(self) -> np.ndarray:
        """0 where the root lies in the canal, 1 over the lifted stretch, smooth between."""
        d = np.abs(self.s - self.lift_at) - PLATEAU_MM / 2.0
        x = np.clip(d / TAPER_MM, 0.0, 1.0)
        return 0.5 * (1.0 + np.cos(np.pi * x))

    def centrelines(self, lifted: bool) -> np.ndarray:
        """(count, SAMPLES, 3): where each rootlet runs, medial (index 1) to lateral."""
        n = self.count
        u = (np.arange(n) - (n - 1) / 2.0) / max(n - 1, 1) * 2.0  # -1 … 1
        fan = 1.0 + 2.5 * np.clip(1.0 - self.s / FAN_MM, 0.0, 1.0)
        packed = (
            u[:, None, None] * (0.85 * self.radius) * fan[None, :, None] * self.across[None]
        )
        if not lifted:
            return self.path[None] + packed
        g = self.lift_profile()[None, :, None]
        spread = (np.arange(n) * SPACING_MM + 1.0)[:, None, None] * self.across[None]
        raised = LIFT_MM * self.back[None] + spread
        return self.path[None] + (1.0 - g) * packed + g * raised

    def gap(self) -> np.ndarray:
        """Samples a cut rootlet loses: the middle of the lifted stretch."""
        return np.abs(self.s - self.lift_at) < GAP_MM / 2.0


def tube_points(centres: np.ndarray, radius: float, collapsed: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """(points, normals), each (rootlets, SAMPLES, SIDES, 3): rings round each centreline.

    ``collapsed`` (rootlets, SAMPLES) bool: rings shrunk to their centre, drawing
    nothing (a cut's gap).
    """
    t = _unit(np.gradient(centres, axis=1))
    n1 = POSTERIOR[None, None, :] - (t @ POSTERIOR)[..., None] * t
    n1[np.linalg.norm(n1, axis=-1) < 0.2] = np.array([0.0, 0.0, 1.0])
    n1 = _unit(n1)
    n2 = np.cross(t, n1)
    ang = 2.0 * np.pi * np.arange(SIDES) / SIDES
    r = np.full(centres.shape[:2], radius)
    if collapsed is not None:
        r = np.where(collapsed, 0.0, r)
    ring = (np.cos(ang)[None, None, :, None] * n1[:, :, None, :]
            + np.sin(ang)[None, None, :, None] * n2[:, :, None, :])
    return centres[:, :, None, :] + r[..., None, None] * ring, ring


def tube_faces(rootlets: int) -> np.ndarray:
    """Triangles of ``rootlets`` tubes of SAMPLES rings × SIDES, (m, 3), by rootlet."""
    j = np.arange(SIDES)
    jn = (j + 1) % SIDES
    quads = []
    for i in range(SAMPLES - 1):
        a, b = i * SIDES + j, (i + 1) * SIDES + j
        an, bn = i * SIDES + jn, (i + 1) * SIDES + jn
        quads.append(np.stack([a, an, bn], axis=1))
        quads.append(np.stack([a, bn, b], axis=1))
    one = np.concatenate(quads)
    per = SAMPLES * SIDES
    return np.concatenate([one + k * per for k in range(rootlets)]).astype(np.int64)


FACES_PER_ROOTLET = 2 * SIDES * (SAMPLES - 1)
POINTS_PER_ROOTLET = SAMPLES * SIDES
