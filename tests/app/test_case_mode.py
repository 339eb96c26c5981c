"""Case mode in the window: a case from the list to the saved report, one step at a time.

The block is a transient full cut (the body numb where the roots supply, reverted when
it wears off), the decision's operation is what the outcome step cuts, and a broken
case file is one line under the list while the good cases stay usable.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QKeySequence

from rhizoviz.core.case_model import Decision, block, outcome
from rhizoviz.core.cases import STEPS, cases_dir, load_case
from rhizoviz.core.cuts import CutSet
from rhizoviz.scene.palette import PALETTES, hex_to_rgb255

LEFT = Qt.MouseButton.LeftButton


def press(qtbot, widget, key: str) -> None:  # noqa: ANN001
    combo = QKeySequence(key)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def tick(qtbot, box) -> None:  # noqa: ANN001
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def test_a_case_from_start_to_end(qtbot, window, tmp_path):  # noqa: ANN001
    name = "post-thoracotomy-pain"
    case = load_case(name)
    press(qtbot, window, "Ctrl+Shift+K")
    mode = window.case_mode
    panel = mode.panel
    assert mode.dock.isVisible() and panel.cases.count() >= 5
    row = next(i for i in range(panel.cases.count())
               if panel.cases.item(i).data(Qt.ItemDataRole.UserRole) == name)
    panel.cases.setCurrentRow(row)
    qtbot.mouseClick(panel.open_button, LEFT)
    assert mode.step_name == "presentation" and panel.step_box.isVisible()
    assert not window.level_panel.isEnabled()  # the cuts are the case's while it is open
    assert "Where it hurts" in panel.text.toPlainText()
    assert not window.session.state.cuts  # the pain map is drawn, nothing is cut
    assert np.any(window.scene.body_status > 0)

    seen = [mode.step_name]
    while mode.step_name != "discussion":
        if mode.step_name == "examination":
            assert window.session.state.cuts == CutSet(case.deficit)
            assert window.worksheet.dock.isVisible()
        if mode.step_name == "block":
            root = case.block_choices[0]
            tick(qtbot, panel.block.roots.boxes[root])
            qtbot.mouseClick(panel.block.block, LEFT)
            expected = block(case, [root])
            assert window.session.state.cuts.fraction(*root) == 1.0  # the transient cut
            assert f"{expected.relief:.0%}" in panel.block.result.text()
            qtbot.mouseClick(panel.block.end, LEFT)  # it wears off
            assert window.session.state.cuts == CutSet(case.deficit)
            assert [b.roots for b in mode.blocks] == [(root,)]
        if mode.step_name == "decision":
            d = panel.decision
            assert d.yes.isChecked()
            d.operation.setCurrentIndex(d.operation.findData(case.expected.operation))
            for root in case.expected.roots:
                tick(qtbot, d.roots.boxes[root])
        window.activateWindow()
        window.plotter.setFocus()
        press(qtbot, window, "Alt+Right")
        seen.append(mode.step_name)
    assert seen == list(STEPS)

    decision = Decision(True, case.expected.operation, case.expected.roots,
                        case.expected.fraction if case.expected.operation ==
                        "selective-dorsal-rhizotomy" else 1.0)
    assert mode.decision == decision
    result = outcome(case, decision)
    for cut in result.cuts:  # the body shows what the operation takes away
        assert window.session.state.cuts.fraction(cut.level, cut.side, cut.root) >= cut.fraction
    assert "agrees with theirs" in panel.text.toPlainText()
    press(qtbot, window, "Alt+Left")
    assert mode.step_name == "outcome"
    assert f"{result.relief:.0%}" in panel.text.toPlainText()
    press(qtbot, window, "Alt+Right")

    report = tmp_path / "report.md"
    assert mode.save_report(str(report))
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"# {case.title}") and "## Decision" in text
    assert "## Diagnostic blocks" in text and f"{case.block_choices[0][1]} " in text

    panel.lesson.linkActivated.emit(case.lesson)
    assert window.lesson_view.lessons[window.lesson_view.index].path.stem == \
        case.lesson.partition("#")[0]
    qtbot.mouseClick(panel.close_case, LEFT)
    assert not mode.active and window.level_panel.isEnabled()
    assert not window.session.state.cuts  # the cuts from before the case


def test_not_a_candidate_operates_on_nothing(qtbot, window):  # noqa: ANN001
    mode = window.case_mode
    assert mode.open_case("failed-back-surgery")
    mode.show_step(STEPS.index("decision"))
    tick(qtbot, mode.panel.decision.no)
    assert not mode.panel.decision.operation.isEnabled()
    mode.case_next_step()
    assert mode.decision == Decision(False, "none")
    assert window.session.state.cuts == CutSet(mode.case.deficit)
    assert "no operation" in mode.panel.text.toPlainText()


def test_a_broken_case_file_is_one_line_and_the_others_still_open(qtbot, window, tmp_path):  # noqa: ANN001
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(cases_dir() / "occipital-neuralgia.json", folder)
    data = json.loads((cases_dir() / "misleading-block.json").read_text(encoding="utf-8"))
    del data["steps"]["block"]["choices"]
    (folder / "broken-case.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "not-json.json").write_text("{", encoding="utf-8")
    mode = window.case_mode
    mode.folder = folder
    mode.reload()
    panel = mode.panel
    assert panel.cases.count() == 1
    problems = panel.problems.text().splitlines()
    assert len(problems) == 2
    assert any("broken-case.json" in p and "steps.block.choices" in p for p in problems)
    assert any("not-json.json" in p for p in problems)
    mode.start_case()
    assert mode.open_case("occipital-neuralgia")
    assert not mode.open_case("broken-case")  # not listed: refused, the app goes on
    assert mode.case.name == "occipital-neuralgia"


def test_a_ganglionectomy_removes_the_ganglion_on_the_body(qtbot, window):  # noqa: ANN001
    mode = window.case_mode
    assert mode.open_case("occipital-neuralgia")
    case = mode.case
    assert case.expected.operation == "ganglionectomy"
    mode.show_step(STEPS.index("decision"))
    d = mode.panel.decision
    d.operation.setCurrentIndex(d.operation.findData("ganglionectomy"))
    for root in case.expected.roots:
        tick(qtbot, d.roots.boxes[root])
    mode.case_next_step()
    for cut in outcome(case, mode.decision).cuts:
        assert cut.root == "ganglion"
        assert window.session.state.cuts.fraction(cut.level, cut.side, "ganglion") == 1.0
    text = " ".join(mode.panel.text.toPlainText().split())
    # what the operation adds to his own loss, apart from what he had before it
    assert "Gained: pain relief" in text
    assert "Lost through the operation: Right: C2 absent." in text
    assert "Before it: Right: C2 impaired." in text


def test_a_window_closed_during_a_case_opens_on_the_lesson_next_time(qtbot, make_window):  # noqa: ANN001
    first = make_window()
    first.show()
    qtbot.waitExposed(first)
    assert first.case_mode.open_case("occipital-neuralgia")
    assert first.case_mode.dock.isVisible() and not first.lesson_dock.isVisible()
    first.close()  # saves the dock layout with the case's dock standing in for the lesson
    second = make_window()
    second.show()
    qtbot.waitExposed(second)
    assert second.lesson_dock.isVisible()
    assert not second.case_mode.dock.isVisible() and not second.quiz_mode.dock.isVisible()


# ---------------------------------------------------------------- the pain map and the caption

COLOUR_WORDS = ("blue", "red", "amber", "orange", "yellow", "magenta", "pink", "purple",
                "green", "grey", "gray", "raspberry", "violet")


def _luma(colour: str) -> float:
    r, g, b = hex_to_rgb255(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_the_pain_colour_is_no_sensation_colour(palette):  # noqa: ANN001
    p = PALETTES[palette]
    pain = np.array(hex_to_rgb255(p.pain), dtype=float)
    for colour in p.status_colours:  # the skin's sensation: normal, impaired, absent
        assert np.linalg.norm(pain - hex_to_rgb255(colour)) > 60, (palette, colour)
    for colour in p.marker_colours:  # key-point dots: another shape, never the same colour
        assert np.linalg.norm(pain - hex_to_rgb255(colour)) > 10, (palette, colour)
    # printed in grey (and for most colour-blind eyes) pain differs from absent and
    # impaired by lightness; Okabe-Ito's one reddish purple is lighter than its blue only
    gap = 20 if palette == "okabe-ito" else 40
    for colour in (p.absent, p.impaired):
        assert abs(_luma(p.pain) - _luma(colour)) > gap, (palette, colour)


def _absent_slot(window) -> tuple[float, float, float]:  # noqa: ANN001
    """The colour the skin draws its 'absent' status in (the pain map's status)."""
    rgb = [0.0, 0.0, 0.0]
    window.scene.skin._lut.GetColor(2.0, rgb)
    return tuple(round(c * 255) for c in rgb)


def test_the_pain_map_is_named_in_the_legend_and_sensation_comes_back(qtbot, window):  # noqa: ANN001
    mode = window.case_mode
    scene = window.scene
    assert mode.open_case("occipital-neuralgia")
    assert mode.step_name == "presentation" and scene.pain_map_shown
    assert scene.legend.visible
    texts = scene.legend.texts
    assert texts[:2] == ["Where it hurts", "the patient's pain"]
    assert not any(t.startswith("Skin sensation") or t in ("absent", "impaired")
                   for t in texts)
    assert np.any(scene.body_status == 2)  # where it hurts
    assert _absent_slot(window) == hex_to_rgb255(scene.palette.pain)
    for palette in sorted(PALETTES):  # in every palette, and after T: still the pain map
        window.set_palette(palette)
        assert _absent_slot(window) == hex_to_rgb255(PALETTES[palette].pain)
    window.toggle_modality()
    assert scene.pain_map_shown and scene.legend.texts[0] == "Where it hurts"
    assert _absent_slot(window) == hex_to_rgb255(scene.palette.pain)
    window.toggle_modality()

    mode.case_next_step()  # the examination: the patient's own sensation
    assert not scene.pain_map_shown
    assert scene.legend.texts[0].startswith("Skin sensation")
    assert "Where it hurts" not in scene.legend.texts
    assert _absent_slot(window) == hex_to_rgb255(scene.palette.absent)
    mode.show_step(STEPS.index("block"))
    root = mode.case.block_choices[0]
    assert mode.apply_block([root]) is not None  # the block's numbness is sensation
    assert scene.legend.texts[0].startswith("Skin sensation")
    assert _absent_slot(window) == hex_to_rgb255(scene.palette.absent)
    mode.case_previous_step()
    mode.case_previous_step()
    mode.case_previous_step()
    assert mode.step_name == "presentation" and scene.legend.texts[0] == "Where it hurts"
    mode.stop_case()
    assert not scene.pain_map_shown and scene.legend.texts[0].startswith("Skin sensation")


def test_a_child_without_pain_has_her_stiffness_mapped_not_pain(qtbot, window):  # noqa: ANN001
    mode = window.case_mode
    assert mode.open_case("sdr-spastic-diplegia")
    assert mode.case.goal == "spasticity"
    assert window.scene.pain_map_shown
    texts = window.scene.legend.texts
    assert texts[0].startswith("Where the stiffness") and "Where it hurts" not in texts
    assert "hurts" not in window.caption_text() and "pain" not in window.caption_text()
    assert "hurts" not in mode.panel.header.text()


@pytest.mark.parametrize("presenting", [False, True])
def test_the_caption_names_the_case_by_its_title_never_a_colour(qtbot, window, presenting):  # noqa: ANN001
    if presenting:
        window.set_presentation(True, fullscreen=False)
    mode = window.case_mode
    assert mode.open_case("occipital-neuralgia")
    title_words = mode.case.title.split()
    for step in range(len(STEPS)):
        mode.show_step(step)
        if STEPS[step] == "block":
            mode.apply_block([mode.case.block_choices[0]])
        window.show_caption()
        caption = window.scene.caption_actor.GetInput()
        flat = " ".join(caption.split())  # wrapped onto lines in the lecture hall
        assert flat.startswith("Case: " + " ".join(title_words)), caption
        assert "occipital-neuralgia" not in caption
        assert not any(word in caption.lower() for word in COLOUR_WORDS), caption
        assert not any(word in window.session.state.name.lower() for word in COLOUR_WORDS)
    mode.show_step(0)
    window.show_caption()
    assert "where it hurts" in window.scene.caption_actor.GetInput()
    mode.stop_case()
    assert window.caption_source is None
    assert not window.scene.caption_actor.GetInput().startswith("Case:")
