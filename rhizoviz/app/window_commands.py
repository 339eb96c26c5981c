"""The window's everyday commands: walk and cut the roots, undo, move the camera, page lessons.

Mixed into :class:`~rhizoviz.app.main_window.MainWindow`: each method is the target of
a row of the command table (:mod:`rhizoviz.app.shortcuts`), so a key, a menu entry and
a script all call the same method. They only send intents to the session, the level
panel, the lesson view or the scene; the window redraws from the session's signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PyQt6.QtWidgets import QMessageBox

from rhizoviz.app.shortcuts import ShortcutsDialog
from rhizoviz.core.atlas import LIGHT_TOUCH, PIN_PRICK
from rhizoviz.core.lessons import lesson_for
from rhizoviz.core.outcome import MODELS
from rhizoviz.core.report import model_sentence
from rhizoviz.core.scenario import Scenario, presets

if TYPE_CHECKING:
    from rhizoviz.app.main_window import MainWindow

VERTEBRAE = (("opaque", "Opaque"), ("translucent", "Translucent"), ("hidden", "Hidden"))


class WindowCommands:
    """Roots, edits, views, vertebrae, lessons and help (see the module docstring)."""

    # -- scenarios -----------------------------------------------------------------
    def apply_scenario(self: MainWindow, scenario: Scenario, path: str | None = None) -> None:
        """Show a scenario's cuts, from the view it asks for (if it names one)."""
        self.loaded_from = path
        self.session.apply_scenario(scenario)
        if scenario.view is not None:
            self.set_view(scenario.view)

    def apply_preset(self: MainWindow, scenario: Scenario) -> None:
        """A preset from the menu, with the lesson that teaches it beside the body."""
        self.apply_scenario(scenario)
        index = lesson_for(scenario, self.lesson_view.lessons)
        if index is not None and index != self.lesson_view.index:
            self.lesson_view.show_lesson(index)

    # -- edits and the model ---------------------------------------------------------
    def undo(self: MainWindow) -> None:
        self.session.undo()

    def redo(self: MainWindow) -> None:
        self.session.redo()

    def reset(self: MainWindow) -> None:
        self.session.reset()

    def toggle_model(self: MainWindow) -> None:
        other = MODELS[(MODELS.index(self.session.state.model) + 1) % len(MODELS)]
        self.session.set_model(other)

    # -- the keyboard's root cursor --------------------------------------------------
    def level_up(self: MainWindow) -> None:
        self.level_panel.move_selection(-1)
        self.show_cursor()

    def level_down(self: MainWindow) -> None:
        self.level_panel.move_selection(1)
        self.show_cursor()

    def select_left(self: MainWindow) -> None:
        self.level_panel.select(self.level_panel.selected[0], "left")
        self.show_cursor()

    def select_right(self: MainWindow) -> None:
        self.level_panel.select(self.level_panel.selected[0], "right")
        self.show_cursor()

    def toggle_selected(self: MainWindow) -> None:
        """Cut or restore the keyboard's root, and drop its highlight so the result shows."""
        self.level_panel.toggle_selected()
        self.clear_highlight()

    def show_cursor(self: MainWindow) -> None:
        """Walking the levels by keyboard lights the selected root in the 3D view (the
        level panel may be hidden, as in presentation mode) and names it in the status bar."""
        level, side = self.level_panel.selected
        self.scene.highlight_roots([(level, side)], render=False, kind=self.level_panel.root_kind)
        self.render_now()
        self.show_hover(self.root_status(level, side))

    # -- what a click cuts ----------------------------------------------------------
    def set_root_kind(self: MainWindow, kind: str) -> None:
        """Clicks (in the panel and the 3D view) cut ``dorsal``, ``ventral`` or ``ganglion``."""
        self.level_panel.set_root_kind(kind)

    def cycle_root_kind(self: MainWindow) -> None:
        self.level_panel.next_root_kind()

    def _on_root_kind(self: MainWindow, kind: str) -> None:
        """The panel's choice changed: the menu follows, the status bar says it, and the
        keyboard's root lights in the new kind."""
        act = self.root_kind_actions.get(kind)
        if act is not None and not act.isChecked():
            act.setChecked(True)
        level, side = self.level_panel.selected
        self.show_status(self.root_status(level, side), 4000)
        if self.scene.highlighted_roots:
            self.show_cursor()

    # -- what the skin shows -----------------------------------------------------------
    @property
    def modality(self: MainWindow) -> str:
        return self.scene.modality

    def set_modality(self: MainWindow, modality: str) -> None:
        """The skin and key points show pin prick or light touch: a recolour in place."""
        self.scene.set_modality(modality, render=False)
        self.command("toggle_modality").setChecked(modality == LIGHT_TOUCH)
        self.show_caption()
        self.render_now()

    def toggle_modality(self: MainWindow) -> None:
        self.set_modality(PIN_PRICK if self.scene.modality == LIGHT_TOUCH else LIGHT_TOUCH)

    def fraction_up(self: MainWindow) -> None:
        self.level_panel.step_fraction(10)

    def fraction_down(self: MainWindow) -> None:
        self.level_panel.step_fraction(-10)

    # -- the camera ----------------------------------------------------------------
    def set_view(self: MainWindow, name: str) -> None:
        self.scene.set_view(name, render=False)
        self.render_now()

    def view_anterior(self: MainWindow) -> None:
        self.set_view("anterior")

    def view_posterior(self: MainWindow) -> None:
        self.set_view("posterior")

    def view_left(self: MainWindow) -> None:
        self.set_view("left")

    def view_right(self: MainWindow) -> None:
        self.set_view("right")

    def view_spine(self: MainWindow) -> None:
        self.set_view("spine")

    def view_in_situ(self: MainWindow) -> None:
        self.set_view("in-situ")

    def reset_view(self: MainWindow) -> None:
        self.scene.reset_view(render=False)
        self.render_now()

    def focus_selected(self: MainWindow) -> None:
        self.scene.focus_level(self.level_panel.selected[0], render=False)
        self.render_now()

    @property
    def camera_moved(self: MainWindow) -> bool:
        """Has the user rotated, zoomed or panned since the scene last framed a view?

        The scene re-fits a preset view when the window changes shape and records the
        camera's modification time when it frames; any later change is the user's.
        """
        return bool(self.plotter.camera.GetMTime() != self.scene.framed_mtime)

    # -- vertebrae -----------------------------------------------------------------
    def set_vertebrae(self: MainWindow, mode: str) -> None:
        self.vertebrae_mode = mode
        self.scene.set_vertebrae(mode, render=False)
        for act, (key, _label) in zip(self.vertebrae_group.actions(), VERTEBRAE, strict=True):
            act.setChecked(key == mode)
        self.render_now()

    def cycle_vertebrae(self: MainWindow) -> None:
        keys = [k for k, _ in VERTEBRAE]
        self.set_vertebrae(keys[(keys.index(self.vertebrae_mode) + 1) % len(keys)])

    def toggle_dura(self: MainWindow) -> None:
        """The see-through dural sac on or off (the vertebrae setting leaves it alone)."""
        self.scene.set_dura(not self.scene.dura_visible, render=False)
        self.command("toggle_dura").setChecked(self.scene.dura_visible)
        self.render_now()

    # -- lessons -------------------------------------------------------------------
    def next_lesson(self: MainWindow) -> None:
        self.lesson_view.step(1)

    def previous_lesson(self: MainWindow) -> None:
        self.lesson_view.step(-1)

    def toggle_lesson_panel(self: MainWindow) -> None:
        """The lesson column on or off: the whole width for the 3D view when it matters."""
        self.lesson_dock.setVisible(not self.lesson_dock.isVisible())

    def focus_search(self: MainWindow) -> None:
        self.lesson_dock.show()
        self.lesson_view.search.setFocus()
        self.lesson_view.search.selectAll()

    # -- help ----------------------------------------------------------------------
    def show_shortcuts(self: MainWindow) -> None:
        dialog = ShortcutsDialog([p.name for p in presets()], self)
        dialog.exec()

    def show_about(self: MainWindow) -> None:
        models = "".join(f"<p>{model_sentence(m)}</p>" for m in MODELS)
        QMessageBox.about(
            self,
            "About rhizoviz",
            "<p><b>rhizoviz</b> teaches spinal nerve-root anatomy through dorsal rhizotomy: "
            "cut dorsal roots and see which skin loses feeling and which reflexes go.</p>"
            f"{models}<p>For teaching only, not for clinical decisions.</p>",
        )
