"""The level and outcome panels, driven like a user would, without the 3D view."""

from __future__ import annotations

from PyQt6.QtCore import Qt

from rhizoviz.app.level_panel import LevelPanel
from rhizoviz.app.outcome_panel import OutcomePanel


def click(qtbot, button, shift: bool = False) -> None:  # noqa: ANN001
    mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, mods)


def test_click_cuts_and_restores_a_root(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    click(qtbot, panel.buttons[("C6", "left")])
    assert session.state.cuts.fraction("C6", "left") == 1.0
    assert panel.buttons[("C6", "left")].property("rootState") == "cut"
    assert "cut" in panel.buttons[("C6", "left")].text()
    click(qtbot, panel.buttons[("C6", "left")])
    assert len(session.state.cuts) == 0
    assert panel.buttons[("C6", "left")].property("rootState") == "intact"


def test_shift_click_cuts_a_range_in_one_undo_step(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    click(qtbot, panel.buttons[("L2", "right")])
    click(qtbot, panel.buttons[("S1", "right")], shift=True)
    assert [(c.level, c.side) for c in session.state.cuts.cuts()] == [
        (lv, "right") for lv in ("L2", "L3", "L4", "L5", "S1")
    ]
    session.undo()
    assert [(c.level, c.side) for c in session.state.cuts.cuts()] == [("L2", "right")]


def test_a_range_onto_a_cut_root_takes_the_sliders_fraction(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    session.set_fraction("L5", "left", 1.0)  # already fully cut
    panel.slider.setValue(40)
    click(qtbot, panel.buttons[("L2", "left")])
    click(qtbot, panel.buttons[("L5", "left")], shift=True)
    assert dict(session.state.cuts) == {(lv, "left"): 0.4 for lv in ("L2", "L3", "L4", "L5")}


def test_both_sides_and_fraction_slider(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    panel.both_sides.setChecked(True)
    panel.slider.setValue(40)
    assert len(session.state.cuts) == 0  # the slider alone cuts nothing
    click(qtbot, panel.buttons[("L4", "left")])
    assert dict(session.state.cuts) == {("L4", "left"): 0.4, ("L4", "right"): 0.4}
    assert panel.buttons[("L4", "right")].property("rootState") == "partial"
    panel.slider.setValue(70)  # re-cuts the selected (already cut) level
    assert dict(session.state.cuts) == {("L4", "left"): 0.7, ("L4", "right"): 0.7}
    panel.slider.setValue(0)
    assert len(session.state.cuts) == 0


def test_panel_follows_undo_without_feedback(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    panel.slider.setValue(60)
    click(qtbot, panel.buttons[("C5", "left")])
    panel.slider.setValue(30)
    steps = len(session.core._undo)
    session.undo()
    # showing the restored 60 % on the slider must not itself commit a change
    assert panel.slider.value() == 60
    assert len(session.core._undo) == steps - 1
    assert session.can_redo


def test_keyboard_cursor(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    seen = []
    panel.selectionChanged.connect(lambda lv, sd: seen.append((lv, sd)))
    panel.move_selection(1)
    panel.switch_side()
    panel.toggle_selected()
    assert seen == [("C7", "left"), ("C7", "right")]
    assert dict(session.state.cuts) == {("C7", "right"): 1.0}
    panel.move_selection(-100)
    assert panel.selected == ("C1", "right")


def test_outcome_panel_words(qtbot, session):  # noqa: ANN001
    panel = OutcomePanel(session)
    qtbot.addWidget(panel)
    assert "No root is cut" in panel.toPlainText()
    session.cut_range("C5", "C7", ("left",), 1.0)
    text = panel.toPlainText()
    assert "C6: absent" in text
    assert "Biceps" in text
    assert "C6: absent" in panel.plain_text()


def test_tabbing_onto_a_root_selects_it(qtbot, session):  # noqa: ANN001
    panel = LevelPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.buttons[("T7", "right")].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: panel.selected == ("T7", "right"), timeout=2000)
    panel.toggle_selected()
    assert dict(session.state.cuts) == {("T7", "right"): 1.0}
