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

This module keeps that flow, the docks, the status line, the caption, picking and the
palettes. The rest lives beside it, each in its own module:

- :mod:`~rhizoviz.app.shortcuts` and :mod:`~rhizoviz.app.actions`: every key, menu
  entry and toolbar button, built from one table; a mode or dock adds its own there;
- :mod:`~rhizoviz.app.window_commands`: the everyday commands (roots, views, lessons);
- :mod:`~rhizoviz.app.file_actions`: open, save, export figures and text;
- :mod:`~rhizoviz.app.presentation`: presentation mode, the first of the window's modes;
- :mod:`~rhizoviz.app.worksheet_dock`: the ISNCSCI worksheet dock and its export;
- :mod:`rhizoviz.core.report`: every sentence shown about cuts and the model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PyQt6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, pyqtSignal
from PyQt6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PyQt6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget
from pyvistaqt import QtInteractor

from rhizoviz.app.actions import CommandActions
from rhizoviz.app.file_actions import FileActions
from rhizoviz.app.lesson_view import LessonView
from rhizoviz.app.level_panel import LevelPanel
from rhizoviz.app.outcome_panel import OutcomePanel
from rhizoviz.app.presentation import PresentationMode
from rhizoviz.app.session_qt import QtSession
from rhizoviz.app.shortcuts import PRESET_KEYS, WINDOW
from rhizoviz.app.trainer import TrainerMode
from rhizoviz.app.view3d import PointerWatcher
from rhizoviz.app.window_commands import VERTEBRAE, WindowCommands
from rhizoviz.app.worksheet_dock import WorksheetPanel
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL
from rhizoviz.core.outcome import MODELS
from rhizoviz.core.report import (
    default_caption,
    describe_key_point,
    describe_root_click,
    describe_skin,
    elide,
    model_sentence,
    short_caption,
    status_line,
)
from rhizoviz.core.scenario import Scenario, presets
from rhizoviz.core.session import State
from rhizoviz.scene.palette import DEFAULT_PALETTE, PALETTES, Palette, get_palette

PANELS_LATEST_MS = 500  # the panels catch up by then even if no frame is drawn


class MainWindow(WindowCommands, FileActions, QMainWindow):
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
        self._closed = False
        #: A running mode may name the caption itself (see :meth:`caption_text`).
        self.caption_source: Callable[[], str | None] | None = None
        self._normal_palette = self._saved_palette()

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
        self.pointer = PointerWatcher(self.plotter, self)
        self.pointer.clicked.connect(self.click_at)
        self.pointer.hovered.connect(self.hover_at)
        self.pointer.left.connect(lambda: self.show_hover(""))
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
        self.docks: list[QDockWidget] = []
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.level_dock = self.add_dock("Levels", self.level_panel, left)
        self.lesson_dock = self.add_dock("Lesson", self.lesson_view, right)
        self.outcome_dock = self.add_dock("Outcome", self.outcome_panel, right)
        self.splitDockWidget(self.lesson_dock, self.outcome_dock, Qt.Orientation.Vertical)
        self.level_panel.selectionChanged.connect(self._on_level_selected)
        self.level_panel.rootKindChanged.connect(self._on_root_kind)
        self.lesson_view.statusMessage.connect(self.show_status)
        self.lesson_view.lessonChanged.connect(lambda _title: self.update_chrome())

        self.status_label = QLabel()
        self.hover_label = QLabel()
        bar = self.statusBar()
        assert bar is not None
        # Permanent widgets sit on the right and are never painted over by the
        # transient messages (look-ups, "Saved ...") shown on the left.
        bar.addPermanentWidget(self.hover_label)
        bar.addPermanentWidget(self.status_label)

        self._build_choices()
        self.command_actions = CommandActions(self, {
            "presets": self._preset_actions,
            "root_kinds": self.root_kind_group.actions,
            "vertebrae": self.vertebrae_group.actions,
            "palettes": self.palette_group.actions,
            "models": self.model_group.actions,
            "model_note": self._model_notes,
            "docks": lambda: [dock.toggleViewAction() for dock in self.docks],
        })
        self.command_actions.register(WINDOW, self)
        self.toolbar = self.command_actions.toolbar
        self.undo_action = self.command("undo")
        self.redo_action = self.command("redo")
        self.command("toggle_dura").setChecked(self.scene.dura_visible)
        self.presentation = PresentationMode(self)  # registers its own commands
        self.trainers = TrainerMode(self)  # the same: opens the SDR trainer
        self.worksheet = WorksheetPanel(self)  # its dock and commands; follows the panels

        self.session.changed.connect(self._on_state)
        from rhizoviz.app.modes import install_modes  # after _on_state: modes paint over it

        self.quiz_mode, self.case_mode = install_modes(self)
        self._apply_palette_to_panels(get_palette(self._normal_palette))
        self._restore_settings()
        if scenario is not None:
            self.apply_scenario(scenario, scenario_path)
        self._on_state(self.session.state)

    # -- construction ------------------------------------------------------
    def _build_scene(self, palette: str, meshes: tuple[Any, Any] | None) -> Any:
        """Load the meshes once (the shipped ones unless given) and build the actors."""
        from rhizoviz.scene import AnatomyScene
        from rhizoviz.scene.render import shipped_coarse

        if meshes is None:
            from rhizoviz.mesh_loader import load_body, load_spine

            meshes = (load_body(), load_spine())
        self.body, self.spine = meshes
        # the shipped spine's coarse bones for the whole-body views (level of detail)
        scene = AnatomyScene(self.plotter, self.body, self.spine, palette,
                             coarse=shipped_coarse(self.spine))
        scene.update(self.session.state, render=False)
        return scene

    def _saved_palette(self) -> str:
        name = str(QSettings().value("palette", DEFAULT_PALETTE))
        return name if name in PALETTES else DEFAULT_PALETTE

    def add_dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A panel beside the view, with its on/off switch in the View menu."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks.append(dock)
        if hasattr(self, "command_actions"):  # a dock added after the menus were built
            self.command_actions.extend_slot("docks", [dock.toggleViewAction()])
        return dock

    def command(self, name: str) -> QAction:
        """The one QAction of a command of the table (its keys, menu entry, button)."""
        return self.command_actions.action(name)

    def _preset_actions(self) -> list[QAction]:
        actions = []
        for i, preset in enumerate(presets()):
            act = QAction(preset.name, self)
            act.setStatusTip(preset.description)
            if i < 9:
                act.setShortcut(QKeySequence(PRESET_KEYS.format(n=i + 1)))
            act.triggered.connect(lambda _=False, p=preset: self.apply_preset(p))
            self.addAction(act)
            actions.append(act)
        return actions

    def _choices(
        self, items: list[tuple[str, str]], chosen: str, choose: Callable[[str], None]
    ) -> QActionGroup:
        """Radio actions, one per (key, label), that call ``choose(key)``."""
        group = QActionGroup(self)
        for key, label in items:
            act = QAction(label, self, checkable=True)
            act.setChecked(key == chosen)
            act.triggered.connect(lambda _=False, k=key: choose(k))
            group.addAction(act)
        return group

    def _build_choices(self) -> None:
        """The radio groups of the menus: root kind, vertebrae, palette, model (slots)."""
        kinds = [(DORSAL, "Clicks cut &dorsal roots"), (VENTRAL, "Clicks cut v&entral roots"),
                 (GANGLION, "Clicks remove &ganglia")]
        self.root_kind_group = self._choices(kinds, self.level_panel.root_kind,
                                             self.set_root_kind)
        self.root_kind_actions = dict(zip((k for k, _ in kinds), self.root_kind_group.actions(),
                                          strict=True))
        self.vertebrae_group = self._choices(list(VERTEBRAE), self.vertebrae_mode,
                                             self.set_vertebrae)
        palettes = [(name, p.label) for name, p in PALETTES.items()]
        self.palette_group = self._choices(palettes, self._normal_palette, self.set_palette)
        self.palette_actions = dict(zip(PALETTES, self.palette_group.actions(), strict=True))
        models = [(m, f"{m.capitalize()} model") for m in MODELS]
        self.model_group = self._choices(models, self.session.state.model, self.session.set_model)
        self.model_actions = dict(zip(MODELS, self.model_group.actions(), strict=True))
        for model, act in self.model_actions.items():
            act.setStatusTip(model_sentence(model))
            act.setToolTip(model_sentence(model))
            act.setIconText(model.capitalize())

    def _model_notes(self) -> list[QAction]:
        """What each model says, greyed out under the Model menu's choices."""
        notes = [QAction(model_sentence(m), self) for m in MODELS]
        for note in notes:
            note.setEnabled(False)
        return notes

    # -- state -> view -----------------------------------------------------
    def _on_state(self, state: State) -> None:
        """Recolour the scene in place and ask for one frame; the panels follow it."""
        if self._closed:
            return
        self.scene.update(state, render=False)
        self.show_caption()
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
            self.show_status(self.root_status(level, side), 4000)
        if self.hover_label.text().startswith(f"{side.capitalize()} {level} "):
            self.show_hover(self.root_status(level, side))

    def update_chrome(self) -> None:
        """Window title, status line, undo/redo and model menus from the session."""
        self._update_actions()
        self._update_status_line()

    def _update_actions(self) -> None:
        """Window title, undo/redo and model menus: right at once, so keys act on them."""
        state = self.session.state
        with_file = f" ({Path(self.loaded_from).name})" if self.loaded_from else ""
        self.setWindowTitle(f"rhizoviz: {elide(state.name)}{with_file}")
        self.undo_action.setEnabled(self.session.can_undo)
        self.redo_action.setEnabled(self.session.can_redo)
        act = self.model_actions[state.model]
        if not act.isChecked():
            act.setChecked(True)

    def _update_status_line(self) -> None:
        """The permanent status line: scenario, how many roots are cut, model, lesson; while
        a mode names the caption, that name instead of the count (a quiz hides its cuts)."""
        lesson = self.lesson_view.current_title()
        own = self.caption_source() if self.caption_source is not None else None
        if own is None:
            text = status_line(self.session.state, lesson)
        else:
            text = " \u00b7 ".join([own.replace("\n", " \u00b7 ")]
                                   + ([f"lesson: {lesson}"] if lesson else []))
        self.status_label.setText(text)

    def caption_text(self) -> str:
        """The caption over the 3D view: the words ``rhizoviz render`` writes, or what the
        running mode says instead (a quiz names its question, never the cuts it hides)."""
        own = self.caption_source() if self.caption_source is not None else None
        if own is not None:
            return own
        return default_caption(self.session.state, self.session.atlas, self.scene.modality)

    def show_caption(self) -> bool:
        """Show the full caption, or only the scenario's name and model where it would not fit.

        Presentation mode always uses the short form: the view is narrower and the text
        larger there, and the lesson beside it says what was cut. A mode's own caption
        (``caption_source``) is shown as the mode words it. Returns whether the
        caption on screen changed.
        """
        actor = getattr(self.scene, "caption_actor", None)
        before = actor.GetInput() if actor is not None else None
        self.scene.set_caption(self.caption_text(), render=False)
        state = self.session.state
        own = self.caption_source is not None and self.caption_source() is not None
        if not own and state.has_own_name and (self.presenting or self._caption_overflows()):
            self.scene.set_caption(short_caption(state, self.scene.modality), render=False)
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
        if not self._closed and self.show_caption():
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

    def show_status(self, text: str, timeout_ms: int = 8000) -> None:
        """A transient message on the left of the status bar."""
        bar = self.statusBar()
        if bar is not None:
            bar.showMessage(text, timeout_ms)

    def _on_level_selected(self, level: str, side: str) -> None:
        """Say which root is selected; a new selection clears a skin look-up's highlight
        (it would hide cut colours). A click that also cut the root is told with the
        panels, after the cut's frame."""
        if self._panels_due:
            self._selection_untold = True
        else:
            self.show_status(self.root_status(level, side), 4000)
        self.clear_highlight()

    def clear_highlight(self) -> None:
        """Put away a skin look-up's or the keyboard's highlight, if one is lit."""
        if self.scene.highlighted_roots:
            self.scene.highlight_roots([], render=False)
            self.render_now()

    # -- palettes and presentation -------------------------------------------
    @property
    def palette_name(self) -> str:
        return self._normal_palette

    def current_palette(self) -> Palette:
        """The palette on screen now (presentation may override the chosen one)."""
        return get_palette(self.presentation.palette_name(self._normal_palette))

    def set_palette(self, name: str) -> None:
        """Choose a palette (remembered in QSettings); the legend and panels follow."""
        get_palette(name)  # raises on an unknown name
        self._normal_palette = name
        QSettings().setValue("palette", name)
        act = self.palette_actions.get(name)
        if act is not None and not act.isChecked():
            act.setChecked(True)
        self.show_palette()

    def show_palette(self) -> None:
        palette = self.current_palette()
        self.scene.set_palette(palette.name, render=False)
        self._apply_palette_to_panels(palette)
        self.render_now()

    def _apply_palette_to_panels(self, palette: Palette) -> None:
        self.outcome_panel.set_colours({"absent": palette.absent, "impaired": palette.impaired})
        self.level_panel.set_kind_colours({
            DORSAL: (palette.root_cut, palette.root_partial),
            VENTRAL: (palette.ventral_cut, palette.ventral_partial),
            GANGLION: (palette.ganglion_removed, palette.ganglion_removed),
        })

    @property
    def presenting(self) -> bool:
        return self.presentation.on

    def set_presentation(self, on: bool, fullscreen: bool = True) -> None:
        """Presentation mode on or off (see :mod:`rhizoviz.app.presentation`)."""
        self.presentation.set(on, fullscreen)

    # -- picking -----------------------------------------------------------
    def click_at(self, x: float, y: float) -> None:
        """A click in the 3D view (render-window pixels): cut/restore a root, or name skin."""
        pick = self.scene.pick(x, y, prefer=self.level_panel.root_kind)
        if pick is None:  # empty space: put away a skin look-up's highlight
            self.clear_highlight()
            return
        if pick.kind == "root" and pick.root is not None:
            level, side = pick.root
            self.level_panel.select(level, side)
            self.level_panel.toggle_root(level, side, pick.target)
        elif pick.kind == "key_point" and pick.key_point is not None:
            level, side = pick.key_point
            self.show_status(describe_key_point(level, side, self.session.outcome.key_points),
                             20000)
        elif pick.kind == "skin" and pick.skin is not None:
            skin = pick.skin
            text = describe_skin(skin.dermatome, skin.side, skin.status, skin.roots,
                                 self.session.state.model, self.session.atlas)
            self.show_status(f"{text}; highlighted in the spine" if skin.roots else text, 30000)
            self.scene.highlight_roots(skin.roots, render=False)
            self.render_now()

    def hover_at(self, x: float, y: float) -> None:
        """Name the root, ganglion or key sensory point under the pointer (screen-space, no
        render): what a click there would cut, the chosen kind first."""
        target = self.scene.target_at(x, y, prefer=self.level_panel.root_kind)
        if target is not None:
            kind, level, side = target
            self.show_hover(self.root_status(level, side, kind))
            return
        kp = self.scene.key_point_at(x, y)
        key_points = self.session.outcome.key_points
        self.show_hover(describe_key_point(*kp, key_points) if kp is not None else "")

    def show_hover(self, text: str) -> None:
        self.hover_label.setText(text)
        self.plotter.setToolTip(text)

    def root_status(self, level: str, side: str, kind: str | None = None) -> str:
        """'Left C6 dorsal root: intact (click to cut)': the root (of ``kind``, else the
        kind the level panel cuts) and what a click does."""
        kind = kind or self.level_panel.root_kind
        fraction = self.session.state.cuts.fraction(level, side, kind)
        return describe_root_click(level, side, fraction, kind)

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Swallow keys on the 3D view (VTK's 'q', 'e', 'w', '3' would quit or restyle it);
        refit the caption when the view is resized."""
        if obj is not self.plotter or event is None:
            return False
        if event.type() == QEvent.Type.Resize:  # the legend moves: check the caption fits
            QTimer.singleShot(0, self._refit_caption)
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)

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
            # a mode's dock stands in for the lesson only while the mode runs: a window
            # closed during a quiz or a case opens on the lesson next time
            mode_docks = [m.dock for m in (self.quiz_mode, self.case_mode)]
            if any(not d.isHidden() for d in mode_docks):
                for dock in mode_docks:
                    dock.hide()
                self.lesson_dock.show()

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
        before = self.presentation.state_before
        if self.presenting and before is not None:
            settings.setValue("window/state", before)
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
