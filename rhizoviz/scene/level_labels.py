"""Level names pinned to points of the scene, every one drawn by a single 2D actor.

One VTK text actor per name cost a draw call and its set-up every frame: with all 31
names showing (every level cut) that was about 4.5 ms of a frame on software OpenGL,
measured. Here the names are rasterised once into one image (:mod:`text_image`);
each shown name is a rectangle of it, and before each frame only the rectangles'
corners follow the camera (a few dozen points projected with numpy). The names stay
upright, pixel-sharp and the same size at any zoom, like billboard text, and are
drawn over the scene, never hidden by it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextProperty

from rhizoviz.scene.text_image import QuadSprites, text_tile

# A projection: scene points (n, 3) to display pixels (n, 2), origin bottom left.
Projector = Callable[[np.ndarray], np.ndarray]


class LevelLabels:
    """Names at scene points, in one text style; show any subset of them."""

    def __init__(self, renderer: vtkRenderer, names: Sequence[str]) -> None:
        self.names = list(names)
        self.anchors = np.zeros((len(self.names), 3))
        self.text = vtkTextProperty()
        self.text.SetFontFamilyToArial()
        self.text.BoldOn()
        self.text.SetVerticalJustificationToCentered()
        self._shown = np.zeros(len(self.names), dtype=bool)
        self._style: tuple[int, int] | None = None  # (text style's mtime, dpi) drawn
        self._source = np.zeros((len(self.names), 4))  # x, y, w, h of each name's tile
        self._offset = np.zeros((len(self.names), 2))  # its lower left from the anchor
        self._placed: np.ndarray | None = None
        self.sprites = QuadSprites(renderer)
        self.actor = self.sprites.actor
        self.actor.SetVisibility(False)

    def set_anchors(self, anchors: np.ndarray) -> None:
        """Where each name stands, in scene coordinates."""
        self.anchors = np.asarray(anchors, dtype=np.float64).reshape(len(self.names), 3)

    def show(self, shown: Sequence[bool] | np.ndarray) -> None:
        """Draw exactly the names flagged True."""
        shown = np.asarray(shown, dtype=bool)
        if np.array_equal(shown, self._shown):
            return
        self._shown = shown.copy()
        self._placed = None
        self.actor.SetVisibility(bool(shown.any()))

    @property
    def shown(self) -> list[str]:
        return [n for n, s in zip(self.names, self._shown, strict=True) if s]

    def place(self, project: Projector, dpi: int) -> None:
        """Before a frame: rasterise again if the text style changed, and move the
        shown names to where their anchors are on screen now."""
        if not self._shown.any():
            return
        self._rasterise(dpi)
        ids = np.flatnonzero(self._shown)
        # whole pixels, so that each texel lands on one pixel
        where = np.rint(project(self.anchors[ids])) + self._offset[ids]
        if self._placed is not None and np.array_equal(where, self._placed):
            return
        self._placed = where
        self.sprites.set_rects(where, self._source[ids])

    def _rasterise(self, dpi: int) -> None:
        """Every name into one image, one row each, in the text style as it is now."""
        style = (self.text.GetMTime(), dpi)
        if style == self._style:
            return
        self._style = style
        tiles = [text_tile(self.text, name, dpi) for name in self.names]
        width = max((tile.shape[1] for tile, _ in tiles), default=1)
        height = max(sum(tile.shape[0] for tile, _ in tiles), 1)
        image = np.zeros((height, width, 4), dtype=np.uint8)
        row = 0
        for i, (tile, offset) in enumerate(tiles):
            h, w = tile.shape[:2]
            image[row : row + h, :w] = tile
            self._source[i] = (0, row, w, h)
            self._offset[i] = offset
            row += h
        self.sprites.set_image(image)
        self._placed = None
