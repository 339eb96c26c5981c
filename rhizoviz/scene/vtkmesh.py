"""Plain-array meshes and the few VTK objects the scene builds from them.

pyvista's convenience constructors and ``add_mesh`` cost about half a millisecond to
six milliseconds each in Python; the spine has ~240 parts, so building them from
numpy arrays straight into VTK keeps the scene's start-up near a third of a second.
Nothing here knows any anatomy, and nothing needs scipy: nearest points are found by
brute force in numpy, which for the few hundred points of a root (or one query
against the body) costs less than importing scipy's KD-tree (about 0.35 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkLookupTable, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkDataSet, vtkPolyData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer

from rhizoviz.scene.palette import hex_to_rgb


@dataclass
class Mesh:
    """A triangle surface as plain arrays: cheap to split, merge and hand to VTK."""

    points: np.ndarray  # (n, 3) float32
    faces: np.ndarray  # (m, 3) int64
    normals: np.ndarray  # (n, 3) float32


def as_mesh(mesh: Any) -> Mesh:
    """A trimesh (or pyvista) surface with smooth, area-weighted vertex normals."""
    return as_meshes([mesh])[0]


def as_meshes(meshes: Iterable[Any]) -> list[Mesh]:
    """Many surfaces at once: one vectorised normal computation for all of them (the
    spine's ~240 parts took ~80 ms one by one)."""
    parts = [_points_faces(m) for m in meshes]
    counts = [len(points) for points, _faces in parts]
    offsets = np.cumsum([0, *counts])
    merged = merge([Mesh(points, faces, points) for points, faces in parts])
    if merged is None:
        return []
    normals = vertex_normals(merged.points, merged.faces)
    return [Mesh(points, faces, normals[a:b])
            for (points, faces), a, b in zip(parts, offsets[:-1], offsets[1:], strict=True)]


def _points_faces(mesh: Any) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(mesh, pv.PolyData):
        tri = mesh.triangulate()
        return (np.asarray(tri.points, dtype=np.float32),
                np.asarray(tri.regular_faces, dtype=np.int64))
    return np.asarray(mesh.vertices, dtype=np.float32), np.asarray(mesh.faces, dtype=np.int64)


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Area-weighted vertex normals (trimesh's cached property costs ~2 ms a mesh)."""
    v = vertices.astype(np.float64)
    fn = np.cross(v[faces[:, 1]] - v[faces[:, 0]], v[faces[:, 2]] - v[faces[:, 0]])
    n = len(v)
    out = np.empty((n, 3))
    idx = faces.ravel()
    for k in range(3):
        out[:, k] = np.bincount(idx, weights=np.repeat(fn[:, k], 3), minlength=n)
    length = np.linalg.norm(out, axis=1, keepdims=True)
    out /= np.where(length > 0, length, 1.0)
    return out.astype(np.float32)


def merge(meshes: list[Mesh]) -> Mesh | None:
    if not meshes:
        return None
    offsets = np.cumsum([0] + [len(m.points) for m in meshes[:-1]])
    return Mesh(
        np.concatenate([m.points for m in meshes]),
        np.concatenate([m.faces + o for m, o in zip(meshes, offsets, strict=True)]),
        np.concatenate([m.normals for m in meshes]),
    )


@dataclass
class Parts:
    """Many small meshes merged into one, remembering which part owns each point and cell.

    Every actor costs a draw call and its state changes each frame; on software OpenGL
    a scene of some 250 small actors drew 20 % slower than the same triangles in a few.
    """

    mesh: Mesh
    point_owner: np.ndarray  # (n,) intp: the owner's id, -1 for none
    cell_owner: np.ndarray  # (m,) intp


def merge_parts(meshes: list[Mesh], owners: list[int]) -> Parts:
    """One mesh of ``meshes``; ``owners[i]`` is the id given to the points and cells of mesh i."""
    merged = merge(meshes) or Mesh(np.zeros((0, 3), np.float32), np.zeros((0, 3), np.int64),
                                   np.zeros((0, 3), np.float32))
    return Parts(
        merged,
        np.repeat(np.asarray(owners, dtype=np.intp), [len(m.points) for m in meshes]),
        np.repeat(np.asarray(owners, dtype=np.intp), [len(m.faces) for m in meshes]),
    )


def submesh(mesh: Mesh, face_mask: np.ndarray) -> Mesh:
    """The faces in ``face_mask`` as a compact mesh that keeps the parent's normals."""
    faces = mesh.faces[face_mask]
    used = np.zeros(len(mesh.points), dtype=bool)
    used[faces.ravel()] = True
    remap = np.cumsum(used) - 1
    return Mesh(mesh.points[used], remap[faces], mesh.normals[used])


def tube_radius(points: np.ndarray, normals: np.ndarray, samples: int = 40) -> float:
    """Half the distance across a tube: from a vertex to the nearest facing vertex.

    Works for curved roots (the cauda equina) where rings of equal distance to one
    end are not cross-sections.
    """
    n = len(points)
    if n < 8:
        return 1.0
    p = np.asarray(points, dtype=np.float64)
    idx = np.linspace(0, n - 1, min(samples, n)).astype(int)
    k = min(96, n)
    d2 = ((p[idx, None, :] - p[None, :, :]) ** 2).sum(axis=2)
    nbr = np.argpartition(d2, k - 1, axis=1)[:, :k]  # the k nearest, unordered
    dist = np.sqrt(np.take_along_axis(d2, nbr, axis=1))
    facing = np.einsum("ij,ikj->ik", normals[idx], normals[nbr]) < -0.5
    across = np.where(facing, dist, np.inf).min(axis=1)
    across = across[np.isfinite(across)]
    return float(np.median(across) / 2.0) if len(across) else 1.0


def nearest(points: np.ndarray, query: np.ndarray) -> int:
    """Index of the point nearest ``query``: brute force, about half a millisecond for
    the 42 000 vertices of the body, with no index to build or import."""
    d = points - np.asarray(query, dtype=points.dtype)
    return int(np.argmin(np.einsum("ij,ij->i", d, d)))


def polydata(mesh: Mesh) -> vtkPolyData:
    """Arrays to a vtkPolyData directly (pyvista's constructors cost ~0.5 ms each)."""
    pd = vtkPolyData()
    pts = vtkPoints()
    pts.SetData(numpy_to_vtk(np.ascontiguousarray(mesh.points, dtype=np.float32), deep=True))
    pd.SetPoints(pts)
    n = len(mesh.faces)
    cells = vtkCellArray()
    cells.SetData(
        numpy_to_vtkIdTypeArray(np.arange(0, 3 * n + 1, 3, dtype=np.int64), deep=True),
        numpy_to_vtkIdTypeArray(np.ascontiguousarray(mesh.faces.ravel(), np.int64), deep=True),
    )
    pd.SetPolys(cells)
    normals = numpy_to_vtk(np.ascontiguousarray(mesh.normals, dtype=np.float32), deep=True)
    normals.SetName("Normals")
    pd.GetPointData().SetNormals(normals)
    return pd


def vertex_cells(ids: np.ndarray) -> vtkCellArray:
    """One vertex cell per point id: which points of a point cloud are drawn."""
    ids = np.ascontiguousarray(ids, dtype=np.int64)
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(np.arange(len(ids) + 1, dtype=np.int64), deep=True),
                  numpy_to_vtkIdTypeArray(ids, deep=True))
    return cells


def point_codes(pd: vtkPolyData, name: str = "code") -> np.ndarray:
    """A float32 point array of category codes, made the scalars; a writable view of it."""
    codes = numpy_to_vtk(np.zeros(pd.GetNumberOfPoints(), dtype=np.float32), deep=True)
    codes.SetName(name)
    pd.GetPointData().SetScalars(codes)
    return vtk_to_numpy(codes)


def codes_modified(pd: vtkPolyData) -> None:
    """Tell VTK the codes from :func:`point_codes` were rewritten (colours are re-mapped)."""
    pd.GetPointData().GetScalars().Modified()


def points_view(pd: vtkPolyData) -> np.ndarray:
    """A writable numpy view of a polydata's points (shares VTK's memory)."""
    return vtk_to_numpy(pd.GetPoints().GetData())


def set_points(pd: vtkPolyData, points: np.ndarray) -> None:
    """Move a mesh's vertices in place and tell VTK (the mapper re-uploads them)."""
    points_view(pd)[:] = points
    pd.GetPoints().Modified()


def categorical_lut(colours: Iterable[str]) -> vtkLookupTable:
    """A lookup table with one entry per status code, centred on the integers."""
    colours = list(colours)
    table = vtkLookupTable()
    table.SetNumberOfTableValues(len(colours))
    table.SetTableRange(-0.5, len(colours) - 0.5)
    fill_lut(table, colours)
    return table


def map_status_colours(actor: Any, lut: vtkLookupTable) -> None:
    """Colour an actor's integer status scalars through a categorical lookup table."""
    mapper = actor.GetMapper()
    mapper.SetLookupTable(lut)
    mapper.SetScalarRange(lut.GetTableRange())
    mapper.SetColorModeToMapScalars()
    mapper.ScalarVisibilityOn()


def fill_lut(lut: vtkLookupTable, colours: Iterable[str]) -> None:
    for i, c in enumerate(colours):
        lut.SetTableValue(i, *hex_to_rgb(c), 1.0)
    lut.Modified()


def surface_actor(
    renderer: Any, pd: vtkPolyData, *, specular: float = 0.3, pickable: bool = False
) -> vtkActor:
    """A plain VTK actor: ``add_mesh`` costs ~6 ms each in Python, too slow for 200 parts."""
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(pd)
    mapper.ScalarVisibilityOff()
    actor = vtkActor()
    actor.SetMapper(mapper)
    prop = actor.GetProperty()
    prop.SetInterpolationToGouraud()
    prop.SetSpecular(specular)
    prop.SetSpecularPower(20.0)
    prop.SetDiffuse(0.85)
    prop.SetAmbient(0.1)
    actor.SetPickable(pickable)
    vtkRenderer.AddActor(renderer, actor)
    return actor


def matrix(m: np.ndarray) -> vtkMatrix4x4:
    vm = vtkMatrix4x4()
    for i in range(4):
        for j in range(4):
            vm.SetElement(i, j, float(m[i, j]))
    return vm


def vtk_array(pd: pv.PolyData, name: str) -> Any:
    """The VTK array itself (pyvista's accessor returns a numpy view without Modified())."""
    return vtkDataSet.GetPointData(pd).GetArray(name)


def address(obj: object) -> int | None:
    """VTK objects wrapped twice are different Python objects: compare their C address."""
    try:
        return int(obj.GetAddressAsString("vtkObject")[5:], 16)  # type: ignore[attr-defined]
    except (AttributeError, ValueError, TypeError):
        return None
