"""`rhizoviz render` and the app draw the same picture of the same scenario."""

from __future__ import annotations

import numpy as np
from PyQt6.QtGui import QImage

from rhizoviz.core.scenario import presets
from rhizoviz.scene.palette import PALETTES, hex_to_rgb255
from rhizoviz.scene.render import render_figure


def to_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    arr = np.frombuffer(image.constBits().asstring(image.sizeInBytes()), np.uint8)
    return arr.reshape(h, image.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).astype(float)


def hue_mask(arr: np.ndarray, colour: str) -> np.ndarray:
    target = np.array(hex_to_rgb255(colour), float)
    norm = np.linalg.norm(arr, axis=2) + 1e-9
    return ((arr @ target) / (norm * np.linalg.norm(target)) > 0.985) & (norm > 60)


def test_render_agrees_with_the_app(qtbot, window, standin_meshes, tmp_path):  # noqa: ANN001
    window.apply_scenario(presets()[1])  # C5-C7: absent and impaired skin
    window.set_view("anterior")
    app_img = to_array(window.view_image())
    h, w = app_img.shape[:2]
    out = render_figure(
        window.session.state,
        view="anterior",
        size=(w, h),
        palette=window.palette_name,
        out_path=tmp_path / "fig.png",
        caption=window.scene.caption_actor.GetInput(),
        body=standin_meshes[0],
        spine=standin_meshes[1],
        vertebrae=window.vertebrae_mode,
    )
    fig = to_array(QImage(str(out)))
    assert fig.shape == app_img.shape
    palette = PALETTES[window.palette_name]
    for status in ("absent", "impaired"):
        a = hue_mask(app_img, getattr(palette, status))
        b = hue_mask(fig, getattr(palette, status))
        assert a.sum() > 50, status
        # the same pixels, give or take anti-aliased edges
        assert (a & b).sum() / (a | b).sum() > 0.8, status
    assert np.abs(app_img - fig).mean() < 6


def test_the_apps_export_is_the_render_commands_figure(qtbot, window, standin_meshes, tmp_path):  # noqa: ANN001
    """File → Save figure and `rhizoviz render` are one function: given what the window
    shows (a level's close-up, vertebrae, caption), the same pixels, exactly."""
    window.apply_scenario(presets()[1])
    window.level_panel.select("C6", "left")
    window.focus_selected()
    window.set_vertebrae("hidden")
    assert window.export_png(str(tmp_path / "app.png"), (640, 360))
    cli = render_figure(
        window.session.state, "level:C6", (640, 360), window.palette_name, tmp_path / "cli.png",
        window.caption_text(), body=standin_meshes[0], spine=standin_meshes[1],
        vertebrae="hidden",
    )
    app_fig = to_array(QImage(str(tmp_path / "app.png")))
    assert app_fig.shape == (360, 640, 3)
    assert np.array_equal(app_fig, to_array(QImage(str(cli))))

    window.plotter.camera.Azimuth(40)  # the user's own angle is kept in the figure
    assert window.camera_moved
    assert window.export_png(str(tmp_path / "turned.png"), (640, 360))
    turned = to_array(QImage(str(tmp_path / "turned.png")))
    assert np.abs(turned - app_fig).mean() > 1
