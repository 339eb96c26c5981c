"""Vertebra names and cord segment names side by side, for the spine in the body.

Why a module of its own: the two numberings are both taught and they differ (the cord
is shorter than the column, so the T10 segment lies behind the T8 vertebra and the
conus ends near L1); the in-situ view shows them together, each in its own colour:
vertebra names level with the middle of each vertebral body, on the column's left as
drawn, and segment names level with the segment's rootlets on the cord, on the
column's right, so that a row across the screen reads "segment T10 lies behind
vertebra T8" from any side the camera looks. Each set is one 2D actor
(:class:`~rhizoviz.scene.level_labels.LevelLabels`: names rasterised once, moved as
sprites), and names that would overlap on screen are thinned out before each frame,
keeping the start of each region, T10 and the conus.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from vtkmodules.vtkRenderingCore import vtkRenderer

from rhizoviz.scene.level_labels import LevelLabels
from rhizoviz.scene.palette import Palette, hex_to_rgb

# scene points (n, 3) to display pixels (n, 2), origin bottom left
Projector = Callable[[np.ndarray], np.ndarray]

VERTEBRA_ORDER = [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [
    f"L{i}" for i in range(1, 6)]
CONUS = "conus"
ALWAYS_NAMED = {"C1", "T1", "T10", "L1", "S1", "sacrum", CONUS}  # kept when crowded
FRONT_GAP_MM = 6.0  # vertebra anchors stand this far in front of the body
BACK_GAP_MM = 1.5  # segment anchors this far behind the cord's surface
COLUMN_GAP_PX = 6  # names stand this far clear of the column on screen
NAME_PX = 15  # font size for a 1080-line window, as the other level names


def _points(mesh: Any) -> np.ndarray:
    return np.asarray(getattr(mesh, "vertices", getattr(mesh, "points", None)), np.float64)


def vertebra_anchors(spine: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Each vertebra's name point: in front of the middle of its body's front surface
    (the atlas, which has no body, in front of its anterior arch); the sacrum's at its
    first segment."""
    out: dict[str, np.ndarray] = {}
    for level in VERTEBRA_ORDER + ["sacrum"]:
        mesh = spine.get(f"vertebra_{level}") if level != "sacrum" else spine.get("sacrum")
        if mesh is None:
            continue
        pts = _points(mesh)
        if level == "sacrum":  # its top (S1) segment: the upper fifth
            pts = pts[pts[:, 2] > pts[:, 2].max() - 0.2 * np.ptp(pts[:, 2])]
        front = pts[:, 1].max()
        face = pts[pts[:, 1] > front - 10.0]
        x = float(np.median(pts[:, 0]))
        out[level] = np.array([x, front + FRONT_GAP_MM, float(np.median(face[:, 2]))])
    return out


def segment_anchors(spine: Mapping[str, Any], levels: list[str]) -> dict[str, np.ndarray]:
    """Each cord segment's name point: behind the cord, at the height where the level's
    dorsal rootlets (or, without rootlets, its dorsal root) meet the cord; and the conus
    tip."""
    cord = spine.get("spinal_cord")
    if cord is None:
        return {}
    cord_pts = _points(cord)
    cx = float(np.median(cord_pts[:, 0]))
    out: dict[str, np.ndarray] = {}
    for level in levels:
        ends = []
        for side in ("left", "right"):
            n = 1
            while (rootlet := spine.get(f"dorsal_rootlet_{level}_{side}_{n}")) is not None:
                pts = _points(rootlet)
                ends.append(pts[np.argmin(np.abs(pts[:, 0] - cx))])  # its end at the cord
                n += 1
        if not ends:
            root = spine.get(f"dorsal_root_{level}_left")
            if root is None:
                continue
            pts = _points(root)
            ends.append(pts[np.argmin(np.abs(pts[:, 0] - cx))])
        z = float(np.mean([e[2] for e in ends]))
        out[level] = np.array([cx, _back_of_cord(cord_pts, z) - BACK_GAP_MM, z])
    tip = cord_pts[np.argmin(cord_pts[:, 2])]
    out[CONUS] = np.array([cx, _back_of_cord(cord_pts, tip[2] + 2.0) - BACK_GAP_MM, tip[2]])
    return out


def _back_of_cord(cord_pts: np.ndarray, z: float) -> float:
    near = cord_pts[np.abs(cord_pts[:, 2] - z) < 4.0]
    if not len(near):
        near = cord_pts[np.argsort(np.abs(cord_pts[:, 2] - z))[:20]]
    return float(near[:, 1].min())


def bone_boxes(spine: Mapping[str, Any]) -> tuple[list[str], np.ndarray]:
    """Each vertebra's (and the sacrum's) bounding box as 8 corners: how wide the column
    is drawn at each height, for standing the names clear of it."""
    names, boxes = [], []
    for level in VERTEBRA_ORDER + ["sacrum"]:
        mesh = spine.get(f"vertebra_{level}") if level != "sacrum" else spine.get("sacrum")
        if mesh is None:
            continue
        pts = _points(mesh)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        boxes.append([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                      for z in (lo[2], hi[2])])
        names.append(level)
    return names, np.array(boxes, dtype=np.float64).reshape(-1, 8, 3)


def declutter(names: list[str], screen_y: np.ndarray, min_gap: float) -> np.ndarray:
    """Which names to show so that no two are closer than ``min_gap`` pixels on screen:
    the always-named ones first, then the rest from the top down."""
    order = sorted(range(len(names)),
                   key=lambda i: (names[i] not in ALWAYS_NAMED, -screen_y[i]))
    shown = np.zeros(len(names), dtype=bool)
    taken: list[float] = []
    for i in order:
        if all(abs(screen_y[i] - y) >= min_gap for y in taken):
            shown[i] = True
            taken.append(float(screen_y[i]))
    return shown


class VertebraSegmentNames:
    """Two columns of names for the spine in the body: vertebrae and cord segments."""

    def __init__(self, renderer: vtkRenderer, spine: Mapping[str, Any],
                 segment_levels: list[str]) -> None:
        vert = vertebra_anchors(spine)
        seg = segment_anchors(spine, segment_levels)
        self.vertebra_anchors = vert
        self.segment_anchors = seg
        self.vertebrae = LevelLabels(renderer, list(vert))
        self.vertebrae.set_anchors(np.array(list(vert.values())).reshape(-1, 3))
        self.vertebrae.text.SetJustificationToRight()
        self.segments = LevelLabels(renderer, list(seg))
        self.segments.set_anchors(np.array(list(seg.values())).reshape(-1, 3))
        self.segments.text.SetJustificationToLeft()
        self.segments.text.ItalicOn()  # a second cue besides colour (greyscale handouts)
        self._visible = False
        self._font_px = NAME_PX
        # the column beside each name: its own vertebra, or the one nearest in height
        bones, self._boxes = bone_boxes(spine)
        self._scene_boxes = self._boxes.copy()
        box_z = self._boxes[:, :, 2].mean(axis=1) if len(bones) else np.zeros(0)
        self._vert_anchors = np.array(list(vert.values())).reshape(-1, 3)
        self._seg_anchors = np.array(list(seg.values())).reshape(-1, 3)
        self._scene_vert = self._vert_anchors.copy()
        self._scene_seg = self._seg_anchors.copy()

        def nearest_bone(z: np.ndarray) -> np.ndarray:
            if not len(box_z):
                return np.zeros(len(z), dtype=int)
            return np.argmin(np.abs(z[:, None] - box_z[None, :]), axis=1)

        self._vert_bone = nearest_bone(self._vert_anchors[:, 2])
        self._seg_bone = nearest_bone(self._seg_anchors[:, 2])

    @property
    def actors(self) -> list[Any]:
        return [self.vertebrae.actor, self.segments.actor]

    @property
    def visible(self) -> bool:
        return self._visible

    def set_visible(self, visible: bool) -> None:
        self._visible = bool(visible)
        if not visible:
            self.vertebrae.show(np.zeros(len(self.vertebrae.names), bool))
            self.segments.show(np.zeros(len(self.segments.names), bool))

    def place(self, to_scene: Callable[[np.ndarray], np.ndarray]) -> None:
        """Stand the names where the spine is drawn (``to_scene`` of its own frame)."""
        self._scene_vert = to_scene(self._vert_anchors)
        self._scene_seg = to_scene(self._seg_anchors)
        self._scene_boxes = to_scene(self._boxes.reshape(-1, 3)).reshape(-1, 8, 3)

    def set_palette(self, palette: Palette) -> None:
        self.vertebrae.text.SetColor(hex_to_rgb(palette.vertebra_label))
        self.segments.text.SetColor(hex_to_rgb(palette.segment_label))

    def set_font_scale(self, scale: float) -> None:
        self._font_px = max(int(round(NAME_PX * scale)), 7)
        self.vertebrae.text.SetFontSize(self._font_px)
        self.segments.text.SetFontSize(self._font_px)

    def pin(self, project: Projector, dpi: int) -> None:
        """Before a frame: each name level with its anchor, clear of the column (vertebrae
        on its left, segments on its right, as drawn now); names that would overlap
        thinned out."""
        if not self._visible or not len(self._scene_boxes):
            return
        boxes = project(self._scene_boxes.reshape(-1, 3)).reshape(-1, 8, 2)
        left = boxes[:, :, 0].min(axis=1) - COLUMN_GAP_PX
        right = boxes[:, :, 0].max(axis=1) + COLUMN_GAP_PX
        gap = 1.15 * self._font_px * dpi / 72.0
        for labels, anchors, x in (
            (self.vertebrae, self._scene_vert, left[self._vert_bone]),
            (self.segments, self._scene_seg, right[self._seg_bone]),
        ):
            if not labels.names:
                continue
            y = project(anchors)[:, 1]
            # the sprites take display points: their anchors are set in pixels
            labels.set_anchors(np.column_stack([x, y, np.zeros(len(y))]))
            labels.show(declutter(labels.names, y, gap))
            labels.place(lambda pts: pts[:, :2], dpi)
