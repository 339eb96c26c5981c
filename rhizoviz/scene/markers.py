"""The key sensory points as round markers on the skin, coloured as their patch of skin.

Why a module of its own: the markers are a separate point cloud with their own colours
(a marker must stand out from skin of the same status), their own screen size, and
their own picking rule (a marker on the far side of the body is not hovered). Their
status comes from the same :data:`rhizoviz.scene.skin.StatusRule` as the skin's, run on
the atlas's (primary, supply) levels for each point, so the two always agree; the touch
supply is grown from the pin-prick one as the skin's is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyvista as pv

from rhizoviz.core.atlas import PIN_PRICK, Atlas
from rhizoviz.core.outcome import STATUS_NAMES, RootMasks, level_bits
from rhizoviz.core.session import State
from rhizoviz.scene.palette import Palette
from rhizoviz.scene.skin import (
    SIDE_NAMES,
    BodyLike,
    StatusRule,
    check_modality,
    modality_supply,
    sensation_status,
)
from rhizoviz.scene.vtkmesh import (
    address,
    categorical_lut,
    fill_lut,
    map_status_colours,
    nearest,
    vtk_array,
)

KeyPoint = tuple[str, str]  # (level, side)
BASE_MARKER_PX = 11.0
LIFT_MM = 6.0  # off the skin, so that a sphere is not half buried


class KeyPointMarkers:
    """One point per key sensory point of the body; ``actor`` is None when it has none."""

    def __init__(self, plotter: pv.Plotter, body: BodyLike, skin_points: np.ndarray,
                 skin_normals: np.ndarray, atlas: Atlas, palette: Palette,
                 rule: StatusRule = sensation_status) -> None:
        self.rule = rule
        self.modality = PIN_PRICK
        keys = list(body.key_points)
        self.keys: list[KeyPoint] = keys
        pts, normals = [], []
        kpv = getattr(body, "key_point_vertex", None) or {}
        for key in keys:
            p = np.asarray(body.key_points[key], dtype=np.float64)
            v = kpv.get(key) if hasattr(kpv, "get") else None
            if v is None:
                v = nearest(skin_points, p)
            pts.append(p + LIFT_MM * skin_normals[int(v)])
            normals.append(skin_normals[int(v)])
        self.points = np.array(pts, dtype=np.float64).reshape(-1, 3)
        self.normals = np.array(normals, dtype=np.float64).reshape(-1, 3)
        # a marker's status follows the rule for its patch of skin, as the body's does:
        # (primary, supply) level bits per marker, for the atlas's key points
        atlas_points = {k.level: k for k in atlas.key_points}
        known = [i for i, (level, _side) in enumerate(keys) if level in atlas_points]
        self._known = np.array(known, dtype=np.intp)
        self._primary = np.array(
            [level_bits(atlas_points[keys[i][0]].primary, atlas) for i in known], np.int64)
        self._supplies = modality_supply(self._primary, np.array(
            [level_bits(atlas_points[keys[i][0]].supply, atlas) for i in known], np.int64), atlas)
        codes = {name: code for code, name in SIDE_NAMES.items()}
        self._side = np.array([codes[keys[i][1]] for i in known], np.int8)
        self.actor: Any = None
        self.status = np.zeros(0, dtype=np.float32)
        if not keys:
            return
        cloud = pv.PolyData(self.points.astype(np.float32))
        cloud.point_data["status"] = np.zeros(len(keys), dtype=np.float32)
        self._lut = categorical_lut(palette.marker_colours)
        self.actor = plotter.add_mesh(
            cloud,
            scalars="status",
            show_scalar_bar=False,
            style="points",
            render_points_as_spheres=True,
            point_size=BASE_MARKER_PX,
            interpolate_before_map=False,
            pickable=True,
            name="key_points",
            reset_camera=False,
            render=False,
        )
        map_status_colours(self.actor, self._lut)
        markers = self.actor.mapper.dataset
        self.status = markers.point_data["status"]
        self._vtk_array = vtk_array(markers, "status")

    def update(self, state: State, masks: RootMasks) -> None:
        """Recolour the markers whose status changed (and tell VTK only then)."""
        if self.actor is None:
            return
        status = self.rule(self._primary, self._supplies[self.modality], self._side, state,
                           masks)
        if not np.array_equal(status, self.status[self._known]):
            self.status[self._known] = status
            self._vtk_array.Modified()

    def set_modality(self, modality: str) -> None:
        self.modality = check_modality(modality)

    def show_statuses(self, marks: Mapping[KeyPoint, str]) -> None:
        """Draw each marker with a given status name (unnamed: normal), whatever the cuts."""
        if self.actor is None:
            return
        codes = {name: code for code, name in enumerate(STATUS_NAMES)}
        status = np.array([codes[marks.get(k, "normal")] for k in self.keys],
                          dtype=self.status.dtype)
        if not np.array_equal(status, self.status):
            self.status[:] = status
            self._vtk_array.Modified()

    def set_palette(self, palette: Palette) -> None:
        if self.actor is not None:
            fill_lut(self._lut, palette.marker_colours)

    def set_pixel_scale(self, scale: float) -> None:
        if self.actor is not None:
            self.actor.GetProperty().SetPointSize(BASE_MARKER_PX * scale)

    def set_visible(self, visible: bool) -> None:
        if self.actor is not None:
            self.actor.SetVisibility(visible)

    def owns(self, actor: object) -> bool:
        return (actor is not None and self.actor is not None
                and address(actor) == address(self.actor))

    def nearest(self, point: np.ndarray) -> KeyPoint:
        """The key point whose marker is nearest a 3D point (a picked position)."""
        return self.keys[int(np.argmin(np.linalg.norm(self.points - point, axis=1)))]

    def at(self, xy_of: Any, camera_position: np.ndarray, x: float, y: float,
           tolerance_px: float) -> KeyPoint | None:
        """The marker under a window pixel; ``xy_of`` projects scene points to pixels.

        Only markers on skin that faces the camera or is seen edge-on count: a marker on
        a thumb or heel pokes out beside it, one on the far side of the trunk is hidden.
        """
        if self.actor is None or not len(self.points):
            return None
        scr = xy_of(self.points)
        d = np.linalg.norm(scr - np.array([x, y]), axis=1)
        to_cam = camera_position - self.points
        to_cam /= np.linalg.norm(to_cam, axis=1, keepdims=True)
        facing = np.einsum("ij,ij->i", self.normals, to_cam) > -0.7
        hits = np.flatnonzero((d <= tolerance_px) & facing)
        if not len(hits):
            return None
        # the nearest to the camera wins: it is drawn over the others
        depth = np.linalg.norm(self.points[hits] - camera_position, axis=1)
        return self.keys[int(hits[np.argmin(depth)])]
