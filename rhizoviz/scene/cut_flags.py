"""Screen-sized dots at the cut roots of one root set, for the whole-body views.

Why they exist: at whole-body scale a 2 mm root is two pixels wide, but a dot of the
cut colour shows from the back of a hall where (and whether) each root was cut. Why
they look like this: one point per root, shared by two clouds (full cuts drawn larger
than partial ones); a cloud draws only its roots' points, so a cut rewrites a short
list of vertex ids, never the points. In the spine views the gap itself is big enough
and the dots are hidden.

The three kinds of cut differ in shape as well as colour, so they read in greyscale
and to a colour-blind eye: a cut dorsal root is a round dot, a cut ventral root a
square (``square=True``), a removed ganglion a ring (:class:`RingFlags`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from vtkmodules.vtkCommonCore import vtkLookupTable, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor

from rhizoviz.scene.vtkmesh import (
    codes_modified,
    map_status_colours,
    point_codes,
    points_view,
    surface_actor,
    vertex_cells,
)

FLAG_PX = 13.0  # the dot marking a cut root in whole-body views
LIFT_MM = 35.0  # dots stand this far toward the camera (spine frame): in front of bones
KINDS = ("cut", "partial")


class CutFlags:
    """Dots at ``anchors`` (one per root, spine frame) coloured by the roots' codes."""

    def __init__(self, renderer: Any, anchors: np.ndarray, lut: vtkLookupTable, *,
                 square: bool = False, every_view: bool = False) -> None:
        """``every_view``: flag in the spine views too (for roots hidden there behind
        others, as the ventral roots are behind the dorsal ones seen from behind)."""
        pd = vtkPolyData()
        pts = vtkPoints()
        pts.SetNumberOfPoints(len(anchors))
        pd.SetPoints(pts)
        self._points = points_view(pd)
        self.anchors = np.asarray(anchors, dtype=np.float64).reshape(-1, 3)
        self._points[:] = self.anchors
        self._codes = point_codes(pd)
        self.flagged = np.zeros(len(anchors), dtype=bool)
        self.actors: dict[str, vtkActor] = {}
        for kind in KINDS:
            cloud = vtkPolyData()
            cloud.SetPoints(pts)
            cloud.GetPointData().SetScalars(pd.GetPointData().GetScalars())
            cloud.SetVerts(vertex_cells(np.zeros(0, np.int64)))
            actor = surface_actor(renderer, cloud, specular=0.3)
            map_status_colours(actor, lut)
            prop = actor.GetProperty()
            prop.SetRepresentationToPoints()
            prop.SetRenderPointsAsSpheres(not square)
            actor.SetVisibility(False)
            self.actors[kind] = actor
        self._pd = pd
        self._placed: object = None  # the pose the dots were lifted for
        self._ids = {kind: np.zeros(0, np.intp) for kind in KINDS}
        self._size = 1.0 if not square else 0.9  # a square looks larger than a disc
        self._every_view = every_view
        self._aimed: tuple[float, ...] | None = None

    def aim(self, camera: np.ndarray) -> None:
        """Flags shown in every view stand on the rays from the camera (``camera``, spine
        frame) to their roots: in a close-up a lift along the view direction would shift
        them off their roots in perspective. Before a frame; cheap when nothing moved."""
        if not self._every_view or not self.flagged.any():
            return
        key = tuple(np.round(camera, 3))
        if key == self._aimed:
            return
        self._aimed = key
        ray = camera - self.anchors
        ray /= np.maximum(np.linalg.norm(ray, axis=1, keepdims=True), 1e-9)
        self._points[:] = self.anchors + LIFT_MM * ray
        self._pd.GetPoints().Modified()

    def set_codes(self, code: np.ndarray) -> None:
        """Each root's colour code (the dots take their root's colour)."""
        self._codes[:] = code
        codes_modified(self._pd)

    def set_pixel_scale(self, scale: float) -> None:
        self.actors["cut"].GetProperty().SetPointSize(self._size * FLAG_PX * scale)
        self.actors["partial"].GetProperty().SetPointSize(0.75 * self._size * FLAG_PX * scale)

    def show(self, fraction: np.ndarray, overview: bool, pose: object,
             toward: Callable[[], np.ndarray]) -> None:
        """Flag the cut roots when ``overview``; lift the dots along ``toward()`` (unit,
        spine frame, toward the camera) when ``pose`` differs from the one drawn, so they
        sit in front of the bones and ventral roots as seen from this view."""
        overview = overview or self._every_view
        self.flagged = (fraction > 0.0) & overview
        if overview and not self._every_view and pose != self._placed:
            self._placed = pose
            self._points[:] = self.anchors + LIFT_MM * toward()
            self._pd.GetPoints().Modified()
        for kind, mask in (("cut", fraction >= 1.0), ("partial", fraction < 1.0)):
            ids = np.flatnonzero(self.flagged & mask)
            if np.array_equal(ids, self._ids[kind]):
                continue
            self._ids[kind] = ids
            actor = self.actors[kind]
            actor.GetMapper().GetInput().SetVerts(vertex_cells(ids))
            actor.SetVisibility(len(ids) > 0)


class RingFlags:
    """Rings at removed ganglia: a dot of the ``code`` colour with a hole in the background
    colour. Both stand on the ray from the camera to the ganglion (so the hole stays
    centred in perspective), the hole nearer the camera than the dot's own round surface
    (:meth:`aim`, before each frame that shows rings)."""

    def __init__(self, renderer: Any, centres: np.ndarray, lut: vtkLookupTable,
                 code: int) -> None:
        self.centres = np.asarray(centres, dtype=np.float64).reshape(-1, 3)
        self.flagged = np.zeros(len(self.centres), dtype=bool)
        self.shown = np.zeros(len(self.centres), dtype=bool)
        self._aimed: tuple[float, ...] | None = None
        self._point_px = FLAG_PX
        self.actors: list[vtkActor] = []
        self._pds: list[vtkPolyData] = []
        self._views: list[np.ndarray] = []
        for hole in (False, True):
            pd = vtkPolyData()
            pts = vtkPoints()
            pts.SetNumberOfPoints(len(self.centres))
            pd.SetPoints(pts)
            view = points_view(pd)
            view[:] = self.centres
            codes = point_codes(pd)
            codes[:] = code
            pd.SetVerts(vertex_cells(np.zeros(0, np.int64)))
            actor = surface_actor(renderer, pd, specular=0.0)
            if hole:
                actor.GetMapper().ScalarVisibilityOff()
                actor.GetProperty().SetLighting(False)
            else:
                map_status_colours(actor, lut)
                actor.GetProperty().SetAmbient(0.6)
            prop = actor.GetProperty()
            prop.SetRepresentationToPoints()
            prop.SetRenderPointsAsSpheres(True)
            actor.SetVisibility(False)
            self.actors.append(actor)
            self._pds.append(pd)
            self._views.append(view)

    def set_hole_colour(self, rgb: tuple[float, float, float]) -> None:
        self.actors[1].GetProperty().SetColor(rgb)

    def set_pixel_scale(self, scale: float) -> None:
        self._point_px = 1.25 * FLAG_PX * scale
        self.actors[0].GetProperty().SetPointSize(self._point_px)
        self.actors[1].GetProperty().SetPointSize(0.6 * FLAG_PX * scale)
        self._aimed = None

    def set_flagged(self, flagged: np.ndarray) -> None:
        self.flagged = np.asarray(flagged, dtype=bool)

    def show(self, overview: bool) -> None:
        """Ring the removed ganglia in whole-body views."""
        shown = self.flagged & overview
        if np.array_equal(shown, self.shown):
            return
        self.shown = shown
        self._aimed = None
        ids = np.flatnonzero(shown)
        for actor, pd in zip(self.actors, self._pds, strict=True):
            pd.SetVerts(vertex_cells(ids))
            actor.SetVisibility(len(ids) > 0)

    def aim(self, camera: np.ndarray, mm_per_px: float) -> None:
        """Stand the rings toward ``camera`` (spine frame); ``mm_per_px``: spine-frame
        millimetres per pixel near the spine. Nothing to do without rings or when
        neither moved."""
        if not self.shown.any():
            return
        key = (*np.round(camera, 3), round(mm_per_px, 5))
        if key == self._aimed:
            return
        self._aimed = key
        ray = camera - self.centres
        ray /= np.maximum(np.linalg.norm(ray, axis=1, keepdims=True), 1e-9)
        # the dot's round surface stands half its width nearer the camera than its centre
        hole = LIFT_MM + 0.75 * self._point_px * mm_per_px
        for view, pd, lift in zip(self._views, self._pds, (LIFT_MM, hole), strict=True):
            view[:] = self.centres + lift * ray
            pd.GetPoints().Modified()
