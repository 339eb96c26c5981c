"""Case mode in the window: a case from the list to the saved report, one step at a time.

The block is a transient full cut (the body numb where the roots supply, reverted when
it wears off), the decision's operation is what the outcome step cuts, and a broken
case file is one line under the list while the good cases stay usable.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QKeySequence

from rhizoviz.core.case_model import Decision, block, outcome
from rhizoviz.core.cases import STEPS, cases_dir, load_case
from rhizoviz.core.cuts import CutSet

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
