"""The worksheet dock in the window: it follows the cuts, paints only when shown, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt6.QtWidgets import QMessageBox

from rhizoviz.app.shortcuts import by_command
from rhizoviz.core.cuts import CutSet, parse_spec
from rhizoviz.core.exam import worksheet_from_outcome
from rhizoviz.core.outcome import evaluate


def cuts_of(*specs: str) -> list:
    return [c for s in specs for c in parse_spec(s)]


def show_worksheet(window, qtbot) -> None:  # noqa: ANN001
    window.worksheet.toggle_worksheet_panel()
    qtbot.waitUntil(window.worksheet.view.isVisible, timeout=3000)


def test_the_dock_shows_the_core_worksheet_after_each_cut(window, qtbot) -> None:  # noqa: ANN001
    show_worksheet(window, qtbot)
    canvas = window.worksheet.view.canvas
    for specs in (("left:C5-C7",), ("ventral:left:L5",), ("ganglion:right:C2", "both:L2-S1@0.4")):
        window.session.apply_cuts(cuts_of(*specs), name=" + ".join(specs))
        window.flush_panels()
        model = window.session.state.model
        expected = worksheet_from_outcome(evaluate(CutSet(cuts_of(*specs)), model))
        assert canvas.sheet == expected
        assert canvas.info is not None and canvas.info.name == " + ".join(specs)
    qtbot.waitUntil(lambda: canvas.paints > 0, timeout=3000)


def test_left_c5_c7_and_ventral_l5_on_the_dock(window, qtbot) -> None:  # noqa: ANN001
    show_worksheet(window, qtbot)
    window.session.apply_cuts(cuts_of("left:C5-C7"))
    window.flush_panels()
    sheet = window.worksheet.view.canvas.sheet
    assert sheet.left.pin_prick["C6"] == 0 and sheet.left.light_touch["C6"] == 1
    assert sheet.right.pin_prick["C6"] == 2 and sheet.left.motor["C6"] == 5
    window.session.apply_cuts(cuts_of("ventral:left:L5"))
    window.flush_panels()
    sheet = window.worksheet.view.canvas.sheet
    assert sheet.left.motor["L5"] <= 3
    assert sheet.lower_motor_total.left == 25 - (5 - sheet.left.motor["L5"]) - sum(
        5 - sheet.left.motor[lv] for lv in ("L2", "L3", "L4", "S1"))
    assert sheet.motor_total.total < 100 and sheet.light_touch_total.total == 112


def test_a_hidden_dock_does_not_paint_and_catches_up_when_shown(window, qtbot) -> None:  # noqa: ANN001
    view = window.worksheet.view
    assert not view.isVisible()  # hidden until asked for
    paints = view.canvas.paints
    window.session.apply_cuts(cuts_of("left:C5-C7"))
    window.flush_panels()
    assert view.stale and view.canvas.paints == paints
    show_worksheet(window, qtbot)
    assert not view.stale
    assert view.canvas.sheet.left.pin_prick["C6"] == 0
    window.worksheet.toggle_worksheet_panel()
    assert not view.isVisible()


def test_the_dock_opens_wide_enough_to_read(window, qtbot) -> None:  # noqa: ANN001
    show_worksheet(window, qtbot)
    view = window.worksheet.view
    qtbot.waitUntil(lambda: window.worksheet.dock.width() >= min(
        view.natural_width(), int(window.width() * 0.55)) - 8, timeout=3000)
    assert view.canvas.scale >= 1.3


def test_export_menu_entry_and_keys_come_from_the_table(window) -> None:  # noqa: ANN001
    rows = by_command()
    assert rows["export_worksheet_dialog"].keys == ("Ctrl+Shift+E",)
    assert rows["toggle_worksheet_panel"].keys == ("W",)
    action = window.command("export_worksheet_dialog")
    assert action.isEnabled() and action.text() == "Export &worksheet…"
    file_menu = window.command_actions.menu("File")
    assert action in file_menu.actions()
    view_menu = window.command_actions.menu("View")
    assert window.worksheet.dock.toggleViewAction() in view_menu.actions()


def test_export_writes_pdf_and_png_of_the_current_cuts(window, tmp_path: Path) -> None:  # noqa: ANN001
    import pypdf

    window.session.apply_cuts(cuts_of("left:C5-C7"), name="Thumb test")
    assert window.worksheet.export_worksheet(str(tmp_path / "w.pdf"))
    assert window.worksheet.export_worksheet(str(tmp_path / "w.png"))
    page = pypdf.PdfReader(tmp_path / "w.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "Thumb test" in " ".join(page.extract_text().split())  # words come tab-separated
    assert (tmp_path / "w.png").stat().st_size > 10_000
    assert "Saved the worksheet" in window.statusBar().currentMessage()


@pytest.mark.parametrize("name", ["w.txt", "nowhere/w.pdf"])
def test_export_errors_are_one_line_and_keep_the_state(window, tmp_path: Path, monkeypatch,  # noqa: ANN001
                                                      name: str) -> None:
    tmp_path = tmp_path / "out"  # beside the test's settings folder
    tmp_path.mkdir()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.session.apply_cuts(cuts_of("left:C6"))
    state = window.session.state
    assert not window.worksheet.export_worksheet(str(tmp_path / name))
    assert len(shown) == 1 and "\n" not in shown[0] and name.split("/")[0] in shown[0]
    assert window.session.state == state and list(tmp_path.iterdir()) == []
