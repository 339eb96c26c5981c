"""The exposure's bone and dura, cut once per approach (never on a click).

A laminectomy takes off the laminae and the spinous process between the facets: in
this model, the part of a vertebra behind the canal's centre and within a band either
side of the midline (the dura's width and a margin: the medial edge of the facets).
Each vertebra is one closed surface, so it is cut with planes as a solid: the rest of
the bone is the union of convex pieces (lateral to the band on each side, in front of
the canal within it, and for the sacrum, below the opened top), each clipped and
capped by ``vtkClipClosedSurface``. The caps are the cut faces; they carry the label
``CUT_FACE`` so the scene can draw them a fresher shade of bone.

The durotomy opens the dural sac in the midline over the window and lays its
posterior half back: the sac's points behind its own centre line (which follows the
lordosis) and within the window's heights are clipped away along a smooth edge by
``vtkClipPolyData`` on a scalar field, leaving its anterior half as a floor under
the roots and the closed tube above and below the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkPlane, vtkPlaneCollection, vtkPolyData
from vtkmodules.vtkFiltersCore import (
    vtkAppendPolyData,
    vtkClipPolyData,
    vtkPolyDataNormals,
    vtkTriangleFilter,
)
from vtkmodules.vtkFiltersGeneral import vtkClipClosedSurface

from rhizoviz.scene.vtkmesh import Mesh, polydata

BONE_FACE, CUT_FACE = 0, 1  # the "cut" cell label of the bone surfaces
LAMINECTOMY_MARGIN_MM = 2.0  # beyond the dura's half-width on each side
CANAL_HALF_MM = 10.0  # the canal's half-width when the meshes have no dural sac
DUROTOMY_MARGIN_MM = 3.0  # the dura is opened this far above and below the bony window
SAC_BIN_MM = 8.0  # the sac's centre line is sampled every this many millimetres


@dataclass(frozen=True)
class Cut:
    """What one vertebra loses: the bone behind ``y_back`` within ``half_width`` of the
    midline, above ``z_from`` (None: at every height)."""

    half_width: float
    y_back: float
    z_from: float | None = None


def canal_half_width(sac: np.ndarray, y: float) -> float:
    """Half the canal's width at depth ``y``, from the dura that fills it: the middle
    of its walls' distances from the midline there (its sleeves are few points)."""
    wall = sac[np.abs(sac[:, 1] - y) < 4.0]
    return float(np.median(np.abs(wall[:, 0]))) if len(wall) else CANAL_HALF_MM


def _planes(*planes: tuple[tuple[float, float, float], tuple[float, float, float]]
            ) -> vtkPlaneCollection:
    out = vtkPlaneCollection()
    for origin, normal in planes:
        p = vtkPlane()
        p.SetOrigin(*origin)
        p.SetNormal(*normal)
        out.AddItem(p)
    return out


def _pieces(cut: Cut) -> list[vtkPlaneCollection]:
    """The kept bone as convex pieces; each plane's normal points into what stays."""
    w, y = cut.half_width, cut.y_back
    pieces = [
        _planes(((-w, 0, 0), (-1, 0, 0))),  # left of the band
        _planes(((w, 0, 0), (1, 0, 0))),  # right of the band
        _planes(((-w, 0, 0), (1, 0, 0)), ((w, 0, 0), (-1, 0, 0)), ((0, y, 0), (0, 1, 0))),
    ]
    if cut.z_from is not None:  # the sacrum: its lower part keeps its back
        pieces.append(_planes(((-w, 0, 0), (1, 0, 0)), ((w, 0, 0), (-1, 0, 0)),
                              ((0, y, 0), (0, -1, 0)), ((0, 0, cut.z_from), (0, 0, -1))))
    return pieces


def labelled(pd: vtkPolyData, label: int) -> vtkPolyData:
    """``pd`` with every cell labelled ``label`` in the "cut" cell array."""
    out = vtkPolyData()
    out.ShallowCopy(pd)
    arr = numpy_to_vtk(np.full(pd.GetNumberOfCells(), label, np.float32), deep=True)
    arr.SetName("cut")
    out.GetCellData().SetScalars(arr)
    return out


def open_vertebra(mesh: Mesh, cut: Cut) -> vtkPolyData:
    """A vertebra after its laminectomy: clean, capped cut faces labelled ``CUT_FACE``."""
    source = polydata(mesh)
    append = vtkAppendPolyData()
    for planes in _pieces(cut):
        clip = vtkClipClosedSurface()
        clip.SetInputData(source)
        clip.SetClippingPlanes(planes)
        clip.SetScalarModeToLabels()  # 0 on the bone's own faces, 1 on the caps
        clip.PassPointDataOff()
        clip.Update()
        piece = clip.GetOutput()
        if piece.GetNumberOfCells() == 0:
            continue
        labels = piece.GetCellData().GetScalars()
        values = (vtk_to_numpy(labels) > 0).astype(np.float32) if labels is not None else \
            np.zeros(piece.GetNumberOfCells(), np.float32)
        kept = vtkPolyData()
        kept.ShallowCopy(piece)
        kept.GetCellData().Initialize()
        arr = numpy_to_vtk(values * CUT_FACE, deep=True)
        arr.SetName("cut")
        kept.GetCellData().SetScalars(arr)
        append.AddInputData(kept)
    if append.GetNumberOfInputConnections(0) == 0:
        return labelled(vtkPolyData(), BONE_FACE)
    return smooth_normals(append)


def smooth_normals(source: vtkAppendPolyData | vtkClipPolyData) -> vtkPolyData:
    """Triangles with normals split at sharp edges (a cut face meets the bone at an edge)."""
    tri = vtkTriangleFilter()
    tri.SetInputConnection(source.GetOutputPort())
    normals = vtkPolyDataNormals()
    normals.SetInputConnection(tri.GetOutputPort())
    normals.SetFeatureAngle(50.0)
    normals.SplittingOn()
    normals.ConsistencyOn()
    normals.Update()
    out = vtkPolyData()
    out.ShallowCopy(normals.GetOutput())
    return out


def sac_centre_line(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(heights, y of the sac's centre there): the middle of the sac's midline band,
    which follows the lordosis (the sleeves run laterally and are left out)."""
    core = points[np.abs(points[:, 0]) < 6.0]
    if not len(core):
        core = points
    z = core[:, 2]
    edges = np.arange(z.min(), z.max() + SAC_BIN_MM, SAC_BIN_MM)
    heights, ys = [], []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = core[(z >= lo) & (z < hi)]
        if len(inside):
            heights.append(0.5 * (lo + hi))
            ys.append(0.5 * (inside[:, 1].min() + inside[:, 1].max()))
    return np.asarray(heights), np.asarray(ys)


def open_sac(sac: Mesh, window_z: tuple[float, float] | None) -> vtkPolyData:
    """The dural sac with its posterior half opened over ``window_z`` (None: closed)."""
    pd = polydata(sac)
    if window_z is None:
        return pd
    p = sac.points.astype(np.float64)
    heights, ys = sac_centre_line(p)
    centre = np.interp(p[:, 2], heights, ys) if len(heights) else np.full(len(p), p[:, 1].mean())
    lo, hi = window_z[0] - DUROTOMY_MARGIN_MM, window_z[1] + DUROTOMY_MARGIN_MM
    # > 0 where the dura stays: in front of the centre line, or above/below the window
    keep = np.maximum.reduce([p[:, 1] - centre, lo - p[:, 2], p[:, 2] - hi])
    field = numpy_to_vtk(keep.astype(np.float32), deep=True)
    field.SetName("keep")
    pd.GetPointData().SetScalars(field)
    clip = vtkClipPolyData()
    clip.SetInputData(pd)
    clip.SetValue(0.0)
    clip.Update()
    out = smooth_normals(clip)
    out.GetPointData().SetScalars(None)
    return out


