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


def test_every_root_kind_and_light_touch_agree_with_render(qtbot, window, standin_meshes,  # noqa: ANN001
                                                           tmp_path):
    """Ventral and ganglion cuts on a light-touch skin: the app's figure is the render
    command's, pixel for pixel, in the spine view and the whole-body view."""
    from rhizoviz.core.cuts import parse_specs

    window.session.apply_cuts(parse_specs(
        ["ventral:left:L4-L5", "ganglion:right:L2", "left:C5-C7", "ventral:right:T6@0.5"]))
    window.set_modality("light_touch")
    for view in ("spine", "anterior"):
        window.set_view(view)
        assert window.export_png(str(tmp_path / f"app-{view}.png"), (640, 360))
        cli = render_figure(
            window.session.state, view, (640, 360), window.palette_name,
            tmp_path / f"cli-{view}.png", window.caption_text(), body=standin_meshes[0],
            spine=standin_meshes[1], vertebrae=window.vertebrae_mode, modality="light_touch",
        )
        app_fig = to_array(QImage(str(tmp_path / f"app-{view}.png")))
        assert np.array_equal(app_fig, to_array(QImage(str(cli)))), view
    assert "light touch" in window.caption_text()
    # what the window shows on screen agrees with the figure too (the touch layer)
    app_img = to_array(window.view_image())
    h, w = app_img.shape[:2]
    fig = to_array(QImage(str(render_figure(
        window.session.state, "anterior", (w, h), window.palette_name, tmp_path / "full.png",
        window.scene.caption_actor.GetInput(), body=standin_meshes[0], spine=standin_meshes[1],
        vertebrae=window.vertebrae_mode, modality="light_touch"))))
    impaired = PALETTES[window.palette_name].impaired
    a, b = hue_mask(app_img, impaired), hue_mask(fig, impaired)
    assert a.sum() > 50
    assert (a & b).sum() / (a | b).sum() > 0.8
    assert np.abs(app_img - fig).mean() < 6
