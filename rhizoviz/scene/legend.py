"""An on-screen legend, sized in pixels for the window, drawn as one picture.

VTK's ``vtkLegendBoxActor`` tints each label with its entry colour and squeezes the
font to fit a box; on a projector a dark blue "Sensation absent" label on a dark
background is unreadable. This legend keeps text in the palette's text colour,
puts a coloured swatch beside it, has section headings, and is laid out in pixels
from a scale factor so it is as legible in a 3840×2160 figure as in a window.

Panel, swatches and text are painted into one image whenever the palette, the scale
or the window size changes, and drawn by one 2D actor: as ten text actors and a
polygon actor it cost about 1.5 ms of every frame on software OpenGL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextProperty

from rhizoviz.scene.palette import Palette, hex_to_rgb, hex_to_rgb255
from rhizoviz.scene.text_image import QuadSprites, paint_over, text_tile, window_dpi


@dataclass(frozen=True)
class LegendEntry:
    """A heading (``field`` None) or a swatch coloured by a palette field."""

    text: str
    field: str | None = None
    shape: str = "square"  # "dot" (key-point markers), "bands" (a cut ventral root), "ring"
    second: str | None = None  # the bands' second colour (a palette field)


MODALITY_NAMES: dict[str, str] = {"pin_prick": "pin prick", "light_touch": "light touch"}


def scene_legend(modality: str = "pin_prick", ventral_cut: bool = False,
                 ganglion_removed: bool = False, dura: bool = True,
                 numberings: bool = False) -> tuple[LegendEntry, ...]:
    """What the legend lists: the skin's modality in its heading, and the ventral-cut and
    removed-ganglion entries only while the scene shows one (a shorter legend reads
    better on a projector); the dural sac while it is drawn; the two colours of the level
    names where vertebrae and cord segments are both named (the spine in the body)."""
    entries = [
        LegendEntry(f"Skin sensation \u2014 {MODALITY_NAMES.get(modality, modality)}"),
        LegendEntry("absent", "absent"),
        LegendEntry("impaired", "impaired"),
        LegendEntry("normal", "normal"),
        LegendEntry("key sensory point", "marker_normal", "dot"),
        LegendEntry("Dorsal roots"),
        LegendEntry("intact", "root_intact"),
        LegendEntry("partly cut", "root_partial"),
        LegendEntry("cut", "root_cut"),
    ]
    if ganglion_removed:
        entries.append(LegendEntry("ganglion removed", "ganglion_removed", "ring"))
    # the ventral roots and the dura under a heading of their own: listed under
    # "Dorsal roots" they read as two more states of a dorsal root
    entries += [LegendEntry("Ventral roots (motor)"), LegendEntry("intact", "ventral_root")]
    if ventral_cut:
        entries.append(LegendEntry("cut (banded)", "ventral_cut", "bands", "ventral_stripe"))
    if dura:
        entries += [LegendEntry("Around the roots"), LegendEntry("dural sac", "dura")]
    if numberings:
        entries += [LegendEntry("Level names"),
                    LegendEntry("vertebra", "vertebra_label"),
                    LegendEntry("cord segment", "segment_label")]
    return tuple(entries)


SCENE_LEGEND: tuple[LegendEntry, ...] = scene_legend()
PAIN_WORDS = ("Where it hurts", "the patient's pain")  # heading, swatch


def pain_legend(entries: tuple[LegendEntry, ...],
                words: tuple[str, str] = PAIN_WORDS) -> tuple[LegendEntry, ...]:
    """``entries`` with the skin's section naming a pain map instead of sensation: the
    skin then shows where a patient hurts (``words``: heading and swatch), which is not
    a finding of sensation."""
    rest = [e for e in entries if e.field not in ("absent", "impaired", "normal",
                                                 "marker_normal")
            and not e.text.startswith("Skin sensation")]
    return (LegendEntry(words[0]), LegendEntry(words[1], "pain"), *rest)


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
        self.palette: Palette | None = None
        self._visible = True
        self._scale = 1.0
        self._avoid = 0.0
        self._below_from = np.inf  # a caption wider than this runs under the legend
        self.caption_lines = 1  # the legend goes below all of them when it must
        self._laid_lines = 1
        self._size = (0, 0)
        self.entries: tuple[LegendEntry, ...] = ()
        self.styles: list[vtkTextProperty] = []
        self._set_styles(entries)
        self.sprites = QuadSprites(renderer)
        self.swatch_rects: dict[str, tuple[int, int, int, int]] = {}
        self.rect = (0, 0, 0, 0)

    def _set_styles(self, entries: tuple[LegendEntry, ...]) -> None:
        self.entries = tuple(entries)
        self.styles = []
        for entry in self.entries:
            tp = vtkTextProperty()
            tp.SetFontFamilyToArial()
            tp.SetBold(entry.field is None)
            tp.SetVerticalJustificationToCentered()
            if self.palette is not None:
                tp.SetColor(hex_to_rgb(self.palette.text))
            self.styles.append(tp)

    def set_entries(self, entries: tuple[LegendEntry, ...]) -> bool:
        """List these entries (repainted only when they differ); True when they did."""
        if tuple(entries) == self.entries:
            return False
        self._set_styles(entries)
        self.layout(force=True)
        return True

    @property
    def texts(self) -> list[str]:
        """Every line of the legend, headings included: for tests and screen readers."""
        return [e.text for e in self.entries]

    @property
    def visible(self) -> bool:
        return self._visible

    @property
    def actors(self) -> list:
        return [self.sprites.actor]

    def set_visible(self, visible: bool) -> None:
        self._visible = bool(visible)
        self.sprites.actor.SetVisibility(self._visible)

    def set_palette(self, palette: Palette) -> None:
        self.palette = palette
        for tp in self.styles:
            tp.SetColor(hex_to_rgb(palette.text))
        self.layout(force=True)

    def layout(
        self, scale: float | None = None, force: bool = False, avoid_width: float = 0.0
    ) -> None:
        """Paint and place the legend for the renderer's current size; cheap unless
        something changed, so it runs before every frame.

        ``avoid_width``: pixels from the left taken by the caption line; when the legend
        would collide with it, the legend moves down below the caption. The caption
        changes with every cut, but the legend moves only when the collision does.
        """
        if scale is not None and abs(scale - self._scale) > 1e-3:
            self._scale = scale
            force = True
        if (avoid_width > self._below_from) != (self._avoid > self._below_from):
            force = True
        if self.caption_lines != self._laid_lines:
            self._laid_lines = self.caption_lines
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
        dpi = window_dpi(self.renderer)
        font = max(int(round(BASE_FONT_PX * s)), 7)
        line = font * 1.55
        margin = 22.0 * s
        pad = 14.0 * s
        sw = round(font * 0.95)  # swatch side, whole pixels
        indent = sw + 0.6 * font
        tiles = []
        for tp, entry in zip(self.styles, self.entries, strict=True):
            tp.SetFontSize(font)
            tiles.append(text_tile(tp, entry.text, dpi))
        widths = [tile.shape[1] + off[0] + (0 if e.field is None else indent)
                  for (tile, off), e in zip(tiles, self.entries, strict=True)]
        panel_w = int(round(max(widths) + 2 * pad))
        n_headings = sum(1 for e in self.entries if e.field is None)
        panel_h = int(round(len(self.entries) * line + (n_headings - 1) * 0.45 * line + 2 * pad))
        x0 = int(round(w - margin - panel_w))
        y_top = h - margin
        self._below_from = x0 - 2 * margin
        if self._avoid > self._below_from:  # a long caption runs under the legend: go below it
            y_top -= (50.0 + 36.0 * (self.caption_lines - 1)) * s
        y0 = int(round(y_top)) - panel_h  # the panel's bottom row, in display pixels
        canvas = np.zeros((panel_h, panel_w, 4), dtype=np.uint8)
        canvas[...] = (*hex_to_rgb255(self.palette.legend_background), 215)
        edge = hex_to_rgb255(self.palette.text)
        y = panel_h - pad - line / 2  # the current line's middle, from the panel's bottom
        self.swatch_rects.clear()
        for i, ((tile, (ox, oy)), entry) in enumerate(zip(tiles, self.entries, strict=True)):
            if entry.field is None and i:
                y -= 0.45 * line
            text_x = pad
            if entry.field is not None:
                col = hex_to_rgb255(getattr(self.palette, entry.field))
                sx, sy = int(round(pad)), int(round(y - sw / 2))
                # a thin outline keeps a swatch that matches the panel visible
                if entry.shape == "dot":
                    _disc(canvas, sx + sw / 2, sy + sw / 2, sw * 0.36 + 1, (*edge, 160))
                    _disc(canvas, sx + sw / 2, sy + sw / 2, sw * 0.36, (*col, 255))
                elif entry.shape == "ring":
                    hole = hex_to_rgb255(self.palette.legend_background)
                    _disc(canvas, sx + sw / 2, sy + sw / 2, sw * 0.5 + 1, (*edge, 160))
                    _disc(canvas, sx + sw / 2, sy + sw / 2, sw * 0.5, (*col, 255))
                    _disc(canvas, sx + sw / 2, sy + sw / 2, sw * 0.24, (*hole, 255))
                elif entry.shape == "bands":
                    band = hex_to_rgb255(getattr(self.palette, entry.second or entry.field))
                    paint_over(canvas, _block(sw + 2, sw + 2, (*edge, 160)), sx - 1, sy - 1)
                    paint_over(canvas, _bands(sw, (*col, 255), (*band, 255)), sx, sy)
                else:
                    paint_over(canvas, _block(sw + 2, sw + 2, (*edge, 160)), sx - 1, sy - 1)
                    paint_over(canvas, _block(sw, sw, (*col, 255)), sx, sy)
                self.swatch_rects[entry.field] = (
                    x0 + sx, h - (y0 + sy + sw), sw, sw
                )  # x, y from the top, width, height: for pixel tests
                text_x = pad + indent
            paint_over(canvas, tile, int(round(text_x)) + ox, int(round(y)) + oy)
            y -= line
        self.sprites.set_image(canvas)
        self.sprites.set_rects(np.array([[x0, y0]]), np.array([[0, 0, panel_w, panel_h]]))
        self.rect = (x0, h - (y0 + panel_h), panel_w, panel_h)

    def _renderer_size(self) -> tuple[int, int]:
        win = self.renderer.GetRenderWindow()
        if win is None:
            return tuple(int(v) for v in self.renderer.GetSize())  # type: ignore[return-value]
        win_w, win_h = win.GetSize()
        x0, y0, x1, y1 = self.renderer.GetViewport()
        return int(round((x1 - x0) * win_w)), int(round((y1 - y0) * win_h))


def _block(w: int, h: int, rgba: tuple[int, ...]) -> np.ndarray:
    return np.broadcast_to(np.array(rgba, np.uint8), (h, w, 4)).copy()


def _bands(side: int, rgba: tuple[int, ...], band: tuple[int, ...]) -> np.ndarray:
    """A square swatch banded across, as a cut ventral root is drawn."""
    tile = _block(side, side, rgba)
    width = max(side // 5, 1)
    for x0 in range(width, side, 2 * width):
        tile[:, x0 : x0 + width] = band
    return tile


def _disc(canvas: np.ndarray, cx: float, cy: float, r: float, rgba: tuple[int, ...]) -> None:
    """A round swatch with a one-pixel soft edge, painted over the canvas."""
    x0, y0 = int(np.floor(cx - r - 1)), int(np.floor(cy - r - 1))
    size = int(np.ceil(2 * r + 3))
    yy, xx = np.mgrid[0:size, 0:size]
    dist = np.hypot(xx + x0 + 0.5 - cx, yy + y0 + 0.5 - cy)
    tile = _block(size, size, rgba)
    tile[..., 3] = (np.clip(r + 0.5 - dist, 0.0, 1.0) * rgba[3]).astype(np.uint8)
    paint_over(canvas, tile, x0, y0)


def swatch_colour(image: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    """The mean colour at the centre of a swatch in a screenshot (rows from the top)."""
    x, y, w, h = rect
    cx, cy = x + w // 2, y + h // 2
    patch = image[max(cy - 2, 0) : cy + 3, max(cx - 2, 0) : cx + 3, :3]
    return patch.reshape(-1, 3).mean(axis=0)
