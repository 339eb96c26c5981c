"""Picking in the scene: what a click or hover at a window pixel means.

Mixed into :class:`~rhizoviz.scene.anatomy_scene.AnatomyScene`. Why a module of its
own: three kinds of target (dorsal root, ventral root, ganglion) overlap on screen in
most views, and clicks must still be unambiguous and cheap. Hover is screen-space and
render-free (:class:`~rhizoviz.scene.targets.RootTargets`); a click casts one
software ray (a hardware pick would draw a whole extra frame), then lets the kind the
user chose win where kinds overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from vtkmodules.vtkRenderingCore import vtkCellPicker

from rhizoviz.core.cuts import DORSAL, GANGLION
from rhizoviz.scene.errors import SceneError
from rhizoviz.scene.markers import BASE_MARKER_PX
from rhizoviz.scene.skin import SkinLookup
from rhizoviz.scene.targets import Target

if TYPE_CHECKING:
    from rhizoviz.scene.anatomy_scene import AnatomyScene

Root = tuple[str, str]  # (level, side)


@dataclass(frozen=True)
class Pick:
    """What is under a screen position: a root, a key sensory point or skin."""

    kind: str  # "root", "key_point" or "skin"
    root: Root | None = None
    key_point: tuple[str, str] | None = None
    skin: SkinLookup | None = None
    target: str = DORSAL  # for a root: which is hit, "dorsal", "ventral" or "ganglion"


class ScenePicking:
    """Roots, ganglia, key points and skin under a window pixel (see the module docstring)."""

    def root_for_cell(self: AnatomyScene, actor: object, cell: int) -> Root | None:
        """The (level, side) owning a picked cell of the dorsal roots or ganglia; None
        otherwise (see :meth:`target_for_cell` for every kind)."""
        return self.dorsal.root_for_cell(actor, cell)

    def target_for_cell(self: AnatomyScene, actor: object, cell: int) -> Target | None:
        """(kind, level, side) of a picked cell of any root or ganglion; None otherwise."""
        return self.targets.for_cell(actor, cell)

    def vertex_at(self: AnatomyScene, point: Iterable[float]) -> int:
        """The body vertex nearest a 3D point."""
        return self.skin.vertex_at(point)

    def lookup(self: AnatomyScene, point: Iterable[float]) -> SkinLookup:
        """Reverse look-up: which dermatome is here and which dorsal roots supply it."""
        return self.skin.lookup(point, self._state.model, self.atlas)

    def project(self: AnatomyScene, points: np.ndarray) -> np.ndarray:
        """World points to window pixels, origin top-left (Qt's convention), shape (n, 2)."""
        return self._framing.project(points)

    def _spine_to_window(self: AnatomyScene, points: np.ndarray) -> np.ndarray:
        return self._framing.project(self.spine_frame.to_scene(points))

    def root_display_position(self: AnatomyScene, level: str, side: str,
                              kind: str = DORSAL) -> tuple[int, int]:
        """Window pixel (origin top-left) on a root or ganglion, for tests that click it.

        Of the points along the root, the one drawn farthest from every other root of its
        kind in the current view (in the cauda equina the roots cross on screen); a
        ganglion is aimed at its centre. Where kinds overlap on screen, a click there
        finds this root when its kind is preferred (see :meth:`pick`).
        """
        target = (kind, level, side)
        if target not in self.targets.index:
            raise SceneError(f"no {kind} root {side} {level}")
        if kind == GANGLION:
            centre = self.targets.ganglion_centre(level, side)
            assert centre is not None  # a target ganglion has a centre
            x, y = self._spine_to_window(centre[None, :])[0]
            return int(round(x)), int(round(y))
        roots = self.root_sets[kind]

        def distances(x: float, y: float) -> np.ndarray | None:
            return roots.surface_distances(self._spine_to_window, x, y, self._root_inflate(),
                                           self.spine_scale, self._framing.pixels_per_mm)

        return roots.clearest_point((level, side), self._spine_to_window, distances,
                                    self.plotter.render_window.GetSize())

    def root_at(self: AnatomyScene, x: float, y: float, tolerance_px: float = 10.0) -> Root | None:
        """The dorsal root drawn nearest a window pixel (top-left origin), within tolerance.

        Screen-space and render-free (about half a millisecond): cheap enough for hover
        on software OpenGL, and it finds roots behind see-through bones.
        """
        d = self._root_distances(x, y)
        if d is None:
            return None
        i = int(np.argmin(d))
        return self.dorsal.keys[i] if d[i] < tolerance_px else None

    def target_at(self: AnatomyScene, x: float, y: float, tolerance_px: float = 10.0,
                  prefer: str | None = None) -> Target | None:
        """The root or ganglion at a window pixel, within tolerance: (kind, level, side).

        Screen-space and render-free, like :meth:`root_at`. Dorsal and ventral roots and
        ganglia overlap on screen in most views, so a kind may be ``prefer``-red (the one
        the level panel cuts): the nearest target of that kind within tolerance wins.
        Otherwise, of the targets drawn over the pixel, the one nearest the camera (inside
        a ganglion, the ganglion), else the nearest on screen.
        """
        d = self._target_distances(x, y)
        depth = self.targets.depths(self._camera_distance()) if d is not None else None
        return self.targets.nearest(d, depth, tolerance_px, prefer)

    def _target_distances(self: AnatomyScene, x: float, y: float) -> np.ndarray | None:
        return self.targets.distances(self._spine_to_window, x, y, self._root_inflate(),
                                      self.spine_scale, self._framing.pixels_per_mm)

    def _camera_distance(self: AnatomyScene) -> Callable[[np.ndarray], np.ndarray]:
        """Spine-frame points to their distance from the camera."""
        cam = np.asarray(self.plotter.camera.GetPosition())
        return lambda p: np.linalg.norm(self.spine_frame.to_scene(p) - cam, axis=1)

    def _root_distances(self: AnatomyScene, x: float, y: float) -> np.ndarray | None:
        """Pixels from a window pixel to each root's drawn surface (centre line - radius)."""
        return self.dorsal.surface_distances(
            self._spine_to_window, x, y, self._root_inflate(), self.spine_scale,
            self._framing.pixels_per_mm)

    def key_point_at(
        self, x: float, y: float, tolerance_px: float | None = None
    ) -> tuple[str, str] | None:
        """The key sensory point marker under a window pixel (top-left origin), if any."""
        tol = tolerance_px if tolerance_px is not None else BASE_MARKER_PX * self._pixel_scale
        cam_pos = np.asarray(self.plotter.camera.GetPosition())
        return self.markers.at(self.project, cam_pos, x, y, tol)

    def pick(self: AnatomyScene, x: float, y: float, prefer: str | None = None) -> Pick | None:
        """What a click at a window pixel (top-left origin) means: a root, a key point, skin.

        The nearest pickable surface along the ray wins (bones and cord are not pickable,
        so a root behind see-through bone is found); a dorsal root, a ventral root and a
        ganglion each name their target. When a root of the ``prefer``-red kind is drawn
        within a few pixels it wins over the surface in front (the kinds overlap on
        screen; the level panel says which a click cuts). A click that misses everything
        still takes a root or ganglion within a few pixels, as thin roots are hard to hit.
        A cell picker casts the ray in software: a hardware pick would draw a whole extra
        frame, which on software OpenGL doubles the cost of a click.
        """
        if self._spec.body_opacity < 1.0:
            # the spine in a see-through body: the ray first passes through the skin to
            # the roots, and only a click on no root asks the skin
            skin = self.skin.actor
            skin.SetPickable(False)
            try:
                found = self._pick(x, y, prefer)
            finally:
                skin.SetPickable(True)
            if found is not None:
                return found
        return self._pick(x, y, prefer)

    def _pick(self: AnatomyScene, x: float, y: float, prefer: str | None) -> Pick | None:
        """:meth:`pick` with the actors pickable as they are now."""
        picker = vtkCellPicker()
        picker.SetTolerance(0.0005)
        win_h = self.plotter.render_window.GetSize()[1]
        actor = None
        if picker.Pick(float(x), float(win_h - y), 0.0, self.plotter.renderer):
            actor = picker.GetActor()
        target = self.target_for_cell(actor, picker.GetCellId())
        if target is not None:
            if prefer is not None and target[0] != prefer:
                target = self.target_at(x, y, prefer=prefer) or target
            return Pick("root", root=(target[1], target[2]), target=target[0])
        point = np.asarray(picker.GetPickPosition())
        if self.markers.owns(actor):
            return Pick("key_point", key_point=self.markers.nearest(point))
        if self.skin.owns(actor):
            kp = self.key_point_at(x, y)
            if kp is not None:
                return Pick("key_point", key_point=kp)
            return Pick("skin", skin=self.lookup(point))
        target = self.target_at(x, y, prefer=prefer)
        if target is None:
            return None
        return Pick("root", root=(target[1], target[2]), target=target[0])
