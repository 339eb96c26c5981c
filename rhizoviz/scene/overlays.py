"""The 2D layer over the 3D view: legend, level names, caption and note.

Why a module of its own: these are sized in pixels, not millimetres, follow the
window's size and the palette's text colour, and decide which part of the window is
left for the anatomy (:meth:`Overlays.free_regions`, which the camera fits into). The
level names stand at points of the spine but are drawn flat, by one actor
(:mod:`rhizoviz.scene.level_labels`); :class:`LevelNames` decides which are shown and
which way their text runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from rhizoviz.core.atlas import Atlas
from rhizoviz.scene.camera import Region
from rhizoviz.scene.legend import Legend
from rhizoviz.scene.level_labels import LevelLabels
from rhizoviz.scene.palette import Palette, hex_to_rgb
from rhizoviz.scene.roots import RootParts
from rhizoviz.scene.text_image import window_dpi

Root = tuple[str, str]  # (level, side)
LABEL_OFFSET_MM = (-20.0, 0.0, 0.0)  # names stand this far from the left ganglia
CAPTION_PX, NOTE_PX, NAME_PX = 30, 17, 15  # font sizes for a 1080-line window
CAPTION_LINE = 1.2  # a caption's line height, in font sizes


class LevelNames:
    """Level names beside the left ganglia, so a student can find "L5" unaided."""

    def __init__(self, renderer: vtkRenderer, keys: Sequence[Root],
                 parts: dict[Root, RootParts], atlas: Atlas) -> None:
        levels: list[str] = []
        ends: list[np.ndarray] = []
        for level, side in keys:
            if side == "left" and level not in levels:
                levels.append(level)
                ends.append(parts[(level, side)].samples[0])  # the ganglion end
        self._anchor = np.array(ends).reshape(-1, 3) + np.array(LABEL_OFFSET_MM)
        self.labels = LevelLabels(renderer, levels)
        self._all = False
        starts = {r.prefix + "1" for r in atlas.regions}
        self._starts = np.array([level in starts for level in levels], dtype=bool)
        # each root's label (its level's), -1 for none: a cut on either side names it
        index = {level: i for i, level in enumerate(levels)}
        self._label_of_root = np.array([index.get(level, -1) for level, _ in keys],
                                       dtype=np.intp)

    def place(self, to_scene: Callable[[np.ndarray], np.ndarray], outward: np.ndarray,
              screen_right: Sequence[float] | None) -> None:
        """Stand the names at their anchors (through ``to_scene``), their text running away
        from the spine (``outward``, the left as drawn), so neither a cut's dot nor the
        sacrum covers the first letter."""
        across = float(outward @ np.asarray(screen_right)) if screen_right else 0.0
        self.labels.set_anchors(to_scene(self._anchor))
        tp = self.labels.text
        if across > 0.5:
            tp.SetJustificationToLeft()
        elif across < -0.5:
            tp.SetJustificationToRight()
        else:
            tp.SetJustificationToCentered()

    def show(self, fraction: np.ndarray, all_levels: bool | None = None) -> None:
        """Every level (``all_levels``: the spine views); otherwise where each region
        starts and the levels that are cut, so the dots at the cuts are named."""
        if all_levels is not None:
            self._all = all_levels
        cut_level = np.zeros(len(self._starts), dtype=bool)
        cut_level[self._label_of_root[(fraction > 0.0) & (self._label_of_root >= 0)]] = True
        self.labels.show(self._all | self._starts | cut_level)


class Overlays:
    """Legend (top right), caption (top left), note (bottom left) and the level names."""

    def __init__(self, plotter: pv.Plotter, names: LevelNames, caption: str | None,
                 show_legend: bool) -> None:
        self.plotter = plotter
        self.names = names
        self.legend = Legend(plotter.renderer)
        self.legend.set_visible(show_legend)
        # the caption, bold, hangs from the top left; the note stands on the bottom left
        self.caption_actor = self._text_actor("caption", 0.02, 0.975, top=True)
        self.caption_actor.SetInput(caption or "")
        self.note_actor = self._text_actor("note", 0.02, 0.02, top=False)

    def _text_actor(self, name: str, x: float, y: float, *, top: bool) -> vtkTextActor:
        actor = vtkTextActor()
        tp = actor.GetTextProperty()
        tp.SetFontFamilyToArial()
        tp.SetBold(top)
        tp.SetJustificationToLeft()
        if top:
            tp.SetVerticalJustificationToTop()
        else:
            tp.SetVerticalJustificationToBottom()
        coord = actor.GetPositionCoordinate()
        coord.SetCoordinateSystemToNormalizedViewport()
        coord.SetValue(x, y)
        actor.SetPickable(False)
        self.plotter.add_actor(actor, reset_camera=False, name=name, pickable=False,
                               render=False)
        return actor

    @property
    def labels(self) -> LevelLabels:
        return self.names.labels

    def set_palette(self, palette: Palette) -> None:
        text = hex_to_rgb(palette.text)
        self.legend.set_palette(palette)
        self.names.labels.text.SetColor(text)
        self.caption_actor.GetTextProperty().SetColor(text)
        self.note_actor.GetTextProperty().SetColor(text)
        self.note_actor.GetTextProperty().SetOpacity(0.75)

    def set_font_scale(self, scale: float) -> None:
        """Text sizes for a window ``scale`` times 1080 lines high (the legend is laid
        out separately, by :meth:`layout_legend`)."""
        self.caption_actor.GetTextProperty().SetFontSize(max(int(round(CAPTION_PX * scale)), 8))
        self.note_actor.GetTextProperty().SetFontSize(max(int(round(NOTE_PX * scale)), 7))
        self.names.labels.text.SetFontSize(max(int(round(NAME_PX * scale)), 7))

    def layout_legend(self, scale: float, force: bool, display_width: int) -> None:
        """Lay the legend out, below the caption when a long caption would run into it."""
        caption_w = 0.0
        if self.caption_actor.GetInput():
            bbox = [0.0, 0.0, 0.0, 0.0]
            self.caption_actor.GetBoundingBox(self.plotter.renderer, bbox)
            # the box is relative to the text's anchor, at 2 % of the width
            caption_w = bbox[1] + 0.02 * display_width
        self.legend.layout(scale, force=force, avoid_width=caption_w)

    def set_caption(self, text: str | None) -> None:
        self.caption_actor.SetInput(text or "")
        self.legend.caption_lines = self.caption_lines

    @property
    def caption_lines(self) -> int:
        """How many lines the caption has (a case's: its title, then the step)."""
        return (self.caption_actor.GetInput() or "").count("\n") + 1

    def set_note(self, text: str) -> None:
        self.note_actor.SetInput(text)

    def pin_names(self, display_points: Callable[[np.ndarray], np.ndarray]) -> None:
        """Before each frame: the level names to where their anchors are on screen."""
        self.names.labels.place(display_points, window_dpi(self.plotter.renderer))

    def free_regions(self, w: int, h: int, scale: float) -> list[Region]:
        """Where the anatomy may be drawn in a w x h window, in normalised device
        coordinates: below the caption, above the note, left of or below the legend."""
        y_lo = -1.0 + 2.0 * 48.0 * scale / h
        extra = (self.caption_lines - 1) * CAPTION_LINE * CAPTION_PX  # lines below the first
        y_hi = 1.0 - 2.0 * (64.0 + extra) * scale / h
        if not self.legend.visible:
            return [(-0.96, 0.96, y_lo, y_hi)]
        lx, ly, lw, lh = self.legend.rect
        # beside the legend (tall content) or below it (wide content)
        return [
            (-0.96, 1.0 - 2.0 * (w - lx + 16.0 * scale) / w, y_lo, y_hi),
            (-0.96, 0.96, y_lo, 1.0 - 2.0 * (ly + lh + 16.0 * scale) / h),
        ]
