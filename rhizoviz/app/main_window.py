"""The main window: the 3D view in the middle, level panel, outcome and lesson beside it.

The window owns one :class:`QtSession` and hands it to every panel; panels subscribe
and send intents. The 3D view is a pyvistaqt ``QtInteractor`` embedded as a child,
drawn by :class:`rhizoviz.scene.AnatomyScene`, which recolours its scalars in place:
a cut never rebuilds a mesh or re-reads a file. The interactor's auto-update timer is
off (on software OpenGL it would burn a core re-rendering an unchanged frame); the
window renders when the state, the view or the palette changes.

A change of the session draws the body first and the panels right after: the window
recolours the scene and asks for the 3D frame, and refreshes the level and outcome
panels once that frame is on screen (or at once when the view cannot draw). Refreshing
them before the frame delayed the body by about 9 ms on software OpenGL; they now
follow it by about 15 ms (``rhizoviz bench`` reports both times).

Every keyboard shortcut comes from :mod:`rhizoviz.app.shortcuts`, the same table the
Help dialog shows.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PyQt6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QRect,
    QSettings,
    Qt,
    QTimer,
    pyqtSignal,
)
from PyQt6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QShowEvent,
)
from PyQt6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)
from pyvistaqt import QtInteractor

from rhizoviz.app import export
from rhizoviz.app.lesson_view import LessonView
from rhizoviz.app.level_panel import LevelPanel
from rhizoviz.app.outcome_panel import OutcomePanel
from rhizoviz.app.session_qt import QtSession
from rhizoviz.app.shortcuts import PRESET_KEYS, ShortcutsDialog, by_command
from rhizoviz.app.view3d import PointerWatcher
from rhizoviz.core.lessons import lesson_for
from rhizoviz.core.outcome import MODELS
from rhizoviz.core.scenario import (
    MAX_NAME_CHARS,
    Scenario,
    ScenarioError,
    load_scenario,
    presets,
    save_scenario,
)
from rhizoviz.core.session import State
from rhizoviz.scene.palette import DEFAULT_PALETTE, PALETTES, Palette, get_palette
from rhizoviz.scene.render import default_caption

MODEL_SENTENCE = (
    "Overlap (Sherrington, Foerster): each dermatome is also supplied by the roots just above "
    "and below it, so cutting one root only dulls its skin; textbook: one root, one "
    "dermatome, so cutting one root leaves a numb band."
)
VIEWS: tuple[tuple[str, str], ...] = (
    ("anterior", "&Anterior"),
    ("posterior", "&Posterior"),
    ("left", "&Left"),
    ("right", "&Right"),
    ("spine", "&Spine from behind"),
)
VERTEBRAE = (("opaque", "Opaque"), ("translucent", "Translucent"), ("hidden", "Hidden"))
SCENARIO_FILTER = "rhizoviz scenarios (*.json);;All files (*)"
PRESENTATION_PALETTE = "high-contrast"
PRESENTATION_TEXT_PT = 24  # lesson text; readable from the back of a hall at 1080p
PRESENTATION_CONTROL_PT = 18
PRESENTATION_STYLE = """
QWidget { background: #000000; color: #ffffff; }
QTextBrowser { background: #000000; color: #ffffff; border: none; }
QPushButton, QComboBox, QLineEdit { background: #202020; color: #ffffff;
    border: 2px solid #ffffff; padding: 6px; }
QToolBar QToolButton { color: #ffffff; padding: 6px 10px; }
QDockWidget::title { background: #202020; padding: 6px; }
"""
EXPORT_SIZES = ("1920x1080", "2560x1440", "3840x2160", "1280x720", "window")
PANELS_LATEST_MS = 500  # the panels catch up by then even if no frame is drawn


def _elide(text: str, limit: int = 80) -> str:
    """A scenario name short enough for a title bar or a caption (files may hold any)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _file_title(path: str) -> str:
    """A scenario name from a file name: 'left-c6.json' -> 'left-c6', one line, not too long."""
    stem = "".join(ch if ch.isprintable() else " " for ch in Path(path).stem).strip()
    return stem[:MAX_NAME_CHARS] or "Saved cuts"


class MainWindow(QMainWindow):
    """The teaching app's window; see the module docstring for how the parts connect."""

    panelsRefreshed = pyqtSignal()  # noqa: N815 - the panels caught up with a change (timing)

    def __init__(
        self,
        scenario: Scenario | None = None,
        scenario_path: str | None = None,
        session: QtSession | None = None,
        meshes: tuple[Any, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session or QtSession(parent=self)
        self.loaded_from: str | None = None
        self.presenting = False
        self._closed = False
        self._normal_palette = self._saved_palette()
        self._before_presentation: QByteArray | None = None

        self.plotter = QtInteractor(self, multi_samples=0, auto_update=False)
        # A native window of its own: a frame of the view is composited and swapped at
        # the view's size, not with the whole 1280×720 window around it (about 4 ms a
        # cut on software OpenGL, measured with ``rhizoviz bench``), and a panel
        # repainting no longer drags the view into its flush.
        self.plotter.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setCentralWidget(self.plotter)
        # Qt paints an OpenGL widget at once on every resize, shown or not: before the
        # window's first paint (sized, docks laid out) the scene is not drawn, or start-up
        # would render two frames nobody sees (about 0.2 s on software OpenGL).
        self.plotter.renderer.SetDraw(False)
        self.scene = self._build_scene(self._normal_palette, meshes)
        self.vertebrae_mode = self.scene.vertebrae_mode
        # the camera a preset view left; if it still holds, exports frame the preset afresh
        self._preset_camera = self.plotter.camera_position
        self.pointer = PointerWatcher(self.plotter, self)
        self.pointer.clicked.connect(self.click_at)
        self.pointer.hovered.connect(self.hover_at)
        self.pointer.left.connect(lambda: self._show_hover(""))
        self.plotter.installEventFilter(self)  # keep VTK's own one-letter keys away

        self.level_panel = LevelPanel(self.session, follow=False)
        self.outcome_panel = OutcomePanel(self.session, follow=False)
        self._panels_due = False
        self._selection_untold = False  # a selection waiting for the panels to be told
        self._panels_timer = QTimer(self)
        self._panels_timer.setSingleShot(True)
        self._panels_timer.setInterval(PANELS_LATEST_MS)
        self._panels_timer.timeout.connect(self.flush_panels)
        # queued: every other listener of the swap (a frame clock) sees it first
        self.plotter.frameSwapped.connect(
            lambda: QTimer.singleShot(0, self.flush_panels) if self._panels_due else None)
        self.lesson_view = LessonView(self.session)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.level_dock = self._dock("Levels", self.level_panel, left)
        self.lesson_dock = self._dock("Lesson", self.lesson_view, right)
        self.outcome_dock = self._dock("Outcome", self.outcome_panel, right)
        self.splitDockWidget(self.lesson_dock, self.outcome_dock, Qt.Orientation.Vertical)
        self.level_panel.selectionChanged.connect(self._on_level_selected)
        self.lesson_view.statusMessage.connect(self._status)
        self.lesson_view.lessonChanged.connect(lambda _title: self._update_chrome())

        self.status_label = QLabel()
        self.hover_label = QLabel()
        bar = self.statusBar()
        assert bar is not None
        # Permanent widgets sit on the right and are never painted over by the
        # transient messages (look-ups, "Saved ...") shown on the left.
        bar.addPermanentWidget(self.hover_label)
        bar.addPermanentWidget(self.status_label)

        self.actions_by_command: dict[str, QAction] = {}
        self._build_menus()
        self.session.changed.connect(self._on_state)
        self._apply_palette_to_panels(get_palette(self._normal_palette))
        self._restore_settings()
        if scenario is not None:
            self.apply_scenario(scenario, scenario_path)
        self._on_state(self.session.state)

    # -- construction ------------------------------------------------------
    def _build_scene(self, palette: str, meshes: tuple[Any, Any] | None) -> Any:
        """Load the meshes once (the shipped ones unless given) and build the actors."""
        from rhizoviz.scene import AnatomyScene

        if meshes is None:
            from rhizoviz.mesh_loader import load_body, load_spine

            meshes = (load_body(), load_spine())
        self.body, self.spine = meshes
        scene = AnatomyScene(self.plotter, self.body, self.spine, palette)
        scene.update(self.session.state, render=False)
        return scene

    def _saved_palette(self) -> str:
        name = str(QSettings().value("palette", DEFAULT_PALETTE))
        return name if name in PALETTES else DEFAULT_PALETTE

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def command(self, name: str, text: str | None = None) -> QAction:
        """The one QAction for a command, with its keys from the shortcuts table."""
        if name in self.actions_by_command:
            return self.actions_by_command[name]
        entry = by_command().get(name)
        action = QAction(text or (entry.what if entry else name), self)
        if entry is not None:
            action.setShortcuts([QKeySequence(k) for k in entry.keys])
            action.setToolTip(f"{entry.what} ({QKeySequence(entry.keys[0]).toString()})")
        action.triggered.connect(lambda _=False, n=name: getattr(self, n)())
        self.addAction(action)  # keys work even with the menu bar hidden (presentation)
        self.actions_by_command[name] = action
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        assert menu is not None
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.command("open_scenario_dialog", "&Open scenario…"))
        file_menu.addAction(self.command("save_scenario_dialog", "&Save scenario…"))
        file_menu.addAction(self.command("open_lesson_dialog", "Open &lesson…"))
        file_menu.addSeparator()
        file_menu.addAction(self.command("copy_view", "&Copy view to clipboard"))
        file_menu.addAction(self.command("export_png_dialog", "Save &figure as PNG…"))
        file_menu.addAction(self.command("save_outcome_dialog", "Save outcome as &text…"))
        file_menu.addSeparator()
        file_menu.addAction(self.command("close", "&Quit"))

        edit = menu.addMenu("&Edit")
        self.undo_action = self.command("undo", "&Undo")
        edit.addAction(self.undo_action)
        self.redo_action = self.command("redo", "&Redo")
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.command("reset", "Reset: restore &every root"))

        scen = menu.addMenu("S&cenarios")
        for i, preset in enumerate(presets()):
            act = QAction(preset.name, self)
            act.setStatusTip(preset.description)
            if i < 9:
                act.setShortcut(QKeySequence(PRESET_KEYS.format(n=i + 1)))
            act.triggered.connect(lambda _=False, p=preset: self.apply_preset(p))
            self.addAction(act)
            scen.addAction(act)

        view = menu.addMenu("&View")
        for key, label in VIEWS:
            view.addAction(self.command(f"view_{key}", label))
        view.addAction(self.command("focus_selected", "Close-up of the selected &level"))
        view.addAction(self.command("reset_view", "Reset &view"))
        view.addSeparator()
        vert = view.addMenu("&Vertebrae")
        self.vertebrae_group = QActionGroup(self)
        for key, label in VERTEBRAE:
            act = QAction(label, self, checkable=True)
            act.setChecked(key == self.vertebrae_mode)
            act.triggered.connect(lambda _=False, k=key: self.set_vertebrae(k))
            self.vertebrae_group.addAction(act)
            vert.addAction(act)
        vert.addAction(self.command("cycle_vertebrae", "Next vertebrae setting"))
        pal_menu = view.addMenu("&Palette")
        self.palette_group = QActionGroup(self)
        self.palette_actions: dict[str, QAction] = {}
        for name, palette in PALETTES.items():
            act = QAction(palette.label, self, checkable=True)
            act.setChecked(name == self._normal_palette)
            act.triggered.connect(lambda _=False, n=name: self.set_palette(n))
            self.palette_group.addAction(act)
            pal_menu.addAction(act)
            self.palette_actions[name] = act
        view.addSeparator()
        view.addAction(self.command("toggle_presentation", "&Presentation mode"))
        self.command("toggle_presentation").setCheckable(True)
        for dock in (self.level_dock, self.lesson_dock, self.outcome_dock):
            view.addAction(dock.toggleViewAction())

        model_menu = menu.addMenu("&Model")
        self.model_group = QActionGroup(self)
        self.model_actions: dict[str, QAction] = {}
        for model in MODELS:
            act = QAction(f"{model.capitalize()} model", self, checkable=True)
            act.setStatusTip(MODEL_SENTENCE)
            act.setToolTip(MODEL_SENTENCE)
            act.setIconText(model.capitalize())
            act.triggered.connect(lambda _=False, m=model: self.session.set_model(m))
            self.model_group.addAction(act)
            model_menu.addAction(act)
            self.model_actions[model] = act
        model_menu.addAction(self.command("toggle_model", "Switch model"))
        model_menu.addSeparator()
        note = model_menu.addAction(MODEL_SENTENCE)
        if note is not None:
            note.setEnabled(False)

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.command("show_shortcuts", "&Keyboard shortcuts"))
        about = QAction("&About rhizoviz", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

        # Commands with keys but no menu entry still need their QAction.
        for name in by_command():
            self.command(name)

        tools = QToolBar("Tools", self)
        tools.setObjectName("toolbar-main")
        self.addToolBar(tools)
        for key, _label in VIEWS:
            tools.addAction(self.command(f"view_{key}"))
        tools.addAction(self.command("focus_selected"))
        tools.addAction(self.command("reset_view"))
        tools.addAction(self.command("cycle_vertebrae"))
        tools.addSeparator()
        for model in MODELS:
            tools.addAction(self.model_actions[model])
        tools.addSeparator()
        tools.addAction(self.undo_action)
        tools.addAction(self.redo_action)
        tools.addSeparator()
        tools.addAction(self.command("toggle_presentation"))
        self.toolbar = tools
        for key, label in VIEWS:  # short toolbar labels; menus keep the long ones
            self.command(f"view_{key}").setIconText(label.replace("&", "").split()[0])
        self.command("reset_view").setIconText("Reset view")
        self.command("focus_selected").setIconText("Close-up")
        self.command("cycle_vertebrae").setIconText("Vertebrae")
        self.command("toggle_presentation").setIconText("Present (F5)")

    # -- state -> view -----------------------------------------------------
    def _on_state(self, state: State) -> None:
        """Recolour the scene in place and ask for one frame; the panels follow it."""
        if self._closed:
            return
        self.scene.update(state, render=False)
        self._show_caption()
        self.render_now()
        self._update_actions()
        # The status line follows with the panels: repainting it now would put a repaint
        # of the window around the view before the view's own frame.
        self._panels_due = True
        if self.plotter.isVisible():
            self._panels_timer.start()
        else:
            self.flush_panels()

    @property
    def panels_current(self) -> bool:
        """Do the level and outcome panels show the session's state yet?"""
        return not self._panels_due

    def flush_panels(self) -> None:
        """Show the session's state in the level and outcome panels now, if they lag.

        Runs by itself right after the 3D frame; call it before reading the panels
        without letting the event loop run.
        """
        if not self._panels_due or self._closed:
            return
        self._panels_due = False
        self._panels_timer.stop()
        state = self.session.state
        self.level_panel.refresh(state)
        self.outcome_panel.refresh(state)
        self._update_status_line()
        self._retell_selected_root()
        self.panelsRefreshed.emit()

    def _retell_selected_root(self) -> None:
        """Say what the selected root is now: a click that selected it cut it too."""
        bar = self.statusBar()
        level, side = self.level_panel.selected
        told = bar is not None and bar.currentMessage().startswith(f"{side.capitalize()} {level} ")
        if told or self._selection_untold:
            self._selection_untold = False
            self._status(self._describe_root(level, side), 4000)
        if self.hover_label.text().startswith(f"{side.capitalize()} {level} "):
            self._show_hover(self._describe_root(level, side))

    def _update_chrome(self) -> None:
        """Window title, status line, undo/redo and model menus from the session."""
        self._update_actions()
        self._update_status_line()

    def _update_actions(self) -> None:
        """Window title, undo/redo and model menus: right at once, so keys act on them."""
        state = self.session.state
        with_file = f" ({Path(self.loaded_from).name})" if self.loaded_from else ""
        self.setWindowTitle(f"rhizoviz: {_elide(state.name)}{with_file}")
        self.undo_action.setEnabled(self.session.can_undo)
        self.redo_action.setEnabled(self.session.can_redo)
        act = self.model_actions[state.model]
        if not act.isChecked():
            act.setChecked(True)

    def _update_status_line(self) -> None:
        """The permanent status line: scenario, how many roots are cut, model, lesson."""
        state = self.session.state
        n = len(state.cuts)
        cuts = "no roots cut" if n == 0 else f"{n} root{'s' if n != 1 else ''} cut"
        lesson = self.lesson_view.current_title()
        self.status_label.setText(
            f"Scenario: {_elide(state.name)} · {cuts} · {state.model} model"
            + (f" · lesson: {lesson}" if lesson else "")
        )

    def caption_text(self) -> str:
        """The caption over the 3D view: the words ``rhizoviz render`` writes."""
        state = self.session.state
        return default_caption(replace(state, name=_elide(state.name)), self.session.atlas)

    def _show_caption(self) -> bool:
        """Show the full caption, or only the scenario's name and model where it would not fit.

        Presentation mode always uses the short form: the view is narrower and the text
        larger there, and the lesson beside it says what was cut. Returns whether the
        caption on screen changed.
        """
        actor = getattr(self.scene, "caption_actor", None)
        before = actor.GetInput() if actor is not None else None
        self.scene.set_caption(self.caption_text(), render=False)
        state = self.session.state
        if state.has_own_name and (self.presenting or self._caption_overflows()):
            self.scene.set_caption(f"{_elide(state.name)}  ·  {state.model} model", render=False)
        return actor is not None and actor.GetInput() != before

    def _caption_overflows(self) -> bool:
        """Would the caption run into the legend? (The scene lays both out; we only look.)"""
        actor = getattr(self.scene, "caption_actor", None)
        rect = getattr(getattr(self.scene, "legend", None), "rect", None)
        if actor is None or not rect or not rect[2]:
            return False
        renderer = self.plotter.renderer
        box = [0.0, 0.0, 0.0, 0.0]
        actor.GetBoundingBox(renderer, box)
        left = actor.GetPositionCoordinate().GetComputedDisplayValue(renderer)[0]
        return left + (box[1] - box[0]) > rect[0] - 8

    def _refit_caption(self) -> None:
        if not self._closed and self._show_caption():
            self.render_now()

    def render_now(self) -> None:
        """Ask for one new frame of the 3D view (the interactor has no auto-update timer).

        ``update()`` schedules a single paint; ``plotter.render()`` would draw once now
        and again when the widget repaints, doubling the cost on software OpenGL.
        """
        if not self._closed:
            self.plotter.update()

    def render_sync(self) -> None:
        """Draw the 3D view before returning: for screenshots and exports."""
        if not self._closed:
            self.plotter.renderer.SetDraw(True)
            self.plotter.render()

    def event(self, event: QEvent | None) -> bool:
        """The window's first paint is the first frame worth drawing the scene for."""
        if event is not None and event.type() == QEvent.Type.UpdateRequest:
            self.plotter.renderer.SetDraw(True)
        return super().event(event)

    def _status(self, text: str, timeout_ms: int = 8000) -> None:
        bar = self.statusBar()
        if bar is not None:
            bar.showMessage(text, timeout_ms)

    # -- commands ------------------------------------------------------------
    def apply_scenario(self, scenario: Scenario, path: str | None = None) -> None:
        """Show a scenario's cuts, from the view it asks for (if it names one)."""
        self.loaded_from = path
        self.session.apply_scenario(scenario)
        if scenario.view is not None:
            self.set_view(scenario.view)

    def apply_preset(self, scenario: Scenario) -> None:
        """A preset from the menu, with the lesson that teaches it beside the body."""
        self.apply_scenario(scenario)
        index = lesson_for(scenario, self.lesson_view.lessons)
        if index is not None and index != self.lesson_view.index:
            self.lesson_view.show_lesson(index)

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def reset(self) -> None:
        self.session.reset()

    def toggle_model(self) -> None:
        other = MODELS[(MODELS.index(self.session.state.model) + 1) % len(MODELS)]
        self.session.set_model(other)

    def level_up(self) -> None:
        self.level_panel.move_selection(-1)
        self._show_cursor()

    def level_down(self) -> None:
        self.level_panel.move_selection(1)
        self._show_cursor()

    def select_left(self) -> None:
        self.level_panel.select(self.level_panel.selected[0], "left")
        self._show_cursor()

    def select_right(self) -> None:
        self.level_panel.select(self.level_panel.selected[0], "right")
        self._show_cursor()

    def toggle_selected(self) -> None:
        """Cut or restore the keyboard's root, and drop its highlight so the result shows."""
        self.level_panel.toggle_selected()
        if self.scene.highlighted_roots:
            self.scene.highlight_roots([], render=False)
            self.render_now()

    def _show_cursor(self) -> None:
        """Walking the levels by keyboard lights the selected root in the 3D view (the
        level panel may be hidden, as in presentation mode) and names it in the status bar."""
        level, side = self.level_panel.selected
        self.scene.highlight_roots([(level, side)], render=False)
        self.render_now()
        self._show_hover(self._describe_root(level, side))

    def fraction_up(self) -> None:
        self.level_panel.step_fraction(10)

    def fraction_down(self) -> None:
        self.level_panel.step_fraction(-10)

    def set_view(self, name: str) -> None:
        self.scene.set_view(name, render=False)
        self._preset_camera = self.plotter.camera_position
        self.render_now()

    def view_anterior(self) -> None:
        self.set_view("anterior")

    def view_posterior(self) -> None:
        self.set_view("posterior")

    def view_left(self) -> None:
        self.set_view("left")

    def view_right(self) -> None:
        self.set_view("right")

    def view_spine(self) -> None:
        self.set_view("spine")

    def reset_view(self) -> None:
        self.scene.reset_view(render=False)
        self._preset_camera = self.plotter.camera_position
        self.render_now()

    def focus_selected(self) -> None:
        self.scene.focus_level(self.level_panel.selected[0], render=False)
        self._preset_camera = self.plotter.camera_position
        self.render_now()

    @property
    def camera_moved(self) -> bool:
        """Has the user rotated, zoomed or panned since the last preset view?

        The scene re-fits a preset view when the window changes shape and records the
        camera's modification time when it frames; any later change is the user's. (A
        public ``AnatomyScene`` property for this was asked for; until then, fall back on
        comparing camera positions.)
        """
        framed = getattr(self.scene, "framed_mtime", None)
        if isinstance(framed, int):
            return self.plotter.camera.GetMTime() != framed
        return self.plotter.camera_position != self._preset_camera

    def set_vertebrae(self, mode: str) -> None:
        self.vertebrae_mode = mode
        self.scene.set_vertebrae(mode, render=False)
        for act, (key, _label) in zip(self.vertebrae_group.actions(), VERTEBRAE, strict=True):
            act.setChecked(key == mode)
        self.render_now()

    def cycle_vertebrae(self) -> None:
        keys = [k for k, _ in VERTEBRAE]
        self.set_vertebrae(keys[(keys.index(self.vertebrae_mode) + 1) % len(keys)])

    def next_lesson(self) -> None:
        self.lesson_view.step(1)

    def previous_lesson(self) -> None:
        self.lesson_view.step(-1)

    def toggle_lesson_panel(self) -> None:
        """The lesson column on or off: the whole width for the 3D view when it matters."""
        self.lesson_dock.setVisible(not self.lesson_dock.isVisible())

    def focus_search(self) -> None:
        self.lesson_dock.show()
        self.lesson_view.search.setFocus()
        self.lesson_view.search.selectAll()

    def open_lesson_dialog(self) -> None:
        self.lesson_view.open_lesson_dialog()

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog([p.name for p in presets()], self)
        dialog.exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About rhizoviz",
            "<p><b>rhizoviz</b> teaches spinal nerve-root anatomy through dorsal rhizotomy: "
            "cut dorsal roots and see which skin loses feeling and which reflexes go.</p>"
            f"<p>{MODEL_SENTENCE}</p><p>For teaching only, not for clinical decisions.</p>",
        )

    def _on_level_selected(self, level: str, side: str) -> None:
        """Say which root is selected; a new selection clears a skin look-up's highlight
        (it would hide cut colours). A click that also cut the root is told with the
        panels, after the cut's frame."""
        if self._panels_due:
            self._selection_untold = True
        else:
            self._status(self._describe_root(level, side), 4000)
        if self.scene.highlighted_roots:
            self.scene.highlight_roots([], render=False)
            self.render_now()

    # -- palettes ----------------------------------------------------------
    @property
    def palette_name(self) -> str:
        return self._normal_palette

    def current_palette(self) -> Palette:
        """The palette on screen now (presentation may override the chosen one)."""
        return get_palette(self._shown_palette_name())

    def _shown_palette_name(self) -> str:
        if self.presenting and self._normal_palette == DEFAULT_PALETTE:
            return PRESENTATION_PALETTE
        return self._normal_palette

    def set_palette(self, name: str) -> None:
        """Choose a palette (remembered in QSettings); the legend and panels follow."""
        get_palette(name)  # raises on an unknown name
        self._normal_palette = name
        QSettings().setValue("palette", name)
        act = self.palette_actions.get(name)
        if act is not None and not act.isChecked():
            act.setChecked(True)
        self._show_palette()

    def _show_palette(self) -> None:
        palette = self.current_palette()
        self.scene.set_palette(palette.name, render=False)
        self._apply_palette_to_panels(palette)
        self.render_now()

    def _apply_palette_to_panels(self, palette: Palette) -> None:
        self.outcome_panel.set_colours({"absent": palette.absent, "impaired": palette.impaired})
        self.level_panel.set_colours(palette.root_cut, palette.root_partial)

    # -- presentation ------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def leave_presentation(self) -> None:
        if self.presenting:
            self.set_presentation(False)
        else:
            self.plotter.setFocus()

    def set_presentation(self, on: bool, fullscreen: bool = True) -> None:
        """Lecture-hall mode: full screen, big text, thick roots, high contrast, few panels."""
        if on == self.presenting:
            return
        self.presenting = on
        menu, status = self.menuBar(), self.statusBar()
        if on:
            self._before_presentation = self.saveState()
            self._was_maximised = self.isMaximized()
            self.level_dock.hide()
            self.outcome_dock.hide()
            self.lesson_dock.show()
            if menu is not None:
                menu.hide()
            if status is not None:
                status.hide()
            self.setStyleSheet(PRESENTATION_STYLE)
            self.lesson_view.set_point_size(PRESENTATION_TEXT_PT)
            self.lesson_view.set_dark(True)
            self.lesson_view.setStyleSheet(
                f"QComboBox, QPushButton, QLineEdit {{ font-size: {PRESENTATION_CONTROL_PT}pt; }}"
                f"QTextBrowser {{ font-size: {PRESENTATION_TEXT_PT}pt; }}"
            )
            self.toolbar.setStyleSheet(f"QToolButton {{ font-size: {PRESENTATION_CONTROL_PT}pt; }}")
            QTimer.singleShot(0, self.size_docks)  # once the full-screen size is known
            self.scene.set_presentation(True, render=False)
            if fullscreen:
                self.showFullScreen()
        else:
            self.setStyleSheet("")
            self.toolbar.setStyleSheet("")
            self.lesson_view.setStyleSheet("")
            self.lesson_view.set_point_size(self.font().pointSizeF())
            self.lesson_view.set_dark(False)
            if menu is not None:
                menu.show()
            if status is not None:
                status.show()
            if self._before_presentation is not None:
                self.restoreState(self._before_presentation)
            self.scene.set_presentation(False, render=False)
            if self.isFullScreen():
                if self._was_maximised:
                    self.showMaximized()
                else:
                    self.showNormal()
        self._show_caption()
        self._show_palette()
        self.command("toggle_presentation").setChecked(on)

    # -- picking -----------------------------------------------------------
    def click_at(self, x: float, y: float) -> None:
        """A click in the 3D view (render-window pixels): cut/restore a root, or name skin."""
        pick = self.scene.pick(x, y)
        if pick is None:  # empty space: put away a skin look-up's highlight
            if self.scene.highlighted_roots:
                self.scene.highlight_roots([], render=False)
                self.render_now()
            return
        if pick.kind == "root" and pick.root is not None:
            level, side = pick.root
            self.level_panel.select(level, side)
            self.level_panel.toggle_root(level, side)
        elif pick.kind == "key_point" and pick.key_point is not None:
            self._status(self._describe_key_point(*pick.key_point), 20000)
        elif pick.kind == "skin" and pick.skin is not None:
            self._status(self._describe_skin(pick.skin), 30000)
            self.scene.highlight_roots(pick.skin.roots, render=False)
            self.render_now()

    def hover_at(self, x: float, y: float) -> None:
        """Name the root or key sensory point under the pointer (screen-space, no render)."""
        root = self.scene.root_at(x, y)
        if root is not None:
            self._show_hover(self._describe_root(*root))
            return
        kp = self.scene.key_point_at(x, y)
        self._show_hover(self._describe_key_point(*kp) if kp is not None else "")

    def _show_hover(self, text: str) -> None:
        self.hover_label.setText(text)
        self.plotter.setToolTip(text)

    def _describe_root(self, level: str, side: str) -> str:
        f = self.session.state.cuts.fraction(level, side)
        what = "intact" if f <= 0 else "cut" if f >= 1 else f"{f:.0%} of rootlets cut"
        action = "click to restore" if f > 0 else "click to cut"
        return f"{side.capitalize()} {level} dorsal root: {what} ({action})"

    def _describe_key_point(self, level: str, side: str) -> str:
        status = next(
            (k for k in self.session.outcome.key_points if (k.level, k.side) == (level, side)),
            None,
        )
        where = status.landmark if status is not None else ""
        state = f": sensation {status.status}" if status is not None else ""
        return f"{side.capitalize()} {level} key sensory point, {where}{state}"

    def _describe_skin(self, skin: Any) -> str:
        if not skin.dermatome:
            return "No spinal root supplies this skin (the face is the trigeminal nerve's)."
        sides = {s for _lv, s in skin.roots}
        levels = sorted({lv for lv, _s in skin.roots}, key=self.session.atlas.index)
        who = ", ".join(levels[:-1]) + (" and " if len(levels) > 1 else "") + levels[-1]
        side_words = "both sides'" if len(sides) > 1 else f"the {next(iter(sides))}"
        return (
            f"{skin.side.capitalize()} {skin.dermatome} dermatome, sensation {skin.status}: "
            f"supplied by {side_words} {who} dorsal root{'s' if len(levels) > 1 else ''} "
            f"({self.session.state.model} model, highlighted in the spine)"
        )

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Swallow keys on the 3D view (VTK's 'q', 'e', 'w', '3' would quit or restyle it);
        refit the caption when the view is resized."""
        if obj is not self.plotter or event is None:
            return False
        if event.type() == QEvent.Type.Resize:  # the legend moves: check the caption fits
            QTimer.singleShot(0, self._refit_caption)
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)

    # -- files -------------------------------------------------------------
    def open_scenario_file(self, path: str) -> bool:
        """Load and apply a scenario; on any error show it and leave the state untouched."""
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            QMessageBox.warning(self, "Cannot open scenario", str(exc))
            return False
        self.apply_scenario(scenario, path)
        self._status(f"Opened {path}")
        return True

    def save_scenario_file(self, path: str) -> bool:
        """Save atomically; cuts nobody has named take the file's name, as a title."""
        state = self.session.state
        name = state.name if state.has_own_name else _file_title(path)
        try:
            save_scenario(replace(state.to_scenario(), name=name), path)
        except ScenarioError as exc:
            QMessageBox.warning(self, "Cannot save scenario", str(exc))
            return False
        self.loaded_from = path
        if name != state.name:
            self.session.rename(name)  # the session's listeners redraw caption and title
        else:
            self._update_chrome()  # only the title's file name changed
        self._status(f"Saved {path}")
        return True

    def open_scenario_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", "", SCENARIO_FILTER)
        if path:
            self.open_scenario_file(path)

    def save_scenario_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save scenario", "scenario.json", SCENARIO_FILTER
        )
        if path:
            self.save_scenario_file(path)

    # -- export --------------------------------------------------------------
    def view_image(self) -> QImage:
        """The 3D view as on screen (caption and legend are drawn in it)."""
        self.render_sync()
        return export.numpy_to_qimage(self.plotter.screenshot(return_img=True))

    def copy_view(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setImage(self.view_image())
            self._status("Copied the 3D view to the clipboard")

    def export_png(self, path: str, size: tuple[int, int] | None) -> bool:
        """Save a figure: the current view at ``size`` (None: as on screen) with legend."""
        try:
            image = self.view_image() if size is None else export.render_figure(self, size)
            if not image.save(path, "PNG"):
                raise OSError(f"cannot write {path}")
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Cannot save figure", str(exc))
            return False
        self._status(f"Saved {path} ({image.width()}×{image.height()})")
        return True

    def export_png_dialog(self) -> None:
        choice, ok = QInputDialog.getItem(
            self, "Save figure", "Size in pixels:", list(EXPORT_SIZES), 0, False
        )
        if not ok:
            return
        size = None if choice == "window" else export.parse_size(choice)
        path, _ = QFileDialog.getSaveFileName(self, "Save figure", "rhizoviz.png", "PNG (*.png)")
        if path:
            self.export_png(path, size)

    def save_outcome_text(self, path: str) -> bool:
        try:
            export.write_text(path, self.outcome_panel.plain_text())
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save outcome", f"{path}: {exc.strerror or exc}")
            return False
        self._status(f"Saved {path}")
        return True

    def save_outcome_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save outcome as text", "outcome.txt", "Text (*.txt)"
        )
        if path:
            self.save_outcome_text(path)

    # -- screenshots -------------------------------------------------------
    def grab_window(self) -> QImage:
        """The whole window as an image, with the freshly rendered 3D view painted in.

        ``QWidget.grab`` of a native OpenGL child can come back stale or black, so the
        plotter's own screenshot is painted over its place in the grab.
        """
        self.flush_panels()
        self.render_sync()
        image = self.grab().toImage()
        view = export.numpy_to_qimage(self.plotter.screenshot(return_img=True))
        top_left = self.plotter.mapTo(self, self.plotter.rect().topLeft())
        painter = QPainter(image)
        painter.drawImage(QRect(top_left, self.plotter.size()), view)
        painter.end()
        return image

    # -- settings and shutdown ---------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(1600, area.width()), min(1000, area.height()))
        state = settings.value("window/state")
        self._size_docks_on_show = not (isinstance(state, QByteArray) and not state.isEmpty())
        if not self._size_docks_on_show:
            self.restoreState(state)

    def showEvent(self, event: QShowEvent | None) -> None:  # noqa: N802 - Qt name
        """First run: give the lesson a readable column and the levels a narrow one."""
        super().showEvent(event)
        if self._size_docks_on_show:
            self._size_docks_on_show = False
            self.size_docks()

    def size_docks(self) -> None:
        """Default dock widths for the window's width (presentation: a wide lesson)."""
        w = self.width()
        if self.presenting:
            self.resizeDocks([self.lesson_dock], [int(w * 0.36)], Qt.Orientation.Horizontal)
        else:
            self.resizeDocks(
                [self.level_dock, self.lesson_dock],
                [max(190, w // 9), max(340, w // 4)],
                Qt.Orientation.Horizontal,
            )

    def save_settings(self) -> None:
        settings = QSettings()
        if self.presenting and self._before_presentation is not None:
            settings.setValue("window/state", self._before_presentation)
        else:
            settings.setValue("window/state", self.saveState())
            settings.setValue("window/geometry", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent | None) -> None:  # noqa: N802 - Qt name
        """Save geometry, then stop picking and close the plotter before Qt tears down."""
        if not self._closed:
            self.save_settings()
            self._closed = True
            self._panels_timer.stop()
            self.pointer.stop()
            self.plotter.removeEventFilter(self)
            self.session.changed.disconnect(self._on_state)
            self.scene.close()  # its render observer must not outlive the plotter
            self.plotter.close()
        super().closeEvent(event)
