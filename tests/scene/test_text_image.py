"""Text rasterised into pictures, and pictures painted over each other."""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkTextProperty

from rhizoviz.scene.text_image import QuadSprites, paint_over, text_tile


def _style(size: int = 20, bold: bool = False) -> vtkTextProperty:
    tp = vtkTextProperty()
    tp.SetFontFamilyToArial()
    tp.SetFontSize(size)
    tp.SetBold(bold)
    tp.SetColor(1.0, 0.5, 0.0)
    return tp


def test_text_tile_holds_the_text_in_its_colour() -> None:
    tile, _offset = text_tile(_style(), "L5 cut", 72)
    assert tile.dtype == np.uint8 and tile.shape[2] == 4
    ink = tile[..., 3] > 200
    assert ink.any() and not ink.all()
    assert np.allclose(tile[ink][:, :3].mean(axis=0), [255, 128, 0], atol=8)


def test_bigger_and_longer_text_makes_bigger_tiles() -> None:
    small, _ = text_tile(_style(12), "C6", 72)
    big, _ = text_tile(_style(36), "C6", 72)
    longer, _ = text_tile(_style(12), "C6 and C7", 72)
    assert big.shape[0] > small.shape[0] and big.shape[1] > small.shape[1]
    assert longer.shape[1] > small.shape[1]


def test_a_dollar_sign_is_text_not_a_formula() -> None:
    tile, _ = text_tile(_style(), "$5 a cut", 72)
    plain, _ = text_tile(_style(), "S5 a cut", 72)
    assert abs(tile.shape[1] - plain.shape[1]) <= 3


def test_centred_text_starts_left_of_its_anchor() -> None:
    tp = _style()
    tp.SetJustificationToCentered()
    tp.SetVerticalJustificationToCentered()
    tile, (ox, oy) = text_tile(tp, "T12", 72)
    assert abs(ox + tile.shape[1] / 2) <= 2 and abs(oy + tile.shape[0] / 2) <= 3


def test_no_text_is_an_empty_tile() -> None:
    tile, offset = text_tile(_style(), "", 72)
    assert tile.shape == (1, 1, 4) and not tile[..., 3].any() and offset == (0, 0)


def test_paint_over_composites_with_straight_alpha() -> None:
    canvas = np.zeros((4, 6, 4), np.uint8)
    canvas[...] = (0, 0, 255, 255)  # opaque blue
    tile = np.zeros((2, 2, 4), np.uint8)
    tile[0, 0] = (255, 0, 0, 255)  # opaque red
    tile[0, 1] = (255, 0, 0, 128)  # half red
    tile[1, :] = (0, 255, 0, 0)  # nothing
    paint_over(canvas, tile, 1, 1)
    assert tuple(canvas[1, 1]) == (255, 0, 0, 255)
    assert np.allclose(canvas[1, 2], (128, 0, 127, 255), atol=1)
    assert tuple(canvas[2, 1]) == (0, 0, 255, 255)
    assert tuple(canvas[0, 0]) == (0, 0, 255, 255)


def test_paint_over_clips_at_the_edges() -> None:
    canvas = np.zeros((3, 3, 4), np.uint8)
    tile = np.full((2, 2, 4), 255, np.uint8)
    paint_over(canvas, tile, -1, 2)  # only tile[0, 1] lands, at canvas[2, 0]
    assert canvas[..., 3].sum() == 255 and canvas[2, 0, 3] == 255
    paint_over(canvas, tile, 5, 5)  # entirely outside: nothing, no error
    assert canvas[..., 3].sum() == 255


def test_quad_sprites_draw_their_rectangles_where_told() -> None:
    plotter = pv.Plotter(off_screen=True, window_size=[200, 100])
    try:
        plotter.set_background("black")
        sprites = QuadSprites(plotter.renderer)
        image = np.zeros((10, 20, 4), np.uint8)
        image[:, :10] = (255, 0, 0, 255)  # left half red
        image[:, 10:] = (0, 255, 0, 255)  # right half green
        sprites.set_image(image)
        sprites.set_rects(np.array([[20, 30], [120, 60]]),
                          np.array([[0, 0, 10, 10], [10, 0, 10, 10]]))
        assert sprites.corners.shape == (2, 4, 3)
        plotter.render()
        shot = plotter.screenshot(return_img=True)  # rows from the top
        assert tuple(shot[100 - 35, 25, :3]) == (255, 0, 0)
        assert tuple(shot[100 - 65, 125, :3]) == (0, 255, 0)
        assert tuple(shot[100 - 65, 25, :3]) == (0, 0, 0)
    finally:
        plotter.close()
