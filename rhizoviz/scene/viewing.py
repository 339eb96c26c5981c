"""Sizing and camera in the scene: where each view stands the spine and looks from.

Mixed into :class:`~rhizoviz.scene.anatomy_scene.AnatomyScene`. Why a module of its
own: a view is more than a camera (the spine stands upright beside the body, lies prone
for the surgeon's view, or stands true to size inside a see-through body; the bones
swap level of detail; names and notes follow), and text and markers keep their size on
any window. None of it runs on the hot path of a cut: only when the view or the window
changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from rhizoviz.core.views import IN_SITU
from rhizoviz.scene.camera import VIEW_SPECS, VIEWS, Region, ViewSpec, level_view
from rhizoviz.scene.errors import SceneError

if TYPE_CHECKING:
    from rhizoviz.scene.anatomy_scene import AnatomyScene

REFERENCE_HEIGHT_PX = 1080.0  # sizes in pixels are given for a 1080-line window
PRESENTATION_SCALE = 1.5  # text and markers in presentation mode


class SceneViewing:
    """The scene's views, framing and pixel scale (see the module docstring)."""

    # ------------------------------------------------------------ sizing
    def set_pixel_scale(self: AnatomyScene, scale: float | None) -> None:
        """Fix text and marker sizes (1.0 = sized for 1080 lines); None follows the window."""
        self._fixed_pixel_scale = scale
        self._apply_pixel_scale(force=True)

    def _apply_pixel_scale(self: AnatomyScene, force: bool = False) -> None:
        if self._fixed_pixel_scale is not None:
            scale = self._fixed_pixel_scale
        else:
            height = self._framing.display_size()[1] or REFERENCE_HEIGHT_PX
            scale = max(height / REFERENCE_HEIGHT_PX, 0.5)
        if self._presentation:
            scale *= PRESENTATION_SCALE
        if not force and abs(scale - self._pixel_scale) < 1e-3:
            self._layout_legend(force=False)  # follows a resize at the same scale
            return
        self._pixel_scale = scale
        self.markers.set_pixel_scale(scale)
        for roots in self.root_sets.values():
            roots.set_pixel_scale(scale)
        self.overlays.set_font_scale(scale)
        self.numberings.set_font_scale(scale)
        self._layout_legend(force=True)

    def _layout_legend(self: AnatomyScene, force: bool) -> None:
        self.overlays.layout_legend(self._pixel_scale, force, self._framing.display_size()[0])

    def _free_regions(self: AnatomyScene, w: int, h: int) -> list[Region]:
        """Where a framed view may go: overlays laid out for this size first."""
        self._apply_pixel_scale(force=True)
        return self.overlays.free_regions(w, h, self._pixel_scale)

    # ------------------------------------------------------------- camera
    def _show_view(self: AnatomyScene, spec: ViewSpec) -> None:
        """Stand the spine, show or hide the body, and name the levels, for a view."""
        self._spec = spec
        frame = self.spine_frame
        frame.place(spec.placement, self.spine_actors)
        self.still.set_detail(spec.detail)
        prone = spec.placement == "prone"
        # lying down, the spine is shown alone: an upright body beside it would confuse
        self.skin.set_visible(not prone)
        self.markers.set_visible(not prone)
        self._set_body_opacity(spec.body_opacity)
        in_situ = spec.placement == IN_SITU
        if in_situ:
            note = ("The spine in the body, true to size: vertebra names left of the column, "
                    "cord segment names right of it")
        elif prone:
            note = (f"Spine from behind, as the surgeon sees it: patient prone, head left, "
                    f"right side up "
                    f"(enlarged \u00d7{self.spine_scale:.1f})")
        else:
            note = f"Spine enlarged \u00d7{self.spine_scale:.1f} beside the body"
        self.overlays.set_note(note)
        outward = frame.m[:3, :3] @ np.array([-1.0, 0.0, 0.0])  # the left, as drawn
        names = self.overlays.names
        names.place(frame.to_scene, outward, spec.screen_right)
        names.show(self._level_cut(), all_levels=spec.all_labels)
        self._hide_names_beside_numberings()
        self.numberings.place(frame.to_scene)
        self.numberings.set_visible(spec.both_numberings)
        if self.legend.set_entries(self._legend_entries()):
            self._layout_legend(force=True)
        self._restyle_roots()

    def _hide_names_beside_numberings(self: AnatomyScene) -> None:
        """The root names at the foramina, but not in the view that names vertebrae and
        cord segments, where they would read as a third numbering."""
        labels = self.overlays.names.labels
        labels.actor.SetVisibility(bool(labels.shown) and not self._spec.both_numberings)

    def _set_body_opacity(self: AnatomyScene, opacity: float) -> None:
        """The skin see-through (the spine in it) or opaque; a see-through skin shows its
        near side only, one layer of colour over the spine."""
        prop = self.skin.actor.GetProperty()
        prop.SetOpacity(opacity)
        prop.SetBackfaceCulling(opacity < 1.0)

    def to_scene(self: AnatomyScene, spine_point: np.ndarray) -> np.ndarray:
        """A point of the spine's own frame where it is drawn now."""
        return self.spine_frame.to_scene(spine_point)

    def set_view(self: AnatomyScene, name: str, *, render: bool = True) -> None:
        """Preset views: anterior, posterior, left, right, the spine from behind, or the
        spine in the body (``in-situ``)."""
        spec = VIEW_SPECS.get(name) if name in VIEWS else None
        if spec is None:
            raise SceneError(f"unknown view {name!r}: choose from {', '.join(VIEWS)}")
        self._show_view(spec)
        bounds = self.spine_frame.bounds()
        if spec.frames == "in-situ":
            bounds = self._trunk_bounds(bounds)
        if spec.frames == "all":
            lo = np.minimum(self.spine_frame.body_lo, bounds[::2])
            hi = np.maximum(self.spine_frame.body_hi, bounds[1::2])
            bounds = np.ravel(np.column_stack([lo, hi]))
        self._framing.frame(bounds, spec.direction, spec.zoom, self._free_regions)
        if render:
            self.render()

    def _trunk_bounds(self: AnatomyScene, spine_bounds: np.ndarray) -> np.ndarray:
        """The spine as drawn and the body's front and back at its heights: the in-situ
        view frames the column with the skin of the trunk round it."""
        pts = self.skin.points
        z_lo, z_hi = spine_bounds[4], spine_bounds[5]
        trunk = pts[(pts[:, 2] >= z_lo) & (pts[:, 2] <= z_hi) & (np.abs(pts[:, 0]) < 120.0)]
        lo, hi = spine_bounds[::2].copy(), spine_bounds[1::2].copy()
        if len(trunk):
            lo[1], hi[1] = min(lo[1], trunk[:, 1].min()), max(hi[1], trunk[:, 1].max())
        return np.ravel(np.column_stack([lo, hi]))

    @property
    def view(self: AnatomyScene) -> str:
        return self._spec.name

    def reset_view(self: AnatomyScene, *, render: bool = True) -> None:
        self.set_view("anterior", render=render)

    def focus_level(self: AnatomyScene, level: str, *, render: bool = True) -> None:
        """A close-up, from behind, of one level's roots in the enlarged spine."""
        keys = [k for k in self.roots if k[0] == level]
        if not keys:
            raise SceneError(f"no dorsal roots for level {level!r}")
        spec = level_view(level)
        self._show_view(spec)
        # centre on the ganglia (the foramina): a cauda equina root's middle lies
        # several vertebrae above its own level
        centre = self.to_scene(np.array([self.roots[k].samples[0] for k in keys])).mean(axis=0)
        half = 0.5 * self.spine_scale * 110.0  # about three levels of the adult spine
        bounds = np.ravel(np.column_stack([centre - half, centre + half]))
        self._framing.frame(bounds, spec.direction, spec.zoom, self._free_regions)
        if render:
            self.render()

