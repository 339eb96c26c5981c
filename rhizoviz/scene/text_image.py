"""Text and 2D overlays as pictures: rasterised once, drawn as textured quads.

Every VTK text actor is a draw call with its own set-up each frame, about 0.16 ms
apiece on software OpenGL (measured): a legend of ten lines and a column of 31 level
names cost several milliseconds of every frame. Here text is rasterised by VTK's own
text renderer (the same FreeType glyphs a text actor would show) into numpy images,
and :class:`QuadSprites` draws any number of rectangles cut from one such image with
one 2D actor. Images are numpy arrays of RGBA rows from the bottom up, as VTK keeps
them, and positions are display pixels with the origin at the bottom left.
"""

from __future__ import annotations

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


def window_dpi(renderer: vtkRenderer) -> int:
    """The dots per inch text is drawn at in this renderer's window (72 without one),
    as VTK's own text actors use it: pyvistaqt scales it with the screen's pixel ratio."""
    window = renderer.GetRenderWindow()
    dpi = int(window.GetDPI()) if window is not None else 0
    return dpi if dpi > 0 else 72


def text_tile(style: vtkTextProperty, text: str, dpi: int) -> tuple[np.ndarray, tuple[int, int]]:
    """``text`` in ``style`` as an RGBA image, and where its lower-left corner lies
    relative to the anchor (justification included), in pixels."""
    renderer = vtkTextRenderer.GetInstance()
    plain = vtkTextRenderer.FreeType  # never MathText: a "$" is a dollar, not a formula
    bbox = [0, 0, 0, 0]
    renderer.GetBoundingBox(style, text, bbox, dpi, plain)
    image = vtkImageData()
    dims = [0, 0]
    if not text or not renderer.RenderString(style, text, image, dims, dpi, plain):
        return np.zeros((1, 1, 4), np.uint8), (0, 0)
    nx, ny, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(ny, nx, -1)
    tile = pixels[: max(dims[1], 1), : max(dims[0], 1)]
    if tile.shape[2] == 3:
        tile = np.concatenate([tile, np.full(tile.shape[:2] + (1,), 255, np.uint8)], axis=2)
    return np.ascontiguousarray(tile, dtype=np.uint8), (int(bbox[0]), int(bbox[2]))


def paint_over(canvas: np.ndarray, tile: np.ndarray, x: int, y: int) -> None:
    """Composite ``tile`` over ``canvas`` (both RGBA, straight alpha) with its lower-left
    corner at column ``x``, row ``y``; what falls outside the canvas is dropped."""
    h, w = tile.shape[:2]
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + w, canvas.shape[1]), min(y + h, canvas.shape[0])
    if x1 <= x0 or y1 <= y0:
        return
    src = tile[y0 - y : y1 - y, x0 - x : x1 - x].astype(np.float32) / 255.0
    dst = canvas[y0:y1, x0:x1].astype(np.float32) / 255.0
    a_src, a_dst = src[..., 3:], dst[..., 3:]
    a_out = a_src + a_dst * (1.0 - a_src)
    rgb = (src[..., :3] * a_src + dst[..., :3] * a_dst * (1.0 - a_src)) / np.maximum(a_out, 1e-6)
    out = np.concatenate([rgb, a_out], axis=-1)
    canvas[y0:y1, x0:x1] = np.clip(np.rint(out * 255.0), 0, 255).astype(np.uint8)


class QuadSprites:
    """Rectangles of one RGBA image drawn at display pixels by a single 2D actor."""

    def __init__(self, renderer: vtkRenderer) -> None:
        self._poly = vtkPolyData()
        points = vtkPoints()
        points.SetDataTypeToFloat()
        self._poly.SetPoints(points)
        self._poly.SetPolys(vtkCellArray())
        self._image = vtkImageData()
        texture = vtkTexture()
        texture.SetInputData(self._image)
        texture.InterpolateOff()  # one texel per pixel: sharp text
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._poly)
        mapper.ScalarVisibilityOff()
        display = vtkCoordinate()
        display.SetCoordinateSystemToDisplay()
        mapper.SetTransformCoordinate(display)
        self.actor = vtkTexturedActor2D()
        self.actor.SetMapper(mapper)
        self.actor.SetTexture(texture)
        self.actor.GetProperty().SetColor(1.0, 1.0, 1.0)
        self.actor.SetPickable(False)
        renderer.AddViewProp(self.actor)
        self.size = (0, 0)  # the image's width and height

    @property
    def corners(self) -> np.ndarray:
        """The rectangles' corners as drawn now, shape (n, 4, 3), display pixels."""
        return vtk_to_numpy(self._poly.GetPoints().GetData()).reshape(-1, 4, 3).copy()

    @property
    def image(self) -> np.ndarray:
        """The picture the rectangles are cut from, (height, width, 4), bottom row first."""
        w, h = self.size
        scalars = self._image.GetPointData().GetScalars()
        if scalars is None:
            return np.zeros((0, 0, 4), np.uint8)
        return vtk_to_numpy(scalars).reshape(h, w, 4).copy()

    def set_image(self, rgba: np.ndarray) -> None:
        """The picture the rectangles are cut from (rows from the bottom up)."""
        h, w = rgba.shape[:2]
        self.size = (w, h)
        self._image.SetDimensions(w, h, 1)
        scalars = numpy_to_vtk(np.ascontiguousarray(rgba, np.uint8).reshape(-1, 4), deep=True)
        scalars.SetName("rgba")
        self._image.GetPointData().SetScalars(scalars)
        self._image.Modified()

    def set_rects(self, where: np.ndarray, source: np.ndarray) -> None:
        """Draw rectangle i of the image, ``source[i]`` = (x, y, w, h) in image pixels,
        with its lower-left corner at display pixel ``where[i]`` = (x, y)."""
        where = np.asarray(where, np.float64).reshape(-1, 2)
        source = np.asarray(source, np.float64).reshape(-1, 4)
        n = len(where)
        x, y, w, h = (source[:, i] for i in range(4))
        dx = np.column_stack([np.zeros(n), w, w, np.zeros(n)])
        dy = np.column_stack([np.zeros(n), np.zeros(n), h, h])
        corners = np.stack([where[:, :1] + dx, where[:, 1:] + dy, np.zeros((n, 4))], axis=-1)
        iw, ih = (max(v, 1) for v in self.size)
        uv = np.stack([(x[:, None] + dx) / iw, (y[:, None] + dy) / ih], axis=-1)
        self._set_corners(corners.reshape(-1, 3), uv.reshape(-1, 2))

    def _set_corners(self, corners: np.ndarray, uv: np.ndarray) -> None:
        """Four corners per rectangle (counter-clockwise from the lower left) and their
        texture coordinates; a new cell list only when the count changes."""
        n = len(corners) // 4
        points = self._poly.GetPoints()
        if points.GetNumberOfPoints() != 4 * n:
            points.SetNumberOfPoints(4 * n)
            tcoords = vtkFloatArray()
            tcoords.SetNumberOfComponents(2)
            tcoords.SetNumberOfTuples(4 * n)
            self._poly.GetPointData().SetTCoords(tcoords)
            cells = vtkCellArray()
            cells.SetData(numpy_to_vtk(np.arange(0, 4 * n + 1, 4, dtype=np.int64), deep=True),
                          numpy_to_vtk(np.arange(4 * n, dtype=np.int64), deep=True))
            self._poly.SetPolys(cells)
        if n:
            vtk_to_numpy(points.GetData())[:] = corners
            vtk_to_numpy(self._poly.GetPointData().GetTCoords())[:] = uv
        points.Modified()
        self._poly.GetPointData().GetTCoords().Modified()
        self._poly.Modified()
