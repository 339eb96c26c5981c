"""Issue 5 in the app: every shortcut, presentation mode, palettes, export, --screenshot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from PyQt6.QtCore import QSettings, Qt
from PyQt6.QtGui import QGuiApplication, QImage, QKeySequence
from PyQt6.QtWidgets import QFileDialog, QInputDialog

from rhizoviz.app import shortcuts
from rhizoviz.app.launch import launch
from rhizoviz.app.shortcuts import SHORTCUTS, ShortcutsDialog, key_text, shortcuts_html
from rhizoviz.core.scenario import presets

REPO = Path(__file__).resolve().parents[2]


class Calls:
    """Stands in for a modal dialog: records that it was asked for, returns 'cancel'."""

    def __init__(self, result):  # noqa: ANN001
        self.result = result
        self.count = 0

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003
        self.count += 1
        return self.result


def press(qtbot, window, key: str) -> None:  # noqa: ANN001
    combo = QKeySequence(key)[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())


def sel(level: str, side: str = "left"):  # noqa: ANN201
    return lambda w: w.level_panel.select(level, side)


def slider(value: int):  # noqa: ANN201
    return lambda w: w.level_panel.slider.setValue(value)


def both(*steps):  # noqa: ANN002, ANN201
    return lambda w: [step(w) for step in steps]


def trainer_opened(window) -> bool:  # noqa: ANN001
    """The trainer is up and the body stepped aside; closing it brings the body back."""
    trainer = getattr(window, "trainer_window", None)
    opened = trainer is not None and trainer.isVisible() and not window.isVisible()
    if trainer is not None:
        trainer.close()
    return opened and window.isVisible()


# command -> (set-up, check); every entry of the shortcuts table must have one
CHECKS = {
    "level_up": (sel("C6"), lambda w: w.level_panel.selected == ("C5", "left")),
    "level_down": (sel("C6"), lambda w: w.level_panel.selected == ("C7", "left")),
    "select_left": (sel("C6", "right"), lambda w: w.level_panel.selected == ("C6", "left")),
    "select_right": (sel("C6"), lambda w: w.level_panel.selected == ("C6", "right")),
    "toggle_selected": (sel("C6"), lambda w: dict(w.session.state.cuts) == {("C6", "left"): 1}),
    "fraction_up": (slider(50), lambda w: w.level_panel.slider.value() == 60),
    "fraction_down": (slider(50), lambda w: w.level_panel.slider.value() == 40),
    "toggle_model": (None, lambda w: w.session.state.model == "textbook"),
    "cycle_root_kind": (
        lambda w: w.set_root_kind("dorsal"),
        lambda w: w.level_panel.root_kind == "ventral"
        and w.root_kind_actions["ventral"].isChecked(),
    ),
    "toggle_modality": (
        lambda w: w.set_modality("pin_prick"),
        lambda w: w.scene.modality == "light_touch"
        and w.command("toggle_modality").isChecked()
        and "Skin sensation \u2014 light touch" in w.scene.legend.texts,
    ),
    "undo": (lambda w: w.session.toggle("C2", "left"), lambda w: not w.session.state.cuts),
    "redo": (
        lambda w: (w.session.toggle("C2", "left"), w.session.undo()),
        lambda w: bool(w.session.state.cuts),
    ),
    "reset": (
        lambda w: w.session.toggle("C2", "left"),
        lambda w: not w.session.state.cuts and w.session.can_undo,
    ),
    "view_anterior": (lambda w: w.set_view("spine"), lambda w: w.scene.view == "anterior"),
    "view_posterior": (None, lambda w: w.scene.view == "posterior"),
    "view_left": (None, lambda w: w.scene.view == "left"),
    "view_right": (None, lambda w: w.scene.view == "right"),
    "view_spine": (None, lambda w: w.scene.view == "spine"),
    "view_in_situ": (None, lambda w: w.scene.view == "in-situ"
                     and w.scene.body_actor.GetProperty().GetOpacity() < 1.0),
    "focus_selected": (sel("T4"), lambda w: w.scene.view == "level:T4"),
    "reset_view": (lambda w: w.set_view("spine"), lambda w: w.scene.view == "anterior"),
    "toggle_dura": (None, lambda w: not w.scene.dura_visible
                    and not w.command("toggle_dura").isChecked()),
    "cycle_vertebrae": (
        lambda w: w.set_vertebrae("opaque"),
        lambda w: w.scene.vertebrae_mode == "translucent",
    ),
    "next_lesson": (lambda w: w.lesson_view.show_lesson(0), lambda w: w.lesson_view.index == 1),
    "previous_lesson": (
        lambda w: w.lesson_view.show_lesson(2),
        lambda w: w.lesson_view.index == 1,
    ),
    "focus_search": (None, lambda w: w.lesson_view.search.hasFocus()),
    "toggle_lesson_panel": (None, lambda w: not w.lesson_dock.isVisible()),
    "toggle_presentation": (None, lambda w: w.presenting and w.isFullScreen()),
    "leave_presentation": (
        lambda w: w.set_presentation(True),
        lambda w: not w.presenting and not w.isFullScreen(),
    ),
    "copy_view": (
        lambda w: QGuiApplication.clipboard().clear(),
        lambda w: not QGuiApplication.clipboard().image().isNull(),
    ),
    "export_png_dialog": (None, lambda w: w._test_calls["getItem"].count == 1),
    "save_outcome_dialog": (None, lambda w: w._test_calls["getSaveFileName"].count == 1),
    "export_worksheet_dialog": (None, lambda w: w._test_calls["getSaveFileName"].count == 1),
    "toggle_worksheet_panel": (None, lambda w: w.worksheet.view.isVisible()),
    "open_scenario_dialog": (None, lambda w: w._test_calls["getOpenFileName"].count == 1),
    "save_scenario_dialog": (None, lambda w: w._test_calls["getSaveFileName"].count == 1),
    "open_lesson_dialog": (None, lambda w: w._test_calls["getOpenFileName"].count == 1),
    "open_trainer": (None, trainer_opened),
    "show_shortcuts": (None, lambda w: w._test_calls["exec"].count == 1),
    "close": (None, lambda w: not w.isVisible()),
    "start_quiz": (None, lambda w: w.quiz_mode.dock.isVisible()),
    "quiz_submit": (
        lambda w: w.quiz_mode.begin(3, "starter", ["which-roots"], 2),
        lambda w: w.quiz_mode.phase == "answered",
    ),
    "quiz_reveal": (
        lambda w: w.quiz_mode.begin(3, "starter", ["which-roots"], 2),
        lambda w: w.quiz_mode.phase == "revealed",
    ),
    "quiz_toggle_truth": (
        lambda w: (w.quiz_mode.begin(3, "starter", ["which-roots"], 2), w.quiz_mode.quiz_submit()),
        lambda w: w.quiz_mode.showing == "yours",
    ),
    "start_case": (None, lambda w: w.case_mode.dock.isVisible()),
    "case_next_step": (
        lambda w: w.case_mode.open_case("occipital-neuralgia"),
        lambda w: w.case_mode.step_name == "examination",
    ),
    "case_previous_step": (
        lambda w: (w.case_mode.open_case("occipital-neuralgia"), w.case_mode.show_step(2)),
        lambda w: w.case_mode.step_name == "examination",
    ),
}


def test_every_shortcut_in_the_table_is_checked():
    assert {s.command for s in SHORTCUTS} == set(CHECKS)
    keys = [k for s in SHORTCUTS for k in s.keys]
    assert len(keys) == len(set(keys)), "a key is bound twice"


def test_help_dialog_lists_every_shortcut(qtbot):  # noqa: ANN001
    names = [p.name for p in presets()]
    dialog = ShortcutsDialog(names)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for s in SHORTCUTS:
        assert s.what in text
        for k in s.keys:
            assert key_text(k) in text
    assert names[0] in text and key_text("Ctrl+1") in text
    assert "<table" in shortcuts_html(names)


def test_each_shortcut_does_what_the_dialog_says(qtbot, window, monkeypatch):  # noqa: ANN001
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, Calls(("", "")))
    monkeypatch.setattr(QInputDialog, "getItem", Calls(("", False)))
    monkeypatch.setattr(ShortcutsDialog, "exec", Calls(0))
    window._test_calls = {
        "getSaveFileName": QFileDialog.getSaveFileName,
        "getOpenFileName": QFileDialog.getOpenFileName,
        "getItem": QInputDialog.getItem,
        "exec": ShortcutsDialog.exec,
    }
    for entry in SHORTCUTS:
        for key in entry.keys:
            if entry.command == "close":
                continue  # last, below
            window.set_presentation(False)
            window.quiz_mode.stop_quiz()
            window.case_mode.stop_case()
            window.lesson_dock.show()
            window.session.reset()
            window.session.set_model("overlap")
            for calls in window._test_calls.values():
                calls.count = 0
            setup, check = CHECKS[entry.command]
            if setup is not None:
                setup(window)
            window.activateWindow()
            window.plotter.setFocus()
            press(qtbot, window, key)
            assert check(window), f"{key} did not: {entry.what}"
    window.set_presentation(False)
    press(qtbot, window, "Ctrl+Q")
    assert CHECKS["close"][1](window)


def test_keyboard_cursor_is_lit_in_3d_until_acted_on(qtbot, window):  # noqa: ANN001
    window.level_panel.select("C6", "left")
    window.plotter.setFocus()
    press(qtbot, window, "Down")
    assert window.scene.highlighted_roots == (("C7", "left"),)
    assert "Left C7 dorsal root" in window.hover_label.text()
    press(qtbot, window, "Space")
    assert dict(window.session.state.cuts) == {("C7", "left"): 1.0}
    assert window.scene.highlighted_roots == ()  # the red of the cut shows, not the cursor


def test_arrow_keys_stay_in_a_text_field(qtbot, window):  # noqa: ANN001
    window.level_panel.select("C6", "left")
    window.lesson_view.search.setFocus()
    qtbot.keyClicks(window.lesson_view.search, "C6 1")
    assert window.lesson_view.search.text() == "C6 1"
    assert window.scene.view == "anterior" and not window.session.state.cuts


def test_presentation_mode(qtbot, window):  # noqa: ANN001
    window.apply_scenario(presets()[0])
    window.worksheet.toggle_worksheet_panel()
    assert window.worksheet.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presenting and window.isFullScreen()
    assert not window.level_dock.isVisible() and not window.outcome_dock.isVisible()
    assert not window.worksheet.dock.isVisible()  # A4 type, unreadable from the back row
    assert window.lesson_dock.isVisible()
    assert window.lesson_view.browser.font().pointSizeF() >= 24
    assert not window.menuBar().isVisible()
    assert window.scene.presentation
    assert window.current_palette().name == "high-contrast"
    assert presets()[0].name in window.caption_text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presenting and not window.isFullScreen()
    assert window.level_dock.isVisible() and window.outcome_dock.isVisible()
    assert window.worksheet.dock.isVisible()  # the docks as they were
    assert window.menuBar().isVisible()
    assert window.current_palette().name == "default"
    assert not window.scene.presentation


def legend_pixels(window) -> np.ndarray:  # noqa: ANN001
    """The top-right corner of the 3D view, where the legend is drawn."""
    img = window.view_image().convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits().asstring(img.sizeInBytes()), np.uint8)
    arr = arr.reshape(h, img.bytesPerLine())[:, : 3 * w].reshape(h, w, 3)
    return arr[: h // 3, int(w * 0.7) :].copy()


def test_palette_changes_legend_pixels_and_is_remembered(qtbot, window, standin_meshes):  # noqa: ANN001
    before = legend_pixels(window)
    okabe = next(a for n, a in window.palette_actions.items() if n == "okabe-ito")
    okabe.trigger()
    after = legend_pixels(window)
    assert (before != after).any(axis=2).sum() > 100
    assert window.scene.palette.name == "okabe-ito"
    assert QSettings().value("palette") == "okabe-ito"
    window.close()
    from rhizoviz.app.main_window import MainWindow

    again = MainWindow(meshes=standin_meshes)
    qtbot.addWidget(again)
    assert again.scene.palette.name == "okabe-ito"
    assert again.palette_actions["okabe-ito"].isChecked()
    again.close()


def test_export_png_at_a_chosen_size(qtbot, window, tmp_path, monkeypatch):  # noqa: ANN001
    window.session.cut_range("C5", "C7", ("left",), 1.0)
    out = tmp_path / "fig.png"
    monkeypatch.setattr(QInputDialog, "getItem", Calls(("1280x720", True)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", Calls((str(out), "")))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)


def test_export_keeps_a_users_own_angle(qtbot, window):  # noqa: ANN001
    window.set_view("posterior")
    assert not window.camera_moved
    window.resize(1000, 700)  # the scene re-fits the preset: still not the user's angle
    qtbot.wait(50)
    window.render_sync()
    assert not window.camera_moved
    window.plotter.camera.Azimuth(30)
    assert window.camera_moved
    window.reset_view()
    assert not window.camera_moved


def test_presentation_lesson_colours_are_light_on_dark(qtbot, window):  # noqa: ANN001
    window.set_presentation(True, fullscreen=False)
    css = window.lesson_view.browser.document().defaultStyleSheet()
    assert "#8fd3ff" in css  # links readable on black
    window.set_presentation(False)
    assert "#8fd3ff" not in window.lesson_view.browser.document().defaultStyleSheet()


def test_export_dialog_reads_sizes_by_the_one_grammar(qtbot, window, tmp_path, monkeypatch):  # noqa: ANN001
    """A typed size out of range is refused in one line before a file is asked for; a
    typed size in range (any orientation, '×' too) is the figure's size."""
    from PyQt6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    ask_file = Calls((str(tmp_path / "fig.png"), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask_file)
    monkeypatch.setattr(QInputDialog, "getItem", Calls(("4000x3000", True)))
    window.export_png_dialog()
    assert len(warnings) == 1 and "at most 3840x2160" in warnings[0]
    assert ask_file.count == 0 and not (tmp_path / "fig.png").exists()

    monkeypatch.setattr(QInputDialog, "getItem", Calls(("360×480", True)))
    ask_file.result = (str(tmp_path / "portrait"), "")  # no suffix: .png is added
    window.export_png_dialog()
    img = QImage(str(tmp_path / "portrait.png"))
    assert (img.width(), img.height()) == (360, 480) and not warnings[1:]


def test_copy_view_and_save_outcome_text(qtbot, window, tmp_path):  # noqa: ANN001
    window.session.cut_range("C5", "C7", ("left",), 1.0)
    window.copy_view()
    image = QGuiApplication.clipboard().image()
    ratio = window.plotter.devicePixelRatioF()
    assert image.width() == round(window.plotter.width() * ratio)
    out = tmp_path / "outcome.txt"
    assert window.save_outcome_text(str(out))
    text = out.read_text()
    assert "C6: absent" in text and "Biceps" in text and text.startswith("Custom cuts")


def test_launch_rejects_bad_arguments(capsys):  # noqa: ANN001
    assert launch(["--bogus"]) == 2
    assert launch(["--scenario", "/nonexistent/x.json"]) == 2
    assert launch(["--screenshot", "/tmp/x.jpg"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("rhizoviz: error:") for line in err)


def test_launch_on_broken_meshes_says_so_in_one_line(qapp, tmp_path, monkeypatch, capsys):  # noqa: ANN001
    import rhizoviz.scene.render as render

    def broken():  # noqa: ANN202
        raise render.RenderError("cannot load the meshes: /x/body.ply: not a PLY file")

    monkeypatch.setattr(render, "load_meshes", broken)
    out = tmp_path / "shot.png"
    assert launch(["--screenshot", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["rhizoviz: error: cannot load the meshes: /x/body.ply: not a PLY file"]
    assert not out.exists()


def test_an_unexpected_error_is_reported_not_fatal(qtbot, monkeypatch, capsys):  # noqa: ANN001
    from PyQt6.QtWidgets import QMessageBox

    from rhizoviz.app.launch import _report_unexpected

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    try:
        raise RecursionError("maximum recursion depth exceeded")
    except RecursionError as exc:
        _report_unexpected(None)(type(exc), exc, exc.__traceback__)
    assert "RecursionError: maximum recursion depth" in shown[0][2]
    assert "Traceback" in capsys.readouterr().err


def test_screenshot_option_writes_the_whole_window(tmp_path):
    """`rhizoviz --scenario F --screenshot OUT` in a fresh process, on the shipped meshes."""
    out = tmp_path / "shot.png"
    preset = REPO / "rhizoviz" / "core" / "data" / "presets" / "02-c5-c7.json"
    env_settings = tmp_path / "cfg"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "rhizoviz",
            "--scenario",
            str(preset),
            "--screenshot",
            str(out),
            "--size",
            "1200x800",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,  # `-m rhizoviz` from the checkout, not an installed copy
        env={**__import__("os").environ, "XDG_CONFIG_HOME": str(env_settings)},
    )
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1200, 800)


del shortcuts


def test_start_up_is_set_aside_from_the_collector_after_the_first_frame(qtbot, window) -> None:  # noqa: ANN001
    """Full collections would walk everything start-up built (~70 ms each); frozen
    once the first frame is shown, they walk only what came after."""
    import gc

    from rhizoviz.app.launch import freeze_after_first_frame

    try:
        gc.unfreeze()
        freeze_after_first_frame(window)
        assert gc.get_freeze_count() == 0  # nothing before a frame
        with qtbot.waitSignal(window.plotter.frameSwapped, timeout=5000):
            window.render_now()
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5000)
        frozen = gc.get_freeze_count()
        assert frozen > 1000
        with qtbot.waitSignal(window.plotter.frameSwapped, timeout=5000):
            window.render_now()  # later frames freeze nothing more: it ran once
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()  # the other tests' windows must stay collectable
