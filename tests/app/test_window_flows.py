"""User flows through the whole window: 3D picks, panels, undo, lessons, files, pixels."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QImage
from PyQt6.QtWidgets import QMessageBox

from rhizoviz.core.scenario import presets
from rhizoviz.scene.palette import PALETTES, hex_to_rgb255


def logical(window, x: float, y: float) -> QPoint:  # noqa: ANN001
    """Render-window pixels (what the scene reports) to the widget's logical pixels."""
    ratio = window.plotter.devicePixelRatioF()
    return QPoint(round(x / ratio), round(y / ratio))


def body_status(window) -> np.ndarray:  # noqa: ANN001
    return np.array(window.scene.body_status, copy=True)


def test_click_on_a_root_in_the_3d_view_cuts_it(qtbot, window):  # noqa: ANN001
    window.set_view("spine")
    before = body_status(window)
    x, y = window.scene.root_display_position("C6", "left")
    assert 0 <= x < window.plotter.width() and 0 <= y < window.plotter.height()
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=logical(window, x, y))
    assert dict(window.session.state.cuts) == {("C6", "left"): 1.0}
    after = body_status(window)
    assert (after != before).any(), "the body's scalars did not change"
    qtbot.waitUntil(lambda: window.panels_current)  # the panels follow the 3D frame
    assert "C6: impaired" in window.outcome_panel.toPlainText()
    assert window.scene.root_style("C6", "left")["gap_visible"] is False
    assert window.level_panel.selected == ("C6", "left")
    # a second click restores it
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=logical(window, x, y))
    assert len(window.session.state.cuts) == 0
    assert (body_status(window) == before).all()


def test_a_drag_rotates_and_does_not_cut(qtbot, window):  # noqa: ANN001
    window.set_view("spine")
    x, y = window.scene.root_display_position("C7", "right")
    start = logical(window, x, y)
    qtbot.mousePress(window.plotter, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.plotter, start + QPoint(60, 20))
    qtbot.mouseRelease(window.plotter, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 20))
    assert len(window.session.state.cuts) == 0


def test_hovering_a_root_names_it(qtbot, window):  # noqa: ANN001
    window.set_view("spine")
    x, y = window.scene.root_display_position("T4", "right")
    qtbot.mouseMove(window.plotter, logical(window, x, y))
    qtbot.waitUntil(lambda: "T4" in window.hover_label.text(), timeout=3000)
    assert window.hover_label.text().startswith("Right T4 dorsal root: intact")


def test_click_on_skin_names_dermatome_and_highlights_roots(qtbot, window):  # noqa: ANN001
    window.set_view("anterior")
    scene = window.scene
    pts = np.asarray(scene.body_actor.mapper.dataset.points)
    side = np.asarray(window.body.side_code)
    lo, hi = pts[:, 2].min(), pts[:, 2].max()
    # the front-most left-sided vertex at chest height (the camera looks along -y)
    chest = (side == 0) & (pts[:, 2] > lo + 0.6 * (hi - lo)) & (pts[:, 2] < lo + 0.75 * (hi - lo))
    target = pts[chest][np.argmax(pts[chest][:, 1])]
    x, y = scene.project(target[None, :])[0]
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=logical(window, x, y))
    message = window.statusBar().currentMessage()
    assert "dermatome" in message and "supplied by" in message
    assert scene.highlighted_roots, "the supplying roots are not highlighted"
    assert all(side == "left" for _lv, side in scene.highlighted_roots)
    assert len(window.session.state.cuts) == 0  # looking is not cutting
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert not scene.highlighted_roots  # a click on empty space puts the highlight away


def test_level_panel_cut_restore_and_range(qtbot, window):  # noqa: ANN001
    panel = window.level_panel
    qtbot.mouseClick(panel.buttons[("L2", "left")], Qt.MouseButton.LeftButton)
    assert window.scene.root_style("L2", "left")["fraction"] == 1.0
    qtbot.mouseClick(
        panel.buttons[("S1", "left")], Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier
    )
    cut = {lv for lv, side in window.session.state.cuts if side == "left"}
    assert cut == {"L2", "L3", "L4", "L5", "S1"}
    assert all(window.scene.root_style(lv, "left")["fraction"] == 1.0 for lv in cut)
    qtbot.mouseClick(panel.buttons[("L3", "left")], Qt.MouseButton.LeftButton)
    assert window.session.state.cuts.fraction("L3", "left") == 0
    assert window.scene.root_style("L3", "left")["fraction"] == 0


def test_undo_redo_restore_exact_states(qtbot, window):  # noqa: ANN001
    s = window.session
    steps = [
        lambda: s.toggle("C6", "left"),
        lambda: s.cut_range("L2", "S1", ("left", "right"), 0.4),
        lambda: s.set_model("textbook"),
        lambda: window.apply_scenario(presets()[1]),
        lambda: qtbot.mouseClick(
            window.level_panel.buttons[("T4", "right")], Qt.MouseButton.LeftButton
        ),
    ]
    seen = [(s.state, body_status(window))]
    for step in steps:
        step()
        seen.append((s.state, body_status(window)))
    undo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    redo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    for state, body in reversed(seen[:-1]):
        qtbot.keyClick(window, *undo)
        assert s.state == state
        assert (body_status(window) == body).all()
    assert not s.can_undo and not window.undo_action.isEnabled()
    for state, body in seen[1:]:
        qtbot.keyClick(window, *redo)
        assert s.state == state
        assert (body_status(window) == body).all()
    assert not s.can_redo


def test_try_it_link_applies_its_scenario(qtbot, window):  # noqa: ANN001
    view = window.lesson_view
    view.show_lesson(0)
    browser = view.browser
    doc = browser.document()
    cursor = doc.find("cut left C5, C6 and C7 together")
    assert not cursor.isNull()
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    mid = cursor.selectionStart() + 3
    cursor.setPosition(mid)
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cuts = window.session.state.cuts
    assert dict(cuts) == {("C5", "left"): 1.0, ("C6", "left"): 1.0, ("C7", "left"): 1.0}
    qtbot.waitUntil(lambda: window.panels_current)
    assert "C6: absent" in window.outcome_panel.toPlainText()


def test_save_then_open_reproduces_the_state(qtbot, window, tmp_path):  # noqa: ANN001
    s = window.session
    window.apply_scenario(presets()[2])
    s.toggle("C6", "right", 0.5)
    s.set_model("textbook")
    path = tmp_path / "mine.json"
    assert window.save_scenario_file(str(path))
    saved = s.state  # the custom cuts are now named after the file
    assert saved.name == "mine"
    s.reset()
    s.set_model("overlap")
    assert window.open_scenario_file(str(path))
    assert s.state == saved
    assert "mine.json" in window.windowTitle()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"name": "x", "cuts": [{"level": "C99", "side": "left"}]}', b"\xff\xfe"],
)
def test_bad_scenario_file_shows_error_and_changes_nothing(
    qtbot,
    window,
    tmp_path,
    monkeypatch,
    content,  # noqa: ANN001
):
    shown = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda *args, **kw: shown.append(args) or QMessageBox.StandardButton.Ok,
    )
    window.apply_scenario(presets()[0])
    before, undo = window.session.state, window.session.can_undo
    body = body_status(window)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert not window.open_scenario_file(str(bad))
    assert len(shown) == 1 and "bad.json" in shown[0][2]
    assert window.session.state == before and window.session.can_undo == undo
    assert (body_status(window) == body).all()


def absent_pixels_on_body(window, image: QImage) -> int:  # noqa: ANN001
    """Pixels with the palette's `absent` hue inside the body's screen box."""
    scene = window.scene
    lo_x, hi_x, lo_y, hi_y, lo_z, hi_z = scene.body_actor.GetBounds()
    corners = np.array(
        [[x, y, z] for x in (lo_x, hi_x) for y in (lo_y, hi_y) for z in (lo_z, hi_z)]
    )
    scr = scene.project(corners)
    origin = window.plotter.mapTo(window, QPoint(0, 0))
    ratio = image.devicePixelRatio()
    x0, y0 = scr.min(axis=0) / window.plotter.devicePixelRatioF()
    x1, y1 = scr.max(axis=0) / window.plotter.devicePixelRatioF()
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    arr = np.frombuffer(image.constBits().asstring(image.sizeInBytes()), np.uint8)
    arr = arr.reshape(h, image.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).astype(float)
    sx0, sy0 = int((origin.x() + x0) * ratio), int((origin.y() + y0) * ratio)
    sx1, sy1 = int((origin.x() + x1) * ratio), int((origin.y() + y1) * ratio)
    box = arr[max(sy0, 0) : sy1, max(sx0, 0) : sx1]
    target = np.array(hex_to_rgb255(PALETTES["default"].absent), float)
    norm = np.linalg.norm(box, axis=2) + 1e-9
    cos = (box @ target) / (norm * np.linalg.norm(target))
    return int(((cos > 0.985) & (norm > 60)).sum())


def test_window_screenshot_shows_absent_colour_only_after_cut(qtbot, window):  # noqa: ANN001
    window.set_view("anterior")
    before = absent_pixels_on_body(window, window.grab_window())
    window.session.cut_range("C5", "C7", ("left",), 1.0)
    after = absent_pixels_on_body(window, window.grab_window())
    assert before == 0
    assert after > 100


def test_model_switch_changes_outcome(qtbot, window):  # noqa: ANN001
    window.session.toggle("C6", "left")
    qtbot.waitUntil(lambda: window.panels_current)
    assert "C6: impaired" in window.outcome_panel.toPlainText()
    window.model_actions["textbook"].trigger()
    assert window.session.state.model == "textbook"
    qtbot.waitUntil(lambda: window.panels_current)
    assert "C6: absent" in window.outcome_panel.toPlainText()
    assert "textbook" in window.status_label.text()


def test_scenario_menu_applies_a_preset(qtbot, window):  # noqa: ANN001
    sdr = presets()[2]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state.name == sdr.name
    assert sdr.name in window.windowTitle()
    qtbot.waitUntil(lambda: window.panels_current)
    assert window.level_panel.buttons[("L4", "right")].property("rootState") == "partial"


def test_the_body_changes_first_and_the_panels_right_after(qtbot, window):  # noqa: ANN001
    """A cut draws the 3D frame with the panels as they were; they follow in the next."""
    qtbot.waitUntil(lambda: window.panels_current)
    button = window.level_panel.buttons[("C6", "left")]
    qtbot.mousePress(button, Qt.MouseButton.LeftButton)  # Qt repaints a pressed button at once
    seen: list[str] = []
    window.plotter.frameSwapped.connect(lambda: seen.append("frame"))
    window.outcome_panel.textChanged.connect(lambda: seen.append("outcome"))
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    assert window.scene.root_style("C6", "left")["fraction"] == 1.0  # the scene at once
    assert not window.panels_current and seen == []
    qtbot.waitUntil(lambda: window.panels_current)
    assert seen[:2] == ["frame", "outcome"]
    assert button.property("rootState") == "cut"
    window.hide()  # nothing can be drawn: the panels follow at once
    window.session.undo()
    assert window.panels_current and button.property("rootState") == "intact"


def test_geometry_is_remembered(qtbot, session, standin_meshes):  # noqa: ANN001
    from rhizoviz.app.main_window import MainWindow

    first = MainWindow(session=session, meshes=standin_meshes)
    qtbot.addWidget(first)
    first.show()
    first.resize(1111, 777)
    qtbot.wait(50)
    first.close()
    second = MainWindow(meshes=standin_meshes)
    qtbot.addWidget(second)
    # without a window manager Qt may shave a few pixels of frame off the height
    assert second.width() == 1111 and abs(second.height() - 777) <= 8
    second.close()


def test_scenario_json_written_is_the_core_format(qtbot, window, tmp_path):  # noqa: ANN001
    window.session.toggle("C2", "left")
    path = tmp_path / "c2.json"
    window.save_scenario_file(str(path))
    data = json.loads(path.read_text())
    assert data["cuts"] == [{"level": "C2", "side": "left", "fraction": 1.0, "root": "dorsal"}]


def test_a_cut_rebuilds_nothing_and_reads_no_file(qtbot, window, monkeypatch):  # noqa: ANN001
    import builtins
    import pathlib

    scene = window.scene
    dataset = scene.body_actor.mapper.dataset
    points = np.array(dataset.points, copy=True)
    actors = len(window.plotter.renderer.actors)

    def no_files(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a file was opened while cutting")

    monkeypatch.setattr(builtins, "open", no_files)
    monkeypatch.setattr(pathlib.Path, "read_bytes", no_files)
    monkeypatch.setattr(pathlib.Path, "read_text", no_files)
    qtbot.mouseClick(window.level_panel.buttons[("C6", "left")], Qt.MouseButton.LeftButton)
    window.session.cut_range("L2", "S1", ("left", "right"), 0.4)
    window.session.undo()
    window.render_sync()
    monkeypatch.undo()
    assert scene.body_actor.mapper.dataset is dataset
    assert (np.asarray(dataset.points) == points).all()
    assert len(window.plotter.renderer.actors) == actors
    assert window.session.state.cuts.fraction("C6", "left") == 1.0
