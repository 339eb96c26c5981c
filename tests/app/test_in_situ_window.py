"""The spine in the body in the window: its toolbar button and key, picking and cutting
there, the dural sac switch, and the same pixels as ``rhizoviz render``."""

from __future__ import annotations

import numpy as np
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QImage

from rhizoviz.app.shortcuts import by_command
from rhizoviz.core.scenario import presets
from rhizoviz.scene.render import render_figure


def _logical(window, x: float, y: float) -> QPoint:  # noqa: ANN001
    ratio = window.plotter.devicePixelRatioF()
    return QPoint(round(x / ratio), round(y / ratio))


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    arr = np.frombuffer(image.constBits().asstring(image.sizeInBytes()), np.uint8)
    return arr.reshape(h, image.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).astype(int)


def test_the_in_situ_button_and_key_show_the_spine_in_the_body(qtbot, window):  # noqa: ANN001
    row = by_command()["view_in_situ"]
    action = window.command("view_in_situ")
    assert action in window.toolbar.actions() and row.toolbar
    window.set_view("anterior")
    action.trigger()
    assert window.scene.view == "in-situ"
    window.set_view("anterior")
    qtbot.keyClick(window, row.keys[0])
    assert window.scene.view == "in-situ"


def test_a_click_on_a_root_in_the_body_cuts_it(qtbot, window):  # noqa: ANN001
    window.set_view("in-situ")
    x, y = window.scene.root_display_position("T10", "left")
    assert 0 <= x < window.plotter.width() and 0 <= y < window.plotter.height()
    window.click_at(x, y)
    assert dict(window.session.state.cuts) == {("T10", "left"): 1.0}
    assert window.scene.root_style("T10", "left")["gap_visible"] is False
    # and with the mouse, through the see-through skin
    x, y = window.scene.root_display_position("L3", "right")
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=_logical(window, x, y))
    assert window.session.state.cuts.fraction("L3", "right") == 1.0


def test_the_dural_sac_switch(window):  # noqa: ANN001
    action = window.command("toggle_dura")
    assert action.isCheckable() and action.isChecked() and window.scene.dura_visible
    action.trigger()
    assert not window.scene.dura_visible and not action.isChecked()
    assert window.figure_options()["dura"] is False
    action.trigger()
    assert window.scene.dura_visible and action.isChecked()


def test_the_app_and_render_agree_in_the_body(window, standin_meshes, tmp_path):  # noqa: ANN001
    window.apply_scenario(presets()[1])
    window.set_view("in-situ")
    window.set_vertebrae("opaque")
    assert window.export_png(str(tmp_path / "app.png"), (640, 360))
    cli = render_figure(
        window.session.state, "in-situ", (640, 360), window.palette_name, tmp_path / "cli.png",
        window.caption_text(), body=standin_meshes[0], spine=standin_meshes[1],
        vertebrae="opaque",
    )
    assert np.array_equal(_pixels(QImage(str(tmp_path / "app.png"))), _pixels(QImage(str(cli))))


def test_the_window_shows_what_render_draws_in_the_body(window, standin_meshes, tmp_path):  # noqa: ANN001
    window.apply_scenario(presets()[1])
    window.set_view("in-situ")
    on_screen = _pixels(window.view_image())
    h, w = on_screen.shape[:2]
    cli = render_figure(
        window.session.state, "in-situ", (w, h), window.palette_name, tmp_path / "fig.png",
        window.scene.caption_actor.GetInput(), body=standin_meshes[0],
        spine=standin_meshes[1], vertebrae=window.vertebrae_mode,
    )
    fig = _pixels(QImage(str(cli)))
    assert fig.shape == on_screen.shape
    assert np.abs(on_screen - fig).mean() < 6
