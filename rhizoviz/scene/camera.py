"""What each view shows, how the camera frames it, and where scene points fall on screen.

Why a module of its own: framing is the one part of the scene that depends on the
window (its size, the legend's corner) rather than on anatomy. Each view is a row of
data (:class:`ViewSpec`: where the spine stands, where the camera looks from, what is
fitted, how thick roots are drawn), so a new view is a new row, not new branches in
the scene. :class:`Framing` fits bounds into the part of the window the overlays
leave free, re-fits when the window changes shape while the user has not moved the
camera, and projects scene points to pixels with numpy (picking and the level names
use it; it draws no frame).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvista as pv

from rhizoviz.core.views import IN_SITU, VIEW_NAMES

Vec = tuple[float, float, float]
# a part of the window in normalised device coordinates: x_lo, x_hi, y_lo, y_hi
Region = tuple[float, float, float, float]
# the free regions of a window of (w, h) pixels, laid out for that size
RegionsFor = Callable[[int, int], list[Region]]

# direction from the focal point to the camera, and the screen's rightward direction
VIEW_GEOMETRY: dict[str, tuple[Vec, Vec]] = {
    "anterior": ((0.0, 1.0, 0.0), (-1.0, 0.0, 0.0)),
    "posterior": ((0.0, -1.0, 0.0), (1.0, 0.0, 0.0)),
    "left": ((-1.0, 0.0, 0.0), (0.0, -1.0, 0.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
}

LEVEL_VIEW_PREFIX = "level:"


@dataclass(frozen=True)
class ViewSpec:
    """Everything a named view decides."""

    name: str
    placement: str  # where the enlarged spine stands: beside the body ("anterior", ...)
    direction: Vec  # from the focal point to the camera
    screen_right: Vec | None  # the screen's right, for the level names; None centres them
    frames: str  # what is fitted: "all" (body and spine), "spine", "level" (a close-up)
    # or "in-situ" (the spine and the trunk round it)
    zoom: float
    overview: bool  # the whole body is in view: cut roots are flagged with dots
    all_labels: bool  # every level named, not only region starts and cut levels
    root_inflate: float  # millimetres added to every root's radius (spine frame)
    detail: str = "full"  # the bones' level of detail: "coarse" where the spine is small
    body_opacity: float = 1.0  # below 1 the body is see-through (the spine inside it)
    both_numberings: bool = False  # vertebra and cord segment names side by side


def _side_view(name: str) -> ViewSpec:
    direction, right = VIEW_GEOMETRY[name]
    return ViewSpec(name, name, direction, right, "all", 1.04, True, False, 1.0, "coarse")


VIEW_SPECS: dict[str, ViewSpec] = {
    **{name: _side_view(name) for name in ("anterior", "posterior", "left", "right")},
    # the spine alone, lying prone, from behind: the surgeon's view
    "spine": ViewSpec("spine", "prone", VIEW_GEOMETRY["posterior"][0], None, "spine", 1.0,
                      False, True, 0.4),
    # the spine true to size where it lies, in a see-through body, from the left and a
    # little in front: the cord segments stand higher than the vertebrae of their number
    IN_SITU: ViewSpec(IN_SITU, IN_SITU, (-1.0, 0.3, 0.05), None, "in-situ", 1.0, False,
                      True, 0.8, "full", 0.3, True),
}
VIEWS: tuple[str, ...] = VIEW_NAMES  # the names are data (scenarios, CLI); cameras are here


def level_view(level: str) -> ViewSpec:
    """A close-up, from behind and a little below, of one level's roots, true to size."""
    return ViewSpec(f"{LEVEL_VIEW_PREFIX}{level}", "posterior", (0.0, -1.0, 0.25), None,
                    "level", 1.0, False, True, 0.0)


class Framing:
    """Aims the plotter's camera and projects scene points to window pixels."""

    def __init__(self, plotter: pv.Plotter) -> None:
        self.plotter = plotter
        self._request: tuple[Any, Any, float] | None = None  # what frame() was last asked
        self.framed_size = (0, 0)
        self.framed_mtime = 0  # the camera's modification time when last framed

    def display_size(self) -> tuple[int, int]:
        """The renderer's size in pixels (known before the first frame, too)."""
        win_w, win_h = self.plotter.render_window.GetSize()
        x0, y0, x1, y1 = self.plotter.renderer.GetViewport()
        return int(round((x1 - x0) * win_w)), int(round((y1 - y0) * win_h))

    def refit_if_resized(self, regions_for: RegionsFor) -> None:
        """Re-frame a preset view when the window changed size (shown, maximised, full
        screen) and the user has not moved the camera since: the fit depends on the
        window's shape and the legend's size."""
        request = self._request
        if request is None or self.display_size() == self.framed_size:
            return
        if self.plotter.camera.GetMTime() != self.framed_mtime:
            self._request = None  # the user took the camera: leave it alone
            return
        self.frame(*request, regions_for)

    def frame(self, bounds: np.ndarray, direction: Iterable[float], zoom: float,
              regions_for: RegionsFor) -> None:
        """Aim the camera along ``direction`` and fit ``bounds`` into the best of the free
        regions ``regions_for`` gives for the window's size (it may lay overlays out)."""
        self._request = (bounds, direction, zoom)
        direction = np.asarray(direction, dtype=np.float64)
        direction = direction / np.linalg.norm(direction)
        bounds = np.asarray(bounds, dtype=np.float64)
        centre = (bounds[::2] + bounds[1::2]) / 2.0
        cam = self.plotter.camera
        cam.SetWindowCenter(0.0, 0.0)
        cam.SetFocalPoint(*centre)
        cam.SetPosition(*(centre + direction * 1000.0))
        cam.SetViewUp(0.0, 0.0, 1.0)
        cam.SetViewAngle(24.0)
        self.plotter.renderer.ResetCamera(*[float(b) for b in bounds])
        w, h = self.display_size()
        if w > 0 and h > 0:
            regions = regions_for(w, h)
            corners = np.array([[x, y, z] for x in bounds[0:2] for y in bounds[2:4]
                                for z in bounds[4:6]])
            ndc = self.ndc(corners, w, h)
            ex = max(float(np.ptp(ndc[:, 0])), 1e-6)
            ey = max(float(np.ptp(ndc[:, 1])), 1e-6)
            x_lo, x_hi, y_lo, y_hi = max(
                regions, key=lambda r: min((r[1] - r[0]) / ex, (r[3] - r[2]) / ey)
            )
            for _pass in range(2):  # perspective: a second pass corrects the first
                ndc = self.ndc(corners, w, h)
                ex = max(float(np.ptp(ndc[:, 0])), 1e-6)
                ey = max(float(np.ptp(ndc[:, 1])), 1e-6)
                cam.Zoom(min((x_hi - x_lo) / ex, (y_hi - y_lo) / ey))
            cam.Zoom(zoom)
            ndc = self.ndc(corners, w, h)
            mid = (ndc.min(axis=0) + ndc.max(axis=0)) / 2.0
            wc = np.array(cam.GetWindowCenter())
            target = np.array([(x_lo + x_hi) / 2.0, (y_lo + y_hi) / 2.0])
            cam.SetWindowCenter(*(wc + (mid - target)))
        else:
            cam.Zoom(zoom)
        self.plotter.renderer.ResetCameraClippingRange()
        if hasattr(self.plotter, "camera_set"):
            self.plotter.camera_set = True  # pyvista's show() must not reset our framing
        self.framed_size = (w, h)
        self.framed_mtime = cam.GetMTime()

    def ndc(self, points: np.ndarray, w: int, h: int) -> np.ndarray:
        """Scene points to normalised device coordinates for a w x h viewport."""
        cam = self.plotter.camera
        vm = cam.GetCompositeProjectionTransformMatrix(w / h, -1.0, 1.0)
        m = np.array([[vm.GetElement(i, j) for j in range(4)] for i in range(4)])
        hom = np.hstack([points, np.ones((len(points), 1))]) @ m.T
        return hom[:, :2] / hom[:, 3:4]

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points to window pixels, origin top-left (Qt's convention), shape (n, 2)."""
        xy = self.display_points(points)
        xy[:, 1] = self.plotter.render_window.GetSize()[1] - xy[:, 1]
        return xy

    def display_points(self, points: np.ndarray) -> np.ndarray:
        """World points to window pixels, origin bottom-left (VTK's display), shape (n, 2)."""
        w, h = self.display_size()
        ndc = self.ndc(np.asarray(points, dtype=np.float64).reshape(-1, 3), max(w, 1), max(h, 1))
        vx0, vy0, _vx1, _vy1 = self.plotter.renderer.GetViewport()
        win_w, win_h = self.plotter.render_window.GetSize()
        x = (ndc[:, 0] + 1.0) / 2.0 * w + vx0 * win_w
        y = (ndc[:, 1] + 1.0) / 2.0 * h + vy0 * win_h
        return np.column_stack([x, y])

    def pixels_per_mm(self) -> float:
        """Screen pixels per scene millimetre at the focal point (for tolerances)."""
        cam = self.plotter.camera
        a = np.asarray(cam.GetFocalPoint())
        b = a + np.asarray(cam.GetViewUp()) * 10.0
        pa, pb = self.project(np.vstack([a, b]))
        return float(np.linalg.norm(pa - pb)) / 10.0
