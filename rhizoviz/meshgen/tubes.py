"""Closed triangle meshes swept along curves: tubes, lofts and blobs.

Hand-built rather than boolean-combined so every part is a small, closed,
deterministic mesh with a predictable triangle count.
"""

from __future__ import annotations

import numpy as np
import trimesh


def chaikin(points: np.ndarray, rounds: int = 2) -> np.ndarray:
    """Round the corners of a polyline, keeping its two ends."""
    p = np.asarray(points, dtype=np.float64)
    for _ in range(rounds):
        q = 0.75 * p[:-1] + 0.25 * p[1:]
        r = 0.25 * p[:-1] + 0.75 * p[1:]
        mid = np.empty((2 * len(q), 3))
        mid[0::2], mid[1::2] = q, r
        p = np.vstack([p[:1], mid, p[-1:]])
    return p


def frames(points: np.ndarray, up_hint: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Two unit normals per point, transported along the curve without twisting."""
    p = np.asarray(points, dtype=np.float64)
    t = np.gradient(p, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    hint = np.array([0.0, 1.0, 0.0]) if up_hint is None else np.asarray(up_hint, dtype=float)
    if abs(hint @ t[0]) > 0.9:
        hint = np.array([1.0, 0.0, 0.0]) if abs(t[0, 0]) < 0.9 else np.array([0.0, 0.0, 1.0])
    n = np.empty_like(p)
    n[0] = hint - (hint @ t[0]) * t[0]
    n[0] /= np.linalg.norm(n[0])
    for i in range(1, len(p)):
        v = n[i - 1] - (n[i - 1] @ t[i]) * t[i]
        n[i] = v / np.linalg.norm(v)
    b = np.cross(t, n)
    return n, b


def loft(
    centres: np.ndarray,
    u: np.ndarray,
    w: np.ndarray,
    half_u: np.ndarray,
    half_w: np.ndarray,
    sides: int = 8,
    squareness: float = 2.0,
) -> trimesh.Trimesh:
    """A closed solid through superelliptic sections (half widths along ``u`` and ``w``).

    ``squareness`` 2 gives ellipses, larger values rounded rectangles. The ends
    are closed by a fan around the end centre.
    """
    c = np.asarray(centres, dtype=np.float64)
    k = len(c)
    ang = 2.0 * np.pi * np.arange(sides) / sides
    cs, sn = np.cos(ang), np.sin(ang)
    e = 2.0 / squareness
    cu = np.sign(cs) * np.abs(cs) ** e
    sw = np.sign(sn) * np.abs(sn) ** e
    hu = np.broadcast_to(np.asarray(half_u, dtype=float), (k,))
    hw = np.broadcast_to(np.asarray(half_w, dtype=float), (k,))
    ring = (
        c[:, None, :]
        + (hu[:, None] * cu[None, :])[..., None] * u[:, None, :]
        + (hw[:, None] * sw[None, :])[..., None] * w[:, None, :]
    )
    verts = np.vstack([ring.reshape(-1, 3), c[0], c[-1]])
    faces = []
    j = np.arange(sides)
    jn = (j + 1) % sides
    for i in range(k - 1):
        a, b = i * sides + j, (i + 1) * sides + j
        an, bn = i * sides + jn, (i + 1) * sides + jn
        faces.append(np.stack([a, an, bn], axis=1))
        faces.append(np.stack([a, bn, b], axis=1))
    start, end = k * sides, k * sides + 1
    faces.append(np.stack([np.full(sides, start), jn, j], axis=1))
    last = (k - 1) * sides
    faces.append(np.stack([np.full(sides, end), last + j, last + jn], axis=1))
    mesh = trimesh.Trimesh(verts, np.vstack(faces), process=False)
    if mesh.volume < 0:
        mesh.invert()
    return mesh


def tube(
    points: np.ndarray,
    radius: float | np.ndarray,
    sides: int = 6,
    round_ends: bool = True,
    up_hint: np.ndarray | None = None,
) -> trimesh.Trimesh:
    """A tube of circular section along a polyline, optionally with tapered (rounded) ends."""
    p = np.asarray(points, dtype=np.float64)
    r = np.broadcast_to(np.asarray(radius, dtype=float), (len(p),)).copy()
    if round_ends:
        d0 = p[1] - p[0]
        d1 = p[-1] - p[-2]
        d0 /= np.linalg.norm(d0)
        d1 /= np.linalg.norm(d1)
        p = np.vstack([p[0] - 0.7 * r[0] * d0, p, p[-1] + 0.7 * r[-1] * d1])
        r = np.concatenate([[0.7 * r[0]], r, [0.7 * r[-1]]])
    n, b = frames(p, up_hint)
    return loft(p, n, b, r, r, sides)


def blob(centre, axes: np.ndarray, radii, subdivisions: int = 1) -> trimesh.Trimesh:
    """An ellipsoid with semi-axes ``radii`` along the columns of ``axes``."""
    sphere = trimesh.creation.icosphere(subdivisions=subdivisions)
    v = np.asarray(sphere.vertices) * np.asarray(radii, dtype=float)
    v = v @ np.asarray(axes, dtype=float).T + np.asarray(centre, dtype=float)
    return trimesh.Trimesh(v, np.asarray(sphere.faces), process=False)


def merge(meshes: list[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Concatenate parts into one mesh (overlapping closed pieces, no boolean union)."""
    verts, faces, offset = [], [], 0
    for m in meshes:
        verts.append(np.asarray(m.vertices))
        faces.append(np.asarray(m.faces) + offset)
        offset += len(m.vertices)
    return trimesh.Trimesh(np.vstack(verts), np.vstack(faces), process=False)
