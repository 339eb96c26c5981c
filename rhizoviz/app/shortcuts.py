"""Every keyboard shortcut in one table: the window binds from it, Help lists it.

Keeping the keys as data means the Help → Keyboard shortcuts dialog can never drift
from what the keys do, and the tests can press every key the dialog names. Each
entry names a method of the main window to call.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PyQt6.QtGui import QKeySequence
from PyQt6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Shortcut:
    group: str
    command: str  # MainWindow method name
    keys: tuple[str, ...]  # QKeySequence portable text, first one shown in menus
    what: str


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("Roots", "level_up", ("Up",), "Select the level above"),
    Shortcut("Roots", "level_down", ("Down",), "Select the level below"),
    Shortcut("Roots", "select_left", ("Left",), "Select the left root of this level"),
    Shortcut("Roots", "select_right", ("Right",), "Select the right root of this level"),
    Shortcut("Roots", "toggle_selected", ("Space",), "Cut or restore the selected root"),
    Shortcut("Roots", "fraction_up", ("+", "="), "Cut 10 % more of the rootlets"),
    Shortcut("Roots", "fraction_down", ("-",), "Cut 10 % fewer of the rootlets"),
    Shortcut("Roots", "toggle_model", ("M",), "Switch between the overlap and textbook model"),
    Shortcut("Edit", "undo", ("Ctrl+Z",), "Undo"),
    Shortcut("Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    Shortcut("Edit", "reset", ("Ctrl+R",), "Reset: restore every root"),
    Shortcut("View", "view_anterior", ("1",), "View from the front"),
    Shortcut("View", "view_posterior", ("2",), "View from behind"),
    Shortcut("View", "view_left", ("3",), "View from the left"),
    Shortcut("View", "view_right", ("4",), "View from the right"),
    Shortcut("View", "view_spine", ("5",), "The spine from behind, as a surgeon sees it"),
    Shortcut("View", "focus_selected", ("F",), "Close-up of the selected level"),
    Shortcut("View", "reset_view", ("0",), "Reset the view"),
    Shortcut("View", "cycle_vertebrae", ("V",), "Vertebrae: opaque, translucent, hidden"),
    Shortcut("Lessons", "next_lesson", ("N", "PgDown"), "Next lesson"),
    Shortcut("Lessons", "previous_lesson", ("P", "PgUp"), "Previous lesson"),
    Shortcut("Lessons", "focus_search", ("Ctrl+F",), "Search the lessons"),
    Shortcut("Lessons", "toggle_lesson_panel", ("L",), "Show or hide the lesson beside the view"),
    Shortcut("Lecture", "toggle_presentation", ("F5",), "Presentation mode on or off"),
    Shortcut(
        "Lecture", "leave_presentation", ("Esc",), "Leave presentation mode (or: keys to the 3D)"
    ),
    Shortcut("Lecture", "copy_view", ("Ctrl+Shift+C",), "Copy the 3D view to the clipboard"),
    Shortcut("Lecture", "export_png_dialog", ("Ctrl+E",), "Save a PNG figure with legend"),
    Shortcut("Lecture", "save_outcome_dialog", ("Ctrl+T",), "Save the outcome as text"),
    Shortcut("File", "open_scenario_dialog", ("Ctrl+O",), "Open a scenario file"),
    Shortcut("File", "save_scenario_dialog", ("Ctrl+S",), "Save the scenario to a file"),
    Shortcut("File", "open_lesson_dialog", ("Ctrl+L",), "Open your own lesson file"),
    Shortcut("File", "close", ("Ctrl+Q",), "Quit"),
    Shortcut("Help", "show_shortcuts", ("F1",), "This list of shortcuts"),
)
PRESET_KEYS = "Ctrl+{n}"  # presets 1-9 in menu order


def by_command() -> dict[str, Shortcut]:
    return {s.command: s for s in SHORTCUTS}


def key_text(key: str) -> str:
    """A key as this platform names it (Ctrl on Linux, ⌘ on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def shortcuts_html(preset_names: list[str]) -> str:
    rows = []
    group = None
    for s in SHORTCUTS:
        if s.group != group:
            group = s.group
            rows.append(f'<tr><td colspan="2"><h3>{html.escape(group)}</h3></td></tr>')
        keys = " or ".join(f"<b>{html.escape(key_text(k))}</b>" for k in s.keys)
        rows.append(f"<tr><td>{keys}</td><td>{html.escape(s.what)}</td></tr>")
    rows.append('<tr><td colspan="2"><h3>Scenarios</h3></td></tr>')
    for i, name in enumerate(preset_names[:9]):
        key = key_text(PRESET_KEYS.format(n=i + 1))
        rows.append(f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(name)}</td></tr>")
    return (
        "<p>Every command works from the keyboard. Arrow keys walk the levels unless a text "
        "field or the lesson text has the focus (press Esc or click the 3D view to return).</p>"
        f'<table cellspacing="0" cellpadding="4">{"".join(rows)}</table>'
    )


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: the table above, rendered."""

    def __init__(self, preset_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(shortcuts_html(preset_names))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
