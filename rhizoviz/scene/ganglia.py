"""The dorsal root ganglia of a root set: drawn solid, or as a hollow outline once removed.

Why a module of its own: a ganglion is a cut target of its own (a ganglionectomy takes
the whole ganglion), and it must read at a glance as *gone*, unlike a cut root, which
keeps its two stumps. Why it is drawn this way:

* All ganglia are one solid mesh; a removed one's points collapse onto its centre
  (zero-area triangles draw nothing), as a cut root's gap does.
* A second mesh, the ghost, draws the removed ganglia as a wire outline where they
  were, in the palette's ``ganglion_removed`` colour: a shape as well as a hue, so it
  reads in greyscale too. Its cells are only the removed ganglia's, rewritten on a
  removal (a few hundred ids), never the points.
* In whole-body views a ring (a dot with a hole in the background colour) marks a
  removed ganglion, beside the round dots of cut dorsal roots and the squares of cut
  ventral roots (:mod:`rhizoviz.scene.cut_flags`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtkIdTypeArray
from vtkmodules.vtkCommonCore import vtkLookupTable
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor

from rhizoviz.scene.cut_flags import RingFlags
from rhizoviz.scene.vtkmesh import (
    Mesh,
    address,
    codes_modified,
    map_status_colours,
    merge_parts,
    point_codes,
    points_view,
    polydata,
    surface_actor,
)

Root = tuple[str, str]  # (level, side)
GHOST_GROW = 1.06  # the outline stands a little outside the ganglion it replaces
GHOST_LINE_PX = 1.6


def triangle_cells(faces: np.ndarray) -> vtkCellArray:
    """Triangles (m, 3) as a cell array, for a mesh that shows some of its faces."""
    faces = np.ascontiguousarray(faces, dtype=np.int64).reshape(-1, 3)
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(np.arange(0, 3 * len(faces) + 1, 3, dtype=np.int64),
                                          deep=True),
                  numpy_to_vtkIdTypeArray(faces.ravel(), deep=True))
    return cells


class Ganglia:
    """The ganglia of a root set: a solid actor, a ghost actor for removed ones, rings."""

    def __init__(self, renderer: Any, meshes: Mapping[Root, Mesh], keys: list[Root],
                 lut: vtkLookupTable, codes: tuple[int, int, int]) -> None:
        """``codes``: the lookup table's (ganglion, highlight, removed) entries."""
        self._ganglion, self._highlight, removed = codes
        # a ganglion without a root still shows, and picks as no root (owner -1)
        index = {key: i for i, key in enumerate(keys)}
        gkeys = sorted(meshes, key=lambda k: (index.get(k, len(index)), k))
        self.ganglion_keys = gkeys
        self._n_roots = len(keys)
        self._root_of = np.array([index.get(k, -1) for k in gkeys], dtype=np.intp)
        merged = merge_parts([meshes[k] for k in gkeys], list(range(len(gkeys))))
        self._own = merged.point_owner  # the ganglion (of gkeys) of each point
        self._cell_own = merged.cell_owner
        self.point_owner = self._root_of[self._own] if len(gkeys) else self._own
        self.cell_owner = self._root_of[self._cell_own] if len(gkeys) else self._cell_own
        base = merged.mesh.points.astype(np.float64)
        self._base = base
        self.centres = np.array([base[self._own == g].mean(axis=0) for g in range(len(gkeys))]
                                ).reshape(-1, 3)
        self.radii = np.array([
            np.linalg.norm(base[self._own == g] - self.centres[g], axis=1).mean()
            for g in range(len(gkeys))])
        self._faces = merged.mesh.faces
        self._pd = polydata(merged.mesh)
        self._points = points_view(self._pd)
        self._codes = point_codes(self._pd)
        self._codes[:] = self._ganglion
        self.actor = surface_actor(renderer, self._pd, specular=0.3, pickable=True)
        map_status_colours(self.actor, lut)

        ghost = vtkPolyData()
        ghost.DeepCopy(self._pd)
        grown = self.centres[self._own] + GHOST_GROW * (base - self.centres[self._own])
        points_view(ghost)[:] = grown
        ghost.SetPolys(triangle_cells(np.zeros((0, 3), np.int64)))
        ghost_codes = point_codes(ghost)
        ghost_codes[:] = removed
        self._ghost = ghost
        self.ghost_actor = surface_actor(renderer, ghost, pickable=True)
        map_status_colours(self.ghost_actor, lut)
        prop = self.ghost_actor.GetProperty()
        prop.SetRepresentationToWireframe()
        prop.SetAmbient(1.0)  # a flat colour: an outline reads the same from every side
        prop.SetDiffuse(0.0)
        prop.SetSpecular(0.0)
        prop.SetLineWidth(GHOST_LINE_PX)
        self.ghost_actor.SetVisibility(False)
        self._ghost_cell_owner = np.zeros(0, np.intp)
        self.removed = np.zeros(len(gkeys), dtype=bool)
        self.rings = RingFlags(renderer, self.centres, lut, removed)

    @property
    def actors(self) -> list[vtkActor]:
        return [self.actor, self.ghost_actor, *self.rings.actors]

    def follow(self, highlighted: np.ndarray) -> None:
        """Highlight the ganglia of the highlighted roots (a cut leaves them as they are)."""
        # owner -1 (a ganglion without a root) reads the appended False
        lit = np.append(highlighted, False)[self.point_owner]
        codes = np.where(lit, self._highlight, self._ganglion)
        if not np.array_equal(codes, self._codes):
            self._codes[:] = codes
            codes_modified(self._pd)

    def set_removed(self, removed: set[Root]) -> bool:
        """Show these ganglia as removed (and the rest whole); False when nothing changed."""
        mask = np.array([k in removed for k in self.ganglion_keys], dtype=bool)
        if np.array_equal(mask, self.removed):
            return False
        self.removed = mask
        gone = mask[self._own]
        points = self._base.copy()
        points[gone] = self.centres[self._own[gone]]
        self._points[:] = points
        self._pd.GetPoints().Modified()
        shown = mask[self._cell_own]
        self._ghost.SetPolys(triangle_cells(self._faces[shown]))
        self._ghost_cell_owner = self.cell_owner[shown]
        self.ghost_actor.SetVisibility(bool(mask.any()))
        self.rings.set_flagged(mask)
        return True

    def set_pixel_scale(self, scale: float) -> None:
        self.ghost_actor.GetProperty().SetLineWidth(GHOST_LINE_PX * scale)
        self.rings.set_pixel_scale(scale)

    def set_background(self, rgb: tuple[float, float, float]) -> None:
        self.rings.set_hole_colour(rgb)

    def show_rings(self, overview: bool) -> None:
        self.rings.show(overview)

    def root_for_cell(self, actor: object, cell: int) -> int | None:
        """The root index owning a picked cell of the solid or ghost ganglia (-1: none)."""
        owners = {address(self.actor): self.cell_owner,
                  address(self.ghost_actor): self._ghost_cell_owner}
        found = owners.get(address(actor))
        if found is None or cell < 0 or cell >= len(found):
            return None
        return int(found[cell])

    def owns(self, actor: object) -> bool:
        return address(actor) in (address(self.actor), address(self.ghost_actor))

    def distances(self, to_window: Callable[[np.ndarray], np.ndarray], x: float, y: float,
                  scale: float, px_per_mm: Callable[[], float]) -> np.ndarray:
        """Pixels from a window pixel to each ganglion's outline on screen, per root of the
        set (inf for a root without a ganglion): inside a ganglion it is negative."""
        out = np.full(self._n_roots, np.inf)
        if not len(self.centres):
            return out
        scr = to_window(self.centres)
        d = np.linalg.norm(scr - np.array([x, y]), axis=1) - self.radii * scale * px_per_mm()
        has_root = self._root_of >= 0
        np.minimum.at(out, self._root_of[has_root], d[has_root])
        return out

    def depths(self, depth_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """Each root's ganglion centre's distance from the camera (inf without one)."""
        out = np.full(self._n_roots, np.inf)
        has_root = self._root_of >= 0
        if has_root.any():
            out[self._root_of[has_root]] = depth_of(self.centres[has_root])
        return out

    def centre_of(self, root_index: int) -> np.ndarray | None:
        where = np.flatnonzero(self._root_of == root_index)
        return self.centres[where[0]] if len(where) else None
