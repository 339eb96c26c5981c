"""Presentation mode: the window made readable from the back of a lecture hall.

Full screen, the lesson in large type beside the body, thick roots, high contrast,
and no menu bar, status bar or side panels; Esc (or F5) restores the window exactly
as it was. It is a mode of the window, not part of it: it owns its two commands
(``owner="presentation"`` in :mod:`rhizoviz.app.shortcuts`) and registers itself to
receive them, the way a later mode (a quiz, a clinical case) would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PyQt6.QtCore import QByteArray, QTimer

from rhizoviz.scene.palette import DEFAULT_PALETTE

if TYPE_CHECKING:
    from rhizoviz.app.main_window import MainWindow

OWNER = "presentation"
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


class PresentationMode:
    """Turns the window's presentation mode on and off; remembers how to undo it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.on = False
        self.state_before: QByteArray | None = None  # the docks as they were, to restore
        self._was_maximised = False
        window.command_actions.register(OWNER, self)

    def palette_name(self, chosen: str) -> str:
        """The palette to show: high contrast while presenting, unless one was chosen."""
        return PRESENTATION_PALETTE if self.on and chosen == DEFAULT_PALETTE else chosen

    # -- the mode's commands ---------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.set(not self.on)

    def leave_presentation(self) -> None:
        """Esc: leave presentation mode, or else give the keys back to the 3D view."""
        if self.on:
            self.set(False)
        else:
            self.window.plotter.setFocus()

    def set(self, on: bool, fullscreen: bool = True) -> None:
        """Lecture-hall mode: full screen, big text, thick roots, high contrast, few panels."""
        if on == self.on:
            return
        self.on = on
        if on:
            self._enter(fullscreen)
        else:
            self._leave()
        w = self.window
        w.show_caption()
        w.show_palette()
        w.command("toggle_presentation").setChecked(on)

    def _enter(self, fullscreen: bool) -> None:
        w = self.window
        self.state_before = w.saveState()
        self._was_maximised = w.isMaximized()
        w.level_dock.hide()
        w.outcome_dock.hide()
        w.worksheet.dock.hide()  # its A4 type is unreadable from the back row; W shows it
        w.lesson_dock.show()
        for bar in (w.menuBar(), w.statusBar()):
            if bar is not None:
                bar.hide()
        w.setStyleSheet(PRESENTATION_STYLE)
        w.lesson_view.set_point_size(PRESENTATION_TEXT_PT)
        w.lesson_view.set_dark(True)
        w.lesson_view.setStyleSheet(
            f"QComboBox, QPushButton, QLineEdit {{ font-size: {PRESENTATION_CONTROL_PT}pt; }}"
            f"QTextBrowser {{ font-size: {PRESENTATION_TEXT_PT}pt; }}"
        )
        w.toolbar.setStyleSheet(f"QToolButton {{ font-size: {PRESENTATION_CONTROL_PT}pt; }}")
        QTimer.singleShot(0, w.size_docks)  # once the full-screen size is known
        w.scene.set_presentation(True, render=False)
        if fullscreen:
            w.showFullScreen()

    def _leave(self) -> None:
        w = self.window
        w.setStyleSheet("")
        w.toolbar.setStyleSheet("")
        w.lesson_view.setStyleSheet("")
        w.lesson_view.set_point_size(w.font().pointSizeF())
        w.lesson_view.set_dark(False)
        for bar in (w.menuBar(), w.statusBar()):
            if bar is not None:
                bar.show()
        if self.state_before is not None:
            w.restoreState(self.state_before)
        w.scene.set_presentation(False, render=False)
        if w.isFullScreen():
            if self._was_maximised:
                w.showMaximized()
            else:
                w.showNormal()
