"""Vertebra names and cord segment names side by side, for the spine in the body.

Why a module of its own: the two numberings are both taught and they differ (the cord
is shorter than the column, so the T10 segment lies behind the T8 vertebra and the
conus ends near L1); the in-situ view shows them together, each in its own colour:
vertebra names in front of the vertebral bodies, segment names at the back of the
cord, level with the segment's rootlets. Each set is one 2D actor
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
FRONT_GAP_MM = 6.0  # vertebra names stand this far in front of the body
BACK_GAP_MM = 1.5  # segment names start this far behind the cord's surface
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
        self.to_scene: Callable[[np.ndarray], np.ndarray] = lambda p: p

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
        self.to_scene = to_scene
        for labels, anchors in ((self.vertebrae, self.vertebra_anchors),
                                (self.segments, self.segment_anchors)):
            if anchors:
                labels.set_anchors(to_scene(np.array(list(anchors.values()))))

    def set_palette(self, palette: Palette) -> None:
        self.vertebrae.text.SetColor(hex_to_rgb(palette.vertebra_label))
        self.segments.text.SetColor(hex_to_rgb(palette.segment_label))

    def set_font_scale(self, scale: float) -> None:
        self._font_px = max(int(round(NAME_PX * scale)), 7)
        self.vertebrae.text.SetFontSize(self._font_px)
        self.segments.text.SetFontSize(self._font_px)

    def pin(self, project: Projector, dpi: int) -> None:
        """Before a frame: thin out names that would overlap, then move the rest."""
        if not self._visible:
            return
        gap = 1.15 * self._font_px * dpi / 72.0
        for labels in (self.vertebrae, self.segments):
            if not labels.names:
                continue
            y = project(labels.anchors)[:, 1]
            labels.show(declutter(labels.names, y, gap))
            labels.place(project, dpi)
