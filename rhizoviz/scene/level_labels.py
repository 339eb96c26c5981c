"""Level names pinned to points of the scene, every one drawn by a single 2D actor.

One VTK text actor per name costs a draw call and its set-up every frame: with all
31 names showing (every level cut) that was about 4.5 ms of a frame on software
OpenGL, measured. Here the names are rasterised once, by VTK's own text renderer,
into one texture; each shown name is a quad of that texture placed in pixels, and
before each frame only the quads' corners follow the camera (a few dozen points
projected with numpy). The names stay upright, pixel-sharp and the same size at any
zoom, like billboard text, and are drawn over the scene, never hidden by it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkFloatArray, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkCoordinate,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextProperty,
    vtkTextRenderer,
    vtkTexture,
    vtkTexturedActor2D,
)

# A projection: scene points (n, 3) to window pixels (n, 2), origin bottom left.
Projector = Callable[[np.ndarray], np.ndarray]


class LevelLabels:
    """Names at scene points, with one text style; show any subset of them."""

    def __init__(self, renderer: vtkRenderer, names: Sequence[str]) -> None:
        self.renderer = renderer
        self.names = list(names)
        self.anchors = np.zeros((len(self.names), 3))
        self.text = vtkTextProperty()
        self.text.SetFontFamilyToArial()
        self.text.BoldOn()
        self.text.SetVerticalJustificationToCentered()
        self._shown = np.zeros(len(self.names), dtype=bool)
        self._style: tuple | None = None  # the text style the texture was drawn with
        self._boxes = np.zeros((len(self.names), 4))  # x0, x1, y0, y1 from the anchor

        self._poly = vtkPolyData()
        points = vtkPoints()
        points.SetDataTypeToFloat()
        points.SetNumberOfPoints(4 * len(self.names))
        self._poly.SetPoints(points)
        self._corners = vtk_to_numpy(points.GetData())
        self._corners[:] = 0.0
        self._uv = vtkFloatArray()
        self._uv.SetNumberOfComponents(2)
        self._uv.SetNumberOfTuples(4 * len(self.names))
        self._poly.GetPointData().SetTCoords(self._uv)
        self._poly.SetPolys(vtkCellArray())
        self._image = vtkImageData()
        self._texture = vtkTexture()
        self._texture.SetInputData(self._image)
        self._texture.InterpolateOff()  # one texel per pixel: sharp text
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._poly)
        mapper.ScalarVisibilityOff()
        display = vtkCoordinate()
        display.SetCoordinateSystemToDisplay()
        mapper.SetTransformCoordinate(display)
        self.actor = vtkTexturedActor2D()
        self.actor.SetMapper(mapper)
        self.actor.SetTexture(self._texture)
        self.actor.GetProperty().SetColor(1.0, 1.0, 1.0)
        self.actor.SetPickable(False)
        self.actor.SetVisibility(False)
        renderer.AddViewProp(self.actor)

    # ---------------------------------------------------------------- state
    def set_anchors(self, anchors: np.ndarray) -> None:
        """Where each name stands, in scene coordinates."""
        self.anchors = np.asarray(anchors, dtype=np.float64).reshape(len(self.names), 3)

    def show(self, shown: Sequence[bool] | np.ndarray) -> None:
        """Draw exactly the names flagged True (a new cell list only when it changed)."""
        shown = np.asarray(shown, dtype=bool)
        if np.array_equal(shown, self._shown):
            return
        self._shown = shown.copy()
        ids = np.flatnonzero(shown)
        quads = (4 * ids[:, None] + np.arange(4)).astype(np.int64)
        cells = vtkCellArray()
        offsets = np.arange(0, 4 * len(ids) + 1, 4, dtype=np.int64)
        cells.SetData(numpy_to_vtk(offsets, deep=True), numpy_to_vtk(quads.ravel(), deep=True))
        self._poly.SetPolys(cells)
        self.actor.SetVisibility(bool(len(ids)))

    @property
    def shown(self) -> list[str]:
        return [n for n, s in zip(self.names, self._shown, strict=True) if s]

    # ---------------------------------------------------------------- frame
    def place(self, project: Projector, dpi: int) -> None:
        """Before a frame: draw the texture again if the style changed, and move the
        quads to where the anchors are on screen now."""
        if not self._shown.any():
            return
        self._rasterise(dpi)
        xy = np.rint(project(self.anchors))  # whole pixels: texels land on pixels
        x0, x1, y0, y1 = (self._boxes[:, i] for i in range(4))
        xs = np.column_stack([x0, x1, x1, x0]) + xy[:, :1]
        ys = np.column_stack([y0, y0, y1, y1]) + xy[:, 1:2]
        corners = np.stack([xs, ys, np.zeros_like(xs)], axis=-1).reshape(-1, 3)
        if not np.array_equal(corners, self._corners):
            self._corners[:] = corners
            self._poly.GetPoints().Modified()

    def _rasterise(self, dpi: int) -> None:
        """All names into one texture, one row each, with the text style as it is now."""
        t = self.text
        style = (t.GetMTime(), dpi)
        if style == self._style:
            return
        self._style = style
        renderer = vtkTextRenderer.GetInstance()
        tiles, boxes = [], []
        for name in self.names:
            bbox = [0, 0, 0, 0]
            renderer.GetBoundingBox(t, name, bbox, dpi)
            image = vtkImageData()
            dims = [0, 0]
            renderer.RenderString(t, name, image, dims, dpi)
            nx, ny, _ = image.GetDimensions()
            rgba = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(ny, nx, -1)
            tile = rgba[: max(dims[1], 1), : max(dims[0], 1)]
            if tile.shape[2] == 3:  # no alpha: treat as opaque
                tile = np.concatenate([tile, np.full(tile.shape[:2] + (1,), 255, tile.dtype)], 2)
            tiles.append(tile)
            boxes.append((bbox[0], bbox[0] + tile.shape[1], bbox[2], bbox[2] + tile.shape[0]))
        width = max((tile.shape[1] for tile in tiles), default=1)
        height = max(sum(tile.shape[0] for tile in tiles), 1)
        atlas = np.zeros((height, width, 4), dtype=np.uint8)
        uv = np.zeros((len(tiles), 4, 2), dtype=np.float32)
        row = 0
        for i, tile in enumerate(tiles):
            h, w = tile.shape[:2]
            atlas[row : row + h, :w] = tile
            u0, u1 = 0.0, w / width
            v0, v1 = row / height, (row + h) / height
            uv[i] = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
            row += h
        self._boxes = np.array(boxes, dtype=np.float64).reshape(-1, 4)
        self._image.SetDimensions(width, height, 1)
        scalars = numpy_to_vtk(atlas.reshape(-1, 4), deep=True)
        scalars.SetName("text")
        self._image.GetPointData().SetScalars(scalars)
        self._image.Modified()
        vtk_to_numpy(self._uv)[:] = uv.reshape(-1, 2)
        self._uv.Modified()
        self._corners[:] = np.nan  # the quads' sizes changed: placed afresh
