"""Issue 12 in the window: the level panel's choice of what a click cuts, ventral roots
and ganglia picked in 3D, and the skin switched between pin prick and light touch."""

from __future__ import annotations

import numpy as np
from PyQt6.QtCore import QPoint, Qt

from rhizoviz.core.outcome import ABSENT, IMPAIRED
from rhizoviz.core.report import default_caption, short_caption


def logical(window, x: float, y: float) -> QPoint:  # noqa: ANN001
    ratio = window.plotter.devicePixelRatioF()
    return QPoint(round(x / ratio), round(y / ratio))


def click_3d(qtbot, window, x: float, y: float) -> None:  # noqa: ANN001
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=logical(window, x, y))


def test_choosing_ventral_makes_a_button_cut_the_ventral_root(qtbot, window):  # noqa: ANN001
    panel = window.level_panel
    qtbot.mouseClick(panel.kind_buttons["ventral"], Qt.MouseButton.LeftButton)
    assert panel.root_kind == "ventral" and window.root_kind_actions["ventral"].isChecked()
    qtbot.mouseClick(panel.buttons[("L5", "left")], Qt.MouseButton.LeftButton)
    cuts = window.session.state.cuts
    assert cuts.root_fractions() == {("ventral", "L5", "left"): 1.0}
    assert dict(cuts) == {}  # no dorsal root was cut
    qtbot.waitUntil(lambda: window.panels_current)
    button = panel.buttons[("L5", "left")]
    assert button.property("rootState") == "cut" and button.property("rootKind") == "ventral"
    assert "Left L5 ventral root" in panel.selection_label.text()
    assert window.scene.root_style("L5", "left", "ventral")["gap_visible"] is False
    # the buttons show the chosen kind: back on dorsal, L5 is intact
    panel.set_root_kind("dorsal")
    assert button.property("rootState") == "intact"
    # a ventral cut takes no skin
    assert not window.scene.body_status.any()


def test_ganglion_choice_removes_whole_and_rests_the_slider(qtbot, window):  # noqa: ANN001
    panel = window.level_panel
    panel.slider.setValue(40)
    panel.set_root_kind("ganglion")
    assert not panel.slider.isEnabled()
    qtbot.mouseClick(panel.buttons[("C2", "left")], Qt.MouseButton.LeftButton)
    assert window.session.state.cuts.fraction("C2", "left", "ganglion") == 1.0
    qtbot.waitUntil(lambda: window.panels_current)
    assert "removed" in panel.buttons[("C2", "left")].text()
    qtbot.mouseClick(panel.buttons[("C2", "left")], Qt.MouseButton.LeftButton)
    assert window.session.state.cuts.is_empty
    panel.set_root_kind("ventral")
    assert panel.slider.isEnabled()


def test_a_3d_click_on_a_ventral_root_cuts_it(qtbot, window):  # noqa: ANN001
    window.set_view("anterior")
    window.set_root_kind("ventral")
    window.render_sync()
    x, y = window.scene.root_display_position("T6", "right", "ventral")
    qtbot.mouseMove(window.plotter, logical(window, x, y))
    qtbot.waitUntil(lambda: "T6" in window.hover_label.text(), timeout=3000)
    assert window.hover_label.text() == "Right T6 ventral root: intact (click to cut)"
    click_3d(qtbot, window, x, y)
    assert window.session.state.cuts.root_fractions() == {("ventral", "T6", "right"): 1.0}
    assert window.level_panel.selected == ("T6", "right")
    qtbot.waitUntil(lambda: window.panels_current)
    assert "1 root cut" in window.status_label.text()
    click_3d(qtbot, window, x, y)  # a second click restores it
    assert window.session.state.cuts.is_empty


def test_a_3d_click_on_a_ganglion_removes_it(qtbot, window):  # noqa: ANN001
    window.set_view("spine")
    window.set_root_kind("ganglion")
    window.render_sync()
    x, y = window.scene.root_display_position("L4", "left", "ganglion")
    assert window.root_status("L4", "left") == (
        "Left L4 dorsal root ganglion: intact (click to remove)")
    click_3d(qtbot, window, x, y)
    assert window.session.state.cuts.root_fractions() == {("ganglion", "L4", "left"): 1.0}
    assert window.scene.root_style("L4", "left", "ganglion")["removed"]
    # the outline where it was is still a target: clicking it restores the ganglion
    click_3d(qtbot, window, x, y)
    assert window.session.state.cuts.is_empty


def test_the_touch_switch_recolours_without_rebuilding(qtbot, window):  # noqa: ANN001
    window.session.cut_range("C5", "C7", ("left",), 1.0)
    scene = window.scene
    actors = [scene.body_actor, scene.marker_actor, *scene.spine_actors]
    status, markers = scene.body_status, scene.marker_status
    pin = np.array(status, copy=True)
    renders = []
    window.plotter.render_window.AddObserver("EndEvent", lambda *_: renders.append(1))
    qtbot.wait(50)
    renders.clear()
    window.toggle_modality()
    qtbot.waitUntil(lambda: len(renders) >= 1, timeout=3000)
    qtbot.wait(100)
    assert len(renders) == 1
    assert scene.modality == "light_touch" and window.command("toggle_modality").isChecked()
    assert [scene.body_actor, scene.marker_actor, *scene.spine_actors] == actors
    assert all(a is b for a, b in zip(actors, [scene.body_actor, scene.marker_actor,
                                                 *scene.spine_actors], strict=True))
    assert scene.body_status is status and scene.marker_status is markers
    assert (status <= pin).all() and (status != pin).any()
    thumb = scene.key_point_keys.index(("C6", "left"))
    assert markers[thumb] == IMPAIRED  # touch dulled on the thumb's key point
    assert "Skin sensation \u2014 light touch" in scene.legend.texts
    state = window.session.state
    assert window.caption_text() == default_caption(state, window.session.atlas, "light_touch")
    assert "light touch" in window.caption_text()
    window.session.rename("Left C5-C7")
    window.set_presentation(True, fullscreen=False)  # the short caption names touch too
    assert scene.caption_actor.GetInput() == short_caption(window.session.state,
                                                           "light_touch")
    window.set_presentation(False)
    window.toggle_modality()
    assert markers[thumb] == ABSENT and "light touch" not in window.caption_text()
