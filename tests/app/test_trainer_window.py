"""The SDR trainer window: a whole operation by mouse and keyboard, over the app's session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtTest import QTest

from rhizoviz.core.cuts import CutSet
from rhizoviz.core.sdr.emg import emg_traces
from rhizoviz.core.sdr.plan import cut_set, make_plan

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
SEED = 3


@pytest.fixture
def trainer(qtbot, session, standin_meshes) -> Iterator[Any]:  # noqa: ANN001
    """The main window on a stand-in body and the shipped spine, with the trainer over it."""
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.app.trainer import open_trainer
    from rhizoviz.mesh_loader import load_spine

    main = MainWindow(session=session, meshes=(standin_meshes[0], load_spine()))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    win = open_trainer(main, SEED)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    yield win
    win.close()
    main.close()


def _key(win: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(win, key, modifier)


def _click_rootlet(win: Any, qtbot: Any, ident: str) -> None:
    """Click a rootlet where the scene projects it (the pick runs on the real event)."""
    qtbot.waitUntil(lambda: win.plotter.isVisible(), timeout=3000)
    x, y = win.scene.rootlet_display_position(win.scene.index[ident])
    ratio = win.plotter.devicePixelRatioF()
    pos = QPoint(int(round(x / ratio)), int(round(y / ratio)))
    QTest.mousePress(win.plotter, LEFT, NONE, pos)
    QTest.mouseRelease(win.plotter, LEFT, NONE, pos)


def test_a_whole_operation_by_mouse_and_keyboard(trainer: Any, qtbot: Any) -> None:
    win = trainer
    assert not win.operation.approach and win.banner.isVisible()
    assert "not a clinical tool" in win.banner.text()
    # the laminae are closed: a click in the field tests nothing
    _click_rootlet(win, qtbot, "L5-left-1")
    assert win.operation.current is None
    arches_closed = win.scene._arch_pd.GetNumberOfPolys()
    _key(win, Qt.Key.Key_2)  # multilevel L2-S1
    assert win.operation.approach.name == "multilevel"
    assert win.scene._arch_pd.GetNumberOfPolys() < arches_closed
    for _ in range(3):
        _key(win, Qt.Key.Key_Down)  # L2 -> L5, left
    assert win.scene.lifted == ("L5", "left")
    curves = list(win.emg.curves)
    root = win.patient.roots[("L5", "left")]
    for rootlet in root:
        _click_rootlet(win, qtbot, rootlet.id)
        assert win.operation.current == rootlet
        assert win.emg.shown_id == rootlet.id
        expected = emg_traces(SEED, rootlet).data[0] + win.emg.offsets[0]
        np.testing.assert_allclose(win.emg.curves[0].getData()[1], expected, rtol=1e-5)
        assert win.grade_label.text() == rootlet.grade_label
    assert win.emg.curves == curves  # the same curve objects, only their data changed
    assert all(r in win.operation.tested for r in root)
    # mark the two highest grades: one by key, one by the button
    by_grade = sorted(root, key=lambda r: -r.grade)[:2]
    _click_rootlet(win, qtbot, by_grade[0].id)
    _key(win, Qt.Key.Key_X)
    _click_rootlet(win, qtbot, by_grade[1].id)
    QTest.mouseClick(win.mark_button, LEFT)
    plan = make_plan(win.patient, [r.id for r in by_grade], "multilevel")
    assert win.session.state.cuts == cut_set(plan)
    assert win.session.state.cuts.fraction("L5", "left") == pytest.approx(2 / len(root))
    # clicking the button again unmarks
    QTest.mouseClick(win.mark_button, LEFT)
    assert by_grade[1] not in win.operation.marked
    assert win.session.state.cuts == cut_set(make_plan(win.patient, [by_grade[0].id],
                                                       "multilevel"))
    # the other side by keyboard: S lifts right L5, Right stimulates its first rootlet
    _key(win, Qt.Key.Key_S)
    _key(win, Qt.Key.Key_Right)
    assert win.operation.current == win.patient.roots[("L5", "right")][0]
    _key(win, Qt.Key.Key_X)
    marked = {by_grade[0], win.patient.roots[("L5", "right")][0]}
    assert win.operation.marked == marked
    assert win.session.state.cuts == cut_set(make_plan(win.patient, [r.id for r in marked],
                                                       "multilevel"))
    # finish: the debrief with the whole grade map, cut rootlets marked
    _key(win, Qt.Key.Key_F)
    assert win.tabs.currentWidget() is win.debrief
    cell = win.debrief.cell_text("L5", "left", by_grade[0].index)
    assert cell.startswith("✂") and by_grade[0].grade_label in cell
    assert "Expected reduction of spasticity" in win.debrief.headline.text()
    width = (win.debrief.grid.columnCount() - 1) // 2
    assert win.debrief.grid.item(0, width - 1).toolTip().endswith("out of reach")  # L1
    assert not win.debrief.grid.item(1, width - 1).toolTip().endswith("out of reach")  # L2


def test_undo_brings_the_marks_back_in_line(trainer: Any, qtbot: Any) -> None:
    win = trainer
    win.choose_approach("conus")
    first, second = win.patient.roots[("S1", "left")][:2]
    for r in (first, second):
        win.stimulate(r)
        win.toggle_mark()
    assert win.operation.marked == {first, second}
    _key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.operation.marked == {first}
    assert win.scene.codes[win.scene.index[second.id]] != win.scene.codes[win.scene.index[first.id]]
    _key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier
         | Qt.KeyboardModifier.ControlModifier)
    assert win.operation.marked == {first, second}
    win.session.reset()
    assert win.operation.marked == set()
    assert not win.scene._collapsed.any()


def test_out_of_reach_rootlets_cannot_be_tested(trainer: Any) -> None:
    from rhizoviz.scene.trainer_scene import OUT_OF_REACH

    win = trainer
    win.choose_approach("multilevel")
    l1 = win.patient.roots[("L1", "left")][0]
    assert not win.stimulate(l1)
    assert win.operation.current is None
    assert win.scene.codes[win.scene.index[l1.id]] == OUT_OF_REACH
    win.stimulate(win.patient.roots[("L3", "left")][0])
    assert win.operation.current.level == "L3"


def test_the_exposure_cannot_strand_a_marked_rootlet(trainer: Any) -> None:
    win = trainer
    win.choose_approach("conus")
    win.stimulate(win.patient.roots[("L1", "right")][0])
    win.toggle_mark()
    assert not win.choose_approach("multilevel")
    assert win.operation.approach.name == "conus"
    assert "unmark" in win.statusBar().currentMessage()
    assert win.approach_buttons["conus"].isChecked()


def test_stimulating_and_marking_each_draw_one_frame(trainer: Any, qtbot: Any) -> None:
    """The EMG stays responsive: one render per rootlet, curves set in place."""
    from rhizoviz.bench.probe_common import FrameClock

    win = trainer
    clock = FrameClock(win.plotter)
    win.choose_approach("conus")
    win.lift("S1", "right")
    clock.settle(quiet_s=0.1)
    ratio = win.plotter.devicePixelRatioF()
    curves = [id(c) for c in win.emg.curves]
    for rootlet in win.patient.roots[("S1", "right")]:
        x, y = win.scene.rootlet_display_position(win.scene.index[rootlet.id])
        pos = QPoint(int(round(x / ratio)), int(round(y / ratio)))
        _ms, renders = clock.timed(lambda p=pos: QTest.mousePress(win.plotter, LEFT, NONE, p),
                                   lambda p=pos: QTest.mouseRelease(win.plotter, LEFT, NONE, p))
        assert win.emg.shown_id == rootlet.id
        assert renders == 1
        _ms, renders = clock.timed(lambda: QTest.keyClick(win, Qt.Key.Key_X))
        assert rootlet in win.operation.marked
        assert renders == 1
    assert [id(c) for c in win.emg.curves] == curves


def test_presentation_enlarges_the_emg_labels_and_the_grade(trainer: Any) -> None:
    win = trainer
    win.choose_approach("conus")
    win.stimulate(win.patient.roots[("L4", "left")][0])
    before = win.emg.getPlotItem().getAxis("left").style["tickFont"].pointSizeF()
    win.set_presentation(True, fullscreen=False)
    after = win.emg.getPlotItem().getAxis("left").style["tickFont"].pointSizeF()
    assert after > before
    assert "64pt" in win.grade_label.styleSheet()
    assert win.banner.isVisible()
    win.set_presentation(False)
    assert win.emg.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() == before


def test_the_menu_opens_the_trainer_and_closing_it_returns(qtbot, session,  # noqa: ANN001
                                                           standin_meshes) -> None:
    from rhizoviz.app.main_window import MainWindow
    from rhizoviz.mesh_loader import load_spine

    main = MainWindow(session=session, meshes=(standin_meshes[0], load_spine()))
    qtbot.addWidget(main)
    main.show()
    main.command("open_trainer").trigger()
    win = main.trainer_window
    assert win is not None and win.isVisible() and not main.isVisible()
    win.choose_approach("conus")
    win.stimulate(win.patient.roots[("S1", "left")][0])
    win.toggle_mark()
    win.close()
    assert main.isVisible() and main.trainer_window is None
    # the body caught up with the trainer's cut on return, and follows the session again
    assert main.scene.state.cuts == session.state.cuts != CutSet()
    session.undo()
    assert main.scene.state.cuts == CutSet()
    main.close()


@pytest.mark.slow
def test_the_launcher_opens_the_trainer(tmp_path: Path, qapp) -> None:  # noqa: ANN001
    from PIL import Image

    from rhizoviz.app.launch import launch

    out = tmp_path / "trainer.png"
    assert launch(["--trainer", "sdr", "--seed", "5", "--approach", "conus",
                   "--screenshot", str(out), "--size", "1280x800"]) == 0
    assert Image.open(out).size == (1280, 800)


def test_the_launcher_refuses_bad_trainer_arguments(capsys) -> None:  # noqa: ANN001
    from rhizoviz.app.launch import launch

    assert launch(["--trainer", "sdr", "--seed", "x1"]) == 2
    assert "bad seed" in capsys.readouterr().err
    assert launch(["--seed", "4"]) == 2
    assert "--trainer sdr" in capsys.readouterr().err
