"""The body surface: contour the right half of the figure, decimate, mirror, smooth.

Building one half and mirroring it makes the surface exactly symmetric, so every
vertex has a mirror twin; the labels are then mirrored rather than recomputed,
and left/right agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv
import vtk

from rhizoviz.meshgen.figure import figure_primitives
from rhizoviz.meshgen.sdf import Grid, evaluate_sparse

SPACING = 2.5  # mm; fine enough to keep fingers and toes apart
HALF_TRIANGLES = 42_000  # per half after decimation
REGULARIZATION = 0.05
QUANTUM = 1e-3  # mm; coordinates are rounded to this before writing


@dataclass(frozen=True)
class Surface:
    """A closed, symmetric triangle surface and its mirror pairing."""

    vertices: np.ndarray  # (n, 3) float64
    faces: np.ndarray  # (m, 3) int64
    mirror: np.ndarray  # (n,) index of each vertex's mirror twin (itself on the midline)


def half_field_grid(spacing: float = SPACING) -> Grid:
    """The voxel grid covering the right half: X from the midline out past the hand."""
    x0, y0, z0 = 0.0, -180.0, -5.0
    size = (340.0, 440.0, 1765.0)
    return Grid((x0, y0, z0), spacing, tuple(int(round(s / spacing)) + 1 for s in size))


def contour_half(spacing: float = SPACING) -> pv.PolyData:
    """The zero level set of the figure on X >= 0: open along the X = 0 plane."""
    grid = half_field_grid(spacing)
    field = evaluate_sparse(figure_primitives(), grid)
    z = grid.axis(2)
    field = np.maximum(field, -z[None, None, :])  # flat soles standing on Z = 0
    image = pv.ImageData(dimensions=grid.shape, spacing=(spacing,) * 3, origin=grid.origin)
    image.point_data["d"] = field.ravel(order="F")
    surf = image.contour([0.0], scalars="d", method="marching_cubes")
    surf = surf.clean(tolerance=0.0, absolute=True)
    return surf.triangulate()


def decimate_keeping_boundary(surf: pv.PolyData, target_triangles: int) -> pv.PolyData:
    """Quadric decimation that keeps the open midline boundary on the X = 0 plane.

    Regularisation favours even triangles (labels are per vertex, so long slivers
    would make jagged bands); the boundary is weighted heavily and its vertices
    are snapped back onto the plane afterwards.
    """
    dec = vtk.vtkQuadricDecimation()
    dec.SetInputData(surf)
    dec.SetTargetReduction(1.0 - target_triangles / surf.n_cells)
    dec.SetVolumePreservation(True)
    dec.SetRegularize(True)
    dec.SetRegularization(REGULARIZATION)
    dec.SetBoundaryWeightFactor(100.0)
    dec.SetWeighBoundaryConstraintsByLength(True)
    dec.Update()
    out = pv.wrap(dec.GetOutput())
    faces = out.faces.reshape(-1, 4)[:, 1:]
    edges = np.sort(np.vstack([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    uniq, counts = np.unique(edges, axis=0, return_counts=True)
    boundary = np.unique(uniq[counts == 1])
    points = np.array(out.points, dtype=np.float64)
    points[boundary, 0] = 0.0
    out.points = points
    return out


def mirror_halves(vertices: np.ndarray, faces: np.ndarray) -> Surface:
    """Join a half surface (open on X = 0) with its mirror image into one closed surface."""
    on_mid = vertices[:, 0] == 0.0
    n = len(vertices)
    off = np.flatnonzero(~on_mid)
    twin = np.arange(n)
    twin[off] = n + np.arange(len(off))
    mirrored = vertices[off] * np.array([-1.0, 1.0, 1.0])
    all_vertices = np.vstack([vertices, mirrored])
    mirror = np.concatenate([twin, off])
    mirror_faces = twin[faces][:, ::-1]
    # marching cubes winds the half inward; flip both so normals point outward
    all_faces = np.vstack([faces[:, ::-1], mirror_faces[:, ::-1]])
    return Surface(all_vertices, all_faces, mirror)


def smooth(surface: Surface, iterations: int = 12, passband: float = 0.08) -> Surface:
    """Windowed-sinc smoothing (little shrinkage), then exact re-symmetrisation."""
    cells = np.hstack([np.full((len(surface.faces), 1), 3), surface.faces]).ravel()
    poly = pv.PolyData(surface.vertices, cells)
    filt = vtk.vtkWindowedSincPolyDataFilter()
    filt.SetInputData(poly)
    filt.SetNumberOfIterations(iterations)
    filt.SetPassBand(passband)
    filt.NonManifoldSmoothingOn()
    filt.NormalizeCoordinatesOn()
    filt.FeatureEdgeSmoothingOff()
    filt.BoundarySmoothingOn()
    filt.Update()
    v = np.array(pv.wrap(filt.GetOutput()).points, dtype=np.float64)
    twin = v[surface.mirror] * np.array([-1.0, 1.0, 1.0])
    v = 0.5 * (v + twin)
    v[surface.mirror == np.arange(len(v)), 0] = 0.0
    return Surface(v, surface.faces, surface.mirror)


def quantise(v: np.ndarray) -> np.ndarray:
    """Round to :data:`QUANTUM` so float noise never changes the written bytes."""
    q = np.round(v / QUANTUM) * QUANTUM
    q[q == 0.0] = 0.0  # no negative zeros
    return q


def build_surface(spacing: float = SPACING, half_triangles: int = HALF_TRIANGLES) -> Surface:
    """The finished body surface, standing with its lowest point on Z = 0."""
    # Threaded VTK builds could order output by thread count: stay sequential everywhere.
    vtk.vtkSMPTools.SetBackend("Sequential")
    half = decimate_keeping_boundary(contour_half(spacing), half_triangles)
    vertices = np.array(half.points, dtype=np.float64)
    faces = np.array(half.faces.reshape(-1, 4)[:, 1:], dtype=np.int64)
    surface = smooth(mirror_halves(vertices, faces))
    v = surface.vertices.copy()
    v[:, 2] -= v[:, 2].min()
    return Surface(quantise(v), surface.faces, surface.mirror)
