"""Presets open where they are best seen, beside their lesson; saved cuts take a name."""

from __future__ import annotations

import json
from pathlib import Path

from rhizoviz.core.lessons import lesson_for
from rhizoviz.core.scenario import preset


def test_a_preset_from_the_menu_opens_its_view_and_its_lesson(qtbot, window) -> None:  # noqa: ANN001
    c2 = preset("C2 (occipital neuralgia)")
    window.set_view("left")
    window.lesson_view.show_lesson(len(window.lesson_view.lessons) - 1)
    window.apply_preset(c2)
    assert window.session.state.name == c2.name
    assert window.scene.view == "posterior"  # the occiput is seen from behind
    expected = lesson_for(c2, window.lesson_view.lessons)
    assert expected is not None and window.lesson_view.index == expected
    assert "C2" in window.lesson_view.browser.toPlainText()


def test_a_preset_without_a_view_keeps_the_users_view(qtbot, window) -> None:  # noqa: ANN001
    window.set_view("right")
    window.apply_preset(preset("Single C6 cut"))
    assert window.scene.view == "right"


def test_a_lesson_link_to_a_preset_turns_the_body_too(qtbot, window) -> None:  # noqa: ANN001
    from rhizoviz.core.lessons import parse_try_link

    window.set_view("anterior")
    window.apply_scenario(parse_try_link("rhizoviz:preset?name=S1-S2%20%28Achilles%20reflex%29"))
    assert window.scene.view == "posterior"


def test_saved_cuts_take_the_file_name_and_keep_their_history(
    qtbot, window, tmp_path: Path  # noqa: ANN001
) -> None:
    s = window.session
    s.toggle("C6", "left")
    assert s.state.name == "Custom cuts"
    path = tmp_path / "left C6 for Tuesday.json"
    assert window.save_scenario_file(str(path))
    assert json.loads(path.read_text())["name"] == "left C6 for Tuesday"
    assert s.state.name == "left C6 for Tuesday"
    assert "left C6 for Tuesday" in window.windowTitle()
    s.undo()  # saving was not a step: undo takes the cut back
    assert not s.state.cuts
    assert window.open_scenario_file(str(path))
    assert s.state.name == "left C6 for Tuesday" and s.state.cuts.fraction("C6", "left") == 1.0


def test_a_named_scenario_keeps_its_name_when_saved(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    sdr = preset("Selective dorsal rhizotomy L2-S1")
    window.apply_preset(sdr)
    path = tmp_path / "copy.json"
    assert window.save_scenario_file(str(path))
    assert json.loads(path.read_text())["name"] == sdr.name


def test_the_status_bar_tells_the_clicked_root_as_it_is_now(qtbot, window) -> None:  # noqa: ANN001
    from PyQt6.QtCore import Qt

    assert window.level_panel.selected != ("L3", "right")
    button = window.level_panel.buttons[("L3", "right")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.flush_panels()
    message = window.statusBar().currentMessage()
    assert message == "Right L3 dorsal root: fully cut (click to restore)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.flush_panels()
    assert window.statusBar().currentMessage() == "Right L3 dorsal root: intact (click to cut)"


def test_a_click_that_cuts_nothing_still_moves_the_cursor_at_once(qtbot, window) -> None:  # noqa: ANN001
    """With the slider at 0 % a click on an intact root cuts nothing: no frame and no
    panel refresh follow, so the cursor and the status bar must move with the click."""
    from PyQt6.QtCore import Qt

    window.level_panel.slider.setValue(0)
    button = window.level_panel.buttons[("T9", "left")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.state.cuts.fraction("T9", "left") == 0.0
    assert window.panels_current
    assert window.level_panel.selected == ("T9", "left")
    assert button.property("selected") == "true"
    assert window.statusBar().currentMessage() == "Left T9 dorsal root: intact (click to cut)"


def test_a_cut_tells_the_status_line_with_the_panels(qtbot, window) -> None:  # noqa: ANN001
    from PyQt6.QtCore import Qt

    qtbot.waitUntil(lambda: window.panels_current)
    qtbot.mouseClick(window.level_panel.buttons[("S1", "right")], Qt.MouseButton.LeftButton)
    assert window.undo_action.isEnabled()  # at once: Ctrl+Z must work straight away
    qtbot.waitUntil(lambda: window.panels_current)
    assert "1 root cut" in window.status_label.text()
    message = window.statusBar().currentMessage()
    assert message == "Right S1 dorsal root: fully cut (click to restore)"


def test_a_clicked_button_repaints_with_the_panels_not_before_the_cut(qtbot, window) -> None:  # noqa: ANN001
    """Its repaint would flush the window before the cut's 3D frame: it waits for the
    panel refresh that follows that frame, and is never left frozen."""
    from PyQt6.QtCore import Qt

    qtbot.waitUntil(lambda: window.panels_current)
    button = window.level_panel.buttons[("T2", "right")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.state.cuts.fraction("T2", "right") == 1.0
    assert not button.updatesEnabled() and not window.panels_current
    qtbot.waitUntil(lambda: window.panels_current)
    assert button.updatesEnabled() and button.text() == "T2  cut"
    window.level_panel.slider.setValue(0)  # 0 % also restores the selected T2
    qtbot.waitUntil(lambda: window.panels_current)
    other = window.level_panel.buttons[("T3", "right")]
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)  # cuts nothing: nothing to wait for
    assert other.updatesEnabled() and window.panels_current
