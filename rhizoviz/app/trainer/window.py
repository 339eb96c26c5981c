"""The selective dorsal rhizotomy trainer: a window of its own over the app's session.

The student works in steps: choose the exposure (the laminae it removes vanish
from the 3D view), lift roots and stimulate rootlets (a click in the view, or the
keys), read each EMG and its grade, mark rootlets to cut, then finish for the
debrief. The window holds one :class:`~rhizoviz.core.sdr.operation.Operation`; each
mark turns the plan into partial dorsal cuts on the app's :class:`QtSession`, so the
body, reflexes and outcome follow as for any cut, and undo, redo and reset made
anywhere bring the marks back in line (:meth:`Operation.follow`).

Fast paths: stimulating a rootlet recolours the rootlets' cell codes, moves two
marker dots and sets the eleven EMG curves' data; marking one writes codes and a
few hundred points. Each asks for one frame of the 3D view (``rhizoviz bench``
times both). Panels that only inform (the outcome report) catch up after the frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PyQt6.QtCore import QEvent, QObject, Qt, QTimer, pyqtSignal
from PyQt6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from pyvistaqt import QtInteractor

from rhizoviz.app.outcome_panel import OutcomePanel
from rhizoviz.app.presentation import PRESENTATION_PALETTE
from rhizoviz.app.session_qt import QtSession
from rhizoviz.app.trainer.debrief_view import DebriefView
from rhizoviz.app.trainer.emg_plot import EmgPlot
from rhizoviz.app.trainer.grade_key import GradeKey
from rhizoviz.app.trainer.keys import by_command, keys_html
from rhizoviz.app.trainer.operate_panel import OperatePanel
from rhizoviz.app.view3d import PointerWatcher
from rhizoviz.core.atlas import SIDES
from rhizoviz.core.sdr import TEACHING_CAVEAT
from rhizoviz.core.sdr.emg import responding_channels
from rhizoviz.core.sdr.operation import Operation
from rhizoviz.core.sdr.patient import PatientError, Rootlet, draw_patient
from rhizoviz.core.sdr.plan import root_fractions
from rhizoviz.scene.palette import DEFAULT_PALETTE, get_palette
from rhizoviz.scene.trainer_colours import trainer_colours
from rhizoviz.scene.trainer_scene import (
    CUT,
    GRADE0,
    HOVER,
    LABEL_PT,
    OUT_OF_REACH,
    UNTESTED,
    TrainerScene,
)

BANNER = f"⚠ {TEACHING_CAVEAT} Not for clinical decisions."
BANNER_STYLE = ("QLabel {{ background: #f5c542; color: #1a1a1a; font-weight: bold; "
                "padding: 6px 10px; font-size: {pt}pt; }}")
NORMAL_PT, PRESENTATION_PT = 10.0, 17.0
GRADE_PT, PRESENTATION_GRADE_PT = 40.0, 64.0
PRESENTATION_LABEL_PT = 22.0  # names in the 3D field
PRESENTATION_STYLE = """
QWidget { background: #000000; color: #ffffff; font-size: %(pt)dpt; }
QTextBrowser, QTableWidget { background: #0b0b0b; color: #ffffff; }
QPushButton { background: #202020; color: #ffffff; border: 2px solid #ffffff; padding: 8px; }
QPushButton:checked { background: #00718a; }
QPushButton:disabled { color: #777777; border-color: #555555; }
QGroupBox { border: 1px solid #777777; margin-top: 1.4em; }
QTabBar::tab { background: #202020; color: #ffffff; padding: 8px 16px; }
QTabBar::tab:selected { background: #00718a; }
"""
SESSION_NAME = "SDR trainer: child of seed {seed}"


class TrainerWindow(QMainWindow):
    """See the module docstring; ``spine`` are the loaded spine meshes (``load_spine``)."""

    stimulated = pyqtSignal(str)  # a rootlet's EMG is on screen (its id)
    closed = pyqtSignal()

    def __init__(self, session: QtSession, spine: Mapping[str, Any], seed: int,
                 approach: str | None = None, parent: QWidget | None = None,
                 palette: str = DEFAULT_PALETTE) -> None:
        super().__init__(parent)
        self.session = session
        self.patient = draw_patient(seed)
        self.operation = Operation(self.patient)
        self.presenting = False
        self.palette = get_palette(palette).name  # the app's setting; presenting may override
        self.revealed = False  # after finishing, untested rootlets show their grades too
        self.hovered: int | None = None
        self._closed = False
        self._sized = False
        self.setWindowTitle(f"rhizoviz: selective dorsal rhizotomy trainer (child of seed {seed})")

        self.plotter = QtInteractor(self, multi_samples=0, auto_update=False)
        self.plotter.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.plotter.setMinimumWidth(360)
        self.scene = TrainerScene(self.plotter, spine, self.patient, self.shown_palette())
        self.pointer = PointerWatcher(self.plotter, self)
        self.pointer.clicked.connect(self.click_at)
        self.pointer.hovered.connect(self.hover_at)
        self.pointer.left.connect(lambda: self._hover(None))
        self.plotter.installEventFilter(self)  # VTK's one-letter keys must not restyle it

        self.banner = QLabel(BANNER)
        self.banner.setWordWrap(True)
        self.emg = EmgPlot()
        self.debrief = DebriefView()
        self.outcome = OutcomePanel(session, follow=False)
        self._outcome_due = False
        self.tabs = QTabWidget()
        self.panel = OperatePanel(self.emg, lambda name: getattr(self, name)())
        # the panel's parts, by the names the tests and the bench use
        self.approach_buttons = self.panel.approach_buttons
        self.grade_label = self.panel.grade_label
        self.mark_button = self.panel.mark_button
        self.tabs.addTab(self.panel, "Operate")
        self.tabs.addTab(self.debrief, "Debrief")
        self.tabs.addTab(self.outcome, "Body and reflexes")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_outcome())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plotter)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        self.splitter = split
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        self.hover_label = QLabel()
        bar = self.statusBar()
        if bar is not None:
            bar.addPermanentWidget(self.hover_label)
        self.grade_key = GradeKey(self)
        self.actions_by_command: dict[str, QAction] = {}
        for name in by_command():
            self._command(name)
        self.session.changed.connect(self._on_session)
        self.plotter.frameSwapped.connect(
            lambda: QTimer.singleShot(0, self._refresh_outcome) if self._outcome_due else None)
        self._apply_fonts()
        self._apply_colours()
        self._show_state()
        if approach is not None:
            self.choose_approach(approach)

    # -- construction ------------------------------------------------------
    def _command(self, name: str) -> QAction:
        entry = by_command()[name]
        action = QAction(entry.what, self)
        action.setShortcuts([QKeySequence(k) for k in entry.keys])
        action.triggered.connect(lambda _=False, n=name: getattr(self, n)())
        self.addAction(action)
        self.actions_by_command[name] = action
        return action

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        """Keys on the 3D view go to the trainer's shortcuts, never to VTK's styles."""
        if obj is self.plotter and event is not None:
            if event.type() == QEvent.Type.Resize:
                QTimer.singleShot(0, self._reframe)  # once VTK has the new size
            return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
        return False

    # -- what the student sees ------------------------------------------------
    def rootlet_codes(self) -> np.ndarray:
        op = self.operation
        out = np.empty(len(self.scene.rootlets), np.int8)
        for i, r in enumerate(self.scene.rootlets):
            if op.approach is not None and not op.reaches(r):
                out[i] = OUT_OF_REACH
            elif r in op.marked:
                out[i] = CUT
            elif r in op.tested or self.revealed:
                out[i] = GRADE0 + r.grade
            else:
                out[i] = UNTESTED
        if self.hovered is not None and out[self.hovered] != OUT_OF_REACH:
            out[self.hovered] = HOVER
        return out

    def _show_scene(self) -> None:
        """Recolour rootlets, gaps and dots from the operation; ask for one frame."""
        op = self.operation
        rootlets = self.scene.rootlets
        self.scene.set_codes(self.rootlet_codes())
        self.scene.set_cut(np.array([r in op.marked for r in rootlets]))
        current = self.scene.index[op.current.id] if op.current is not None else None
        flagged = [i for i, r in enumerate(rootlets)
                   if r.sphincter and (r in op.tested or self.revealed) and op.reaches(r)]
        self.scene.set_markers(current, flagged)
        self.render_now()

    def _show_state(self) -> None:
        self._show_scene()
        self._show_labels()

    def _show_labels(self) -> None:
        op = self.operation
        self.panel.show_approach(op.approach)
        current = op.current
        self.panel.show_decision(current, current in op.marked, self.session.can_undo)
        reachable = [r for r in self.patient if op.reaches(r)]
        tested = sum(1 for r in reachable if r in op.tested)
        lines = [f"Tested {tested} of {len(reachable)} reachable rootlets · "
                 f"{len(op.marked)} marked to cut." if op.approach is not None
                 else "Nothing can be tested until the laminae are off."]
        if self.scene.lifted is not None:
            level, side = self.scene.lifted
            n = self.patient.count(level, side)
            k = op.marked_in(level, side)
            lines.append(f"Lifted: {side} {level}, {n} rootlets, {k} marked ({k / n:.0%}).")
        fractions = [f"{c.side[0].upper()} {c.level} {c.fraction:.0%}"
                     for c in root_fractions(op.plan())] if op.marked else []
        if fractions:
            lines.append("Cuts on the body: " + ", ".join(fractions))
        self.panel.show_progress(lines)

    def _show_grade(self, rootlet: Rootlet | None, responding: tuple[str, ...] = ()) -> None:
        if rootlet is None:
            self.panel.show_rootlet(None)
            return
        self.panel.show_rootlet(rootlet, self.patient.count(rootlet.level, rootlet.side),
                                rootlet in self.operation.marked, responding)

    # -- the exposure -----------------------------------------------------------
    def choose_approach(self, name: str) -> bool:
        try:
            approach = self.operation.choose_approach(name)
        except PatientError as exc:
            self._status(str(exc))
            self._show_labels()
            return False
        self.scene.set_approach(approach)
        lifted = self.scene.lifted
        if lifted is None or not approach.reaches(lifted[0]):
            self.scene.lift(approach.reachable[0], "left")
        if approach.name == "multilevel":
            self.scene.frame_lifted()
        self._show_state()
        self._status(f"{approach.label}: the laminae are off. {approach.note}")
        return True

    def choose_conus(self) -> None:
        self.choose_approach("conus")

    def choose_multilevel(self) -> None:
        self.choose_approach("multilevel")

    # -- roots and rootlets ---------------------------------------------------------
    def lift(self, level: str, side: str) -> None:
        """Lift a root for testing; in the long multilevel window the view follows it."""
        self.scene.lift(level, side)
        if self.operation.approach is not None and self.operation.approach.name == "multilevel":
            self.scene.frame_lifted()
        self._show_state()

    def _step_root(self, step: int) -> None:
        op = self.operation
        if op.approach is None:
            self._status("Choose the exposure first: press 1 or 2.")
            return
        reach = op.approach.reachable
        level, side = self.scene.lifted or (reach[0], "left")
        i = reach.index(level) if level in reach else 0
        self.lift(reach[min(max(i + step, 0), len(reach) - 1)], side)

    def root_up(self) -> None:
        self._step_root(-1)

    def root_down(self) -> None:
        self._step_root(1)

    def other_side(self) -> None:
        if self.scene.lifted is None:
            self._step_root(0)
            return
        level, side = self.scene.lifted
        self.lift(level, SIDES[1 - SIDES.index(side)])

    def _step_rootlet(self, step: int) -> None:
        if self.scene.lifted is None:
            self._step_root(0)
            if self.scene.lifted is None:
                return
        root = self.patient.roots[self.scene.lifted]
        cur = self.operation.current
        if cur is None or (cur.level, cur.side) != self.scene.lifted:
            i = 0 if step > 0 else len(root) - 1
        else:
            i = min(max(cur.index - 1 + step, 0), len(root) - 1)
        self.stimulate(root[i])

    def next_rootlet(self) -> None:
        self._step_rootlet(1)

    def previous_rootlet(self) -> None:
        self._step_rootlet(-1)

    def stimulate_current(self) -> None:
        if self.operation.current is not None:
            self.stimulate(self.operation.current)
        else:
            self._step_rootlet(1)

    def stimulate(self, rootlet: Rootlet) -> bool:
        """Stimulate one rootlet: its root lifts, its EMG and grade show, it is tested."""
        try:
            traces = self.operation.stimulate(rootlet)
        except PatientError as exc:
            self._status(str(exc))
            return False
        key = (rootlet.level, rootlet.side)
        if self.scene.lifted != key:
            self.scene.lift(*key)
            if self.operation.approach is not None and self.operation.approach.name == "multilevel":
                self.scene.frame_lifted()
        self.emg.show_traces(traces)
        self._show_grade(rootlet, responding_channels(traces))
        self._show_state()
        self.stimulated.emit(rootlet.id)
        return True

    def toggle_mark(self) -> None:
        """Mark the current rootlet to cut (or unmark it): the session's cuts follow."""
        rootlet = self.operation.current
        if rootlet is None:
            self._status("Stimulate a rootlet first: its EMG decides.")
            self._show_labels()
            return
        try:
            marked = self.operation.toggle_mark(rootlet)
        except PatientError as exc:
            self._status(str(exc))
            return
        self.session.apply_cuts(list(root_fractions(self.operation.plan())),
                                SESSION_NAME.format(seed=self.patient.seed))
        self._status(f"{rootlet.id} {'marked to cut' if marked else 'unmarked'}.")

    # -- the session -------------------------------------------------------------
    def _on_session(self, state: Any) -> None:
        """Any change of the cuts (a mark here, undo or reset anywhere): show it."""
        if self._closed:
            return
        self.operation.follow(state.cuts)
        self._show_scene()
        self._show_labels()
        if self.operation.current is not None:
            self._show_grade_state(self.operation.current)
        self._outcome_due = True
        if not self.plotter.isVisible():
            self._refresh_outcome()
        if self.debrief.plan is not None:
            self.debrief.show_plan(self.operation.plan())

    def _show_grade_state(self, rootlet: Rootlet) -> None:
        self.panel.show_header(rootlet, self.patient.count(rootlet.level, rootlet.side),
                               rootlet in self.operation.marked)

    def _refresh_outcome(self) -> None:
        if self._closed or not self._outcome_due:
            return
        self._outcome_due = False
        self.outcome.refresh(self.session.state)

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    # -- finishing ---------------------------------------------------------------
    def finish(self) -> None:
        """The debrief, with the whole grade map; the 3D view reveals every grade too."""
        if self.operation.approach is None:
            self._status("Choose the exposure and test some rootlets first.")
            return
        self.revealed = True
        self.debrief.show_plan(self.operation.plan())
        self.tabs.setCurrentWidget(self.debrief)
        self._show_scene()

    def show_grade_key(self) -> None:
        self.grade_key.show()
        self.grade_key.raise_()

    def show_keys(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Trainer keys")
        dialog.resize(560, 640)
        browser = QTextBrowser()
        browser.setHtml(keys_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        dialog.exec()

    def _reframe(self) -> None:
        """The view changed shape (first show, presentation, the splitter): keep the
        window and the fans in it, unless the student has moved the camera."""
        if not self._closed and self.scene.reframe():
            self.render_now()

    def frame_window(self) -> None:
        self.scene.frame()
        self.render_now()

    # -- pointer -----------------------------------------------------------------
    def click_at(self, x: float, y: float) -> None:
        """A click in the 3D view (render-window pixels): stimulate the rootlet there."""
        index = self.scene.pick(x, y)
        if index is None:
            if self.operation.approach is None:
                self._status("The laminae are closed: choose the exposure first (1 or 2).")
            return
        self.stimulate(self.scene.rootlets[index])

    def hover_at(self, x: float, y: float) -> None:
        self._hover(self.scene.pick(x, y))

    def _hover(self, index: int | None) -> None:
        if index == self.hovered:
            return
        self.hovered = index
        text = ""
        if index is not None:
            r = self.scene.rootlets[index]
            what = (f"grade {r.grade_label}" if r in self.operation.tested or self.revealed
                    else "untested")
            cut = ", marked to cut" if r in self.operation.marked else ""
            text = f"{r.side.capitalize()} {r.level} rootlet {r.index}: {what}{cut} (click to test)"
        self.hover_label.setText(text)
        self.scene.set_codes(self.rootlet_codes())
        self.render_now()

    # -- presentation --------------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def leave_presentation(self) -> None:
        if self.presenting:
            self.set_presentation(False)

    def set_presentation(self, on: bool, fullscreen: bool = True) -> None:
        """Lecture hall: black, large type for the EMG's channels, the grade and the banner."""
        if on == self.presenting:
            return
        self.presenting = on
        self.setStyleSheet(PRESENTATION_STYLE % {"pt": PRESENTATION_PT} if on else "")
        bar = self.statusBar()
        if bar is not None:
            bar.setVisible(not on)
        self._apply_fonts()
        self._apply_colours()
        self.render_now()
        QTimer.singleShot(0, self.size_panes)  # the larger type changed the panel's width
        if on and fullscreen:
            self.showFullScreen()
        elif not on and self.isFullScreen():
            self.showNormal()

    def shown_palette(self) -> str:
        """The palette on screen: as the main window, high contrast while presenting
        unless another than the default was chosen."""
        if self.presenting and self.palette == DEFAULT_PALETTE:
            return PRESENTATION_PALETTE
        return self.palette

    def set_palette(self, name: str) -> None:
        """Follow the app's palette setting: the rootlets, grade chips, key and map."""
        self.palette = get_palette(name).name
        self._apply_colours()
        self.render_now()

    def _apply_colours(self) -> None:
        colours = trainer_colours(self.shown_palette())
        if colours == self.scene.colours and self.panel.colours == colours:
            return
        self.scene.set_palette(self.shown_palette())
        self.panel.set_colours(colours)
        self.grade_key.set_colours(colours)
        self.debrief.set_colours(colours)
        current = self.operation.current
        if current is not None and self.emg.shown_id == current.id:
            self._show_grade(current, self._responding(current))

    def _grade_pt(self) -> float:
        return PRESENTATION_GRADE_PT if self.presenting else GRADE_PT

    def _apply_fonts(self) -> None:
        pt = PRESENTATION_PT if self.presenting else NORMAL_PT
        self.banner.setStyleSheet(BANNER_STYLE.format(pt=pt + 1))
        font = QFont(self.font())
        font.setPointSizeF(pt)
        self.tabs.setFont(font)
        self.emg.set_point_size(pt + 1 if self.presenting else 9.0)
        self.scene.set_label_size(PRESENTATION_LABEL_PT if self.presenting else LABEL_PT)
        self.debrief.set_point_size(pt)
        self.panel.set_sizes(pt, self._grade_pt())
        current = self.operation.current
        if current is not None and self.emg.shown_id == current.id:
            self._show_grade(current, self._responding(current))
        elif current is None:
            self._show_grade(None)

    def _responding(self, rootlet: Rootlet) -> tuple[str, ...]:
        from rhizoviz.core.sdr.emg import emg_traces

        return responding_channels(emg_traces(self.patient.seed, rootlet))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        """First show: the 3D field takes a little under half the width."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.size_panes()

    def size_panes(self) -> None:
        """The 3D field a little under half the width (the EMG needs the rest)."""
        w = max(self.splitter.width(), self.width())
        share = 0.42 if self.presenting else 0.45
        self.splitter.setSizes([int(w * share), w - int(w * share)])

    # -- plumbing ---------------------------------------------------------------
    def render_now(self) -> None:
        """Ask for one frame of the 3D view (no auto-update timer: see the main window)."""
        if not self._closed:
            self.plotter.update()

    def render_sync(self) -> None:
        if not self._closed:
            self.plotter.render()

    def _status(self, text: str, timeout_ms: int = 8000) -> None:
        bar = self.statusBar()
        if bar is not None:
            bar.showMessage(text, timeout_ms)

    def grab_window(self) -> Any:
        """The window as an image with the 3D view freshly drawn into its place."""
        from rhizoviz.app.file_actions import grab_with_view

        self.render_sync()
        return grab_with_view(self, self.plotter)

    def closeEvent(self, event: QCloseEvent | None) -> None:  # noqa: N802 - Qt name
        if not self._closed:
            self._closed = True
            self.pointer.stop()
            self.plotter.removeEventFilter(self)
            self.session.changed.disconnect(self._on_session)
            self.grade_key.close()
            self.scene.close()
            self.plotter.close()
            self.closed.emit()
        super().closeEvent(event)

