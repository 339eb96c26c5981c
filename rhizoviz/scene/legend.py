"""An on-screen legend drawn from plain 2D actors, sized in pixels for the window.

VTK's ``vtkLegendBoxActor`` tints each label with its entry colour and squeezes the
font to fit a box; on a projector a dark blue "Sensation absent" label on a dark
background is unreadable. This legend keeps text in the palette's text colour,
puts a coloured swatch beside it, has section headings, and is laid out in pixels
from a scale factor so it is as legible in a 3840×2160 figure as in a window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonCore import vtkPoints, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkCoordinate,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextActor,
)

from rhizoviz.scene.palette import Palette, hex_to_rgb, hex_to_rgb255


@dataclass(frozen=True)
class LegendEntry:
    """A heading (``field`` None) or a swatch coloured by a palette field."""

    text: str
    field: str | None = None
    shape: str = "square"  # or "dot", for the key-point markers


SCENE_LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry("Skin sensation"),
    LegendEntry("absent", "absent"),
    LegendEntry("impaired", "impaired"),
    LegendEntry("normal", "normal"),
    LegendEntry("key sensory point", "marker_normal", "dot"),
    LegendEntry("Dorsal roots"),
    LegendEntry("intact", "root_intact"),
    LegendEntry("partly cut", "root_partial"),
    LegendEntry("cut", "root_cut"),
    LegendEntry("Ventral root (motor)", "ventral_root"),
)

# what the legend says in full, for tests and screen readers
LEGEND_LABELS: dict[str, str] = {
    "absent": "Sensation absent",
    "impaired": "Sensation impaired",
    "normal": "Sensation normal",
}

BASE_FONT_PX = 19.0


class Legend:
    """Swatches and labels in the top-right corner of a renderer."""

    def __init__(self, renderer: vtkRenderer, entries: tuple[LegendEntry, ...] = SCENE_LEGEND):
        self.renderer = renderer
        self.entries = entries
        self.palette: Palette | None = None
        self._visible = True
        self._scale = 1.0
        self._avoid = 0.0
        self._below_from = np.inf  # a caption wider than this runs under the legend
        self._size = (0, 0)
        self.texts: list[vtkTextActor] = []
        for entry in entries:
            t = vtkTextActor()
            t.SetInput(entry.text)
            tp = t.GetTextProperty()
            tp.SetFontFamilyToArial()
            tp.SetBold(entry.field is None)
            tp.SetVerticalJustificationToCentered()
            t.SetPickable(False)
            renderer.AddViewProp(t)
            self.texts.append(t)
        self._poly = vtkPolyData()
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._poly)
        coord = vtkCoordinate()
        coord.SetCoordinateSystemToDisplay()
        mapper.SetTransformCoordinate(coord)
        mapper.SetScalarModeToUseCellData()
        mapper.SetColorModeToDirectScalars()
        self.boxes = vtkActor2D()
        self.boxes.SetMapper(mapper)
        self.boxes.SetPickable(False)
        self.boxes.GetProperty().SetDisplayLocationToBackground()
        renderer.AddViewProp(self.boxes)
        self.swatch_rects: dict[str, tuple[int, int, int, int]] = {}
        self.rect = (0, 0, 0, 0)

    @property
    def visible(self) -> bool:
        return self._visible

    @property
    def actors(self) -> list:
        return [self.boxes, *self.texts]

    def set_visible(self, visible: bool) -> None:
        self._visible = bool(visible)
        for a in self.actors:
            a.SetVisibility(self._visible)

    def set_palette(self, palette: Palette) -> None:
        self.palette = palette
        for t in self.texts:
            t.GetTextProperty().SetColor(hex_to_rgb(palette.text))
        self.layout(force=True)

    def layout(
        self, scale: float | None = None, force: bool = False, avoid_width: float = 0.0
    ) -> None:
        """Place everything for the renderer's current size; cheap, so run on each resize.

        ``avoid_width``: pixels from the left taken by the caption line; when the legend
        would collide with it, the legend moves down below the caption. The caption
        changes with every cut, but the legend moves only when the collision does.
        """
        if scale is not None and abs(scale - self._scale) > 1e-3:
            self._scale = scale
            force = True
        if (avoid_width > self._below_from) != (self._avoid > self._below_from):
            force = True
        self._avoid = avoid_width
        size = self._renderer_size()
        if not force and size == self._size:
            return
        self._size = size
        w, h = size
        if self.palette is None or w <= 0 or h <= 0:
            return
        s = self._scale
        font = max(int(round(BASE_FONT_PX * s)), 7)
        line = font * 1.55
        margin = 22.0 * s
        pad = 14.0 * s
        sw = font * 0.95  # swatch side
        indent = sw + 0.6 * font
        widths = []
        for t, entry in zip(self.texts, self.entries, strict=True):
            t.GetTextProperty().SetFontSize(font)
            bold = entry.field is None
            widths.append(self._text_width(t, font, bold) + (0 if bold else indent))
        panel_w = max(widths) + 2 * pad
        n_headings = sum(1 for e in self.entries if e.field is None)
        panel_h = len(self.entries) * line + (n_headings - 1) * 0.45 * line + 2 * pad
        x0 = w - margin - panel_w
        y_top = h - margin
        self._below_from = x0 - 2 * margin
        if self._avoid > self._below_from:  # a long caption runs under the legend: go below it
            y_top -= 50.0 * s
        pts = vtkPoints()
        cells = vtkCellArray()
        colours = vtkUnsignedCharArray()
        colours.SetNumberOfComponents(4)

        def rect(xa: float, ya: float, xb: float, yb: float, rgba: tuple[int, ...]) -> None:
            ids = []
            for px, py in ((xa, ya), (xb, ya), (xb, yb), (xa, yb)):
                ids.append(pts.InsertNextPoint(px, py, 0.0))
            cells.InsertNextCell(4, ids)
            colours.InsertNextTuple4(*rgba)

        def disc(cx: float, cy: float, r: float, rgba: tuple[int, ...]) -> None:
            angles = np.linspace(0.0, 2.0 * np.pi, 24, endpoint=False)
            ids = [pts.InsertNextPoint(cx + r * np.cos(a), cy + r * np.sin(a), 0.0)
                   for a in angles]
            cells.InsertNextCell(len(ids), ids)
            colours.InsertNextTuple4(*rgba)

        bg = hex_to_rgb255(self.palette.legend_background)
        rect(x0, y_top - panel_h, x0 + panel_w, y_top, (*bg, 215))
        y = y_top - pad - line / 2
        first = True
        self.swatch_rects.clear()
        for t, entry in zip(self.texts, self.entries, strict=True):
            if entry.field is None:
                if not first:
                    y -= 0.45 * line
                t.SetPosition(x0 + pad, y)
            else:
                col = hex_to_rgb255(getattr(self.palette, entry.field))
                sx, sy = x0 + pad, y - sw / 2
                # a thin outline keeps a swatch that matches the panel visible
                edge = hex_to_rgb255(self.palette.text)
                if entry.shape == "dot":
                    cx, cy, r = sx + sw / 2, sy + sw / 2, sw * 0.36
                    disc(cx, cy, r + 1, (*edge, 160))
                    disc(cx, cy, r, (*col, 255))
                else:
                    rect(sx - 1, sy - 1, sx + sw + 1, sy + sw + 1, (*edge, 160))
                    rect(sx, sy, sx + sw, sy + sw, (*col, 255))
                self.swatch_rects[entry.field] = (
                    int(sx), int(h - (sy + sw)), int(sw), int(sw)
                )  # x, y from the top, width, height: for pixel tests
                t.SetPosition(x0 + pad + indent, y)
            first = False
            y -= line
        self._poly.SetPoints(pts)
        self._poly.SetPolys(cells)
        self._poly.GetCellData().SetScalars(colours)
        self._poly.Modified()
        self.rect = (int(x0), int(h - y_top), int(panel_w), int(panel_h))

    def _renderer_size(self) -> tuple[int, int]:
        win = self.renderer.GetRenderWindow()
        if win is None:
            return tuple(int(v) for v in self.renderer.GetSize())  # type: ignore[return-value]
        win_w, win_h = win.GetSize()
        x0, y0, x1, y1 = self.renderer.GetViewport()
        return int(round((x1 - x0) * win_w)), int(round((y1 - y0) * win_h))

    def _text_width(self, actor: vtkTextActor, font: int, bold: bool) -> float:
        bbox = [0.0, 0.0, 0.0, 0.0]
        try:
            actor.GetBoundingBox(self.renderer, bbox)
            width = bbox[1] - bbox[0]
        except (TypeError, RuntimeError):
            width = 0.0
        if width <= 0:
            width = len(actor.GetInput() or "") * font * (0.62 if bold else 0.56)
        return float(width)


def swatch_colour(image: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    """The mean colour at the centre of a swatch in a screenshot (rows from the top)."""
    x, y, w, h = rect
    cx, cy = x + w // 2, y + h // 2
    patch = image[max(cy - 2, 0) : cy + 3, max(cx - 2, 0) : cx + 3, :3]
    return patch.reshape(-1, 3).mean(axis=0)
