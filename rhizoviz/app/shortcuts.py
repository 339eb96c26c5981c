"""Every command of the window in one table: keys, menu entry, toolbar button and Help line.

Keeping the commands as data means the Help → Keyboard shortcuts dialog can never
drift from what the keys do, a menu entry and its key cannot disagree, and the tests
can press every key the dialog names. :mod:`rhizoviz.app.actions` builds one
``QAction`` per row and lays out the menus and the toolbar from the table's order:

- each row names a method of its ``owner``: the main window, or a mode or panel
  (presentation, the SDR trainer, the worksheet dock; a quiz or a clinical case later)
  that registers itself under that name and so receives its rows' commands;
- ``menu`` is a menu path ("File", "View/Vertebrae"); rows appear in table order, with
  a separator wherever the ``group`` changes inside a menu or on the toolbar;
- a :class:`Slot` marks where the window puts actions made at run time (the presets,
  the palettes, the docks' on/off switches).

The Help dialog lists the rows that have keys, grouped by ``group``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass

from PyQt6.QtGui import QKeySequence
from PyQt6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

WINDOW = "window"  # the owner of most rows: the main window itself
# the menu bar, in order; a mode's menu goes before Help
MENU_BAR = ("File", "Edit", "Scenarios", "View", "Model", "Trainer", "Help")
MENU_TITLES: dict[str, str] = {  # a menu's (or submenu's) title with its & mnemonic
    "File": "&File",
    "Edit": "&Edit",
    "Scenarios": "S&cenarios",
    "View": "&View",
    "Vertebrae": "&Vertebrae",
    "Palette": "&Palette",
    "Model": "&Model",
    "Trainer": "&Trainer",
    "Learn": "&Learn",
    "Help": "&Help",
}


@dataclass(frozen=True)
class Command:
    """One command: what it does, its keys, and where it shows."""

    group: str  # Help section; a separator in menus and the toolbar where it changes
    command: str  # the owner's method to call
    keys: tuple[str, ...]  # QKeySequence portable text, first one shown in menus
    what: str  # the Help line and the tooltip
    _: KW_ONLY
    menu: str = ""  # menu path, e.g. "File" or "View/Vertebrae"; "" = keys only
    label: str = ""  # the menu text with its & mnemonic ("" = ``what``)
    toolbar: str = ""  # the toolbar button's short text ("" = not on the toolbar)
    checkable: bool = False
    owner: str = WINDOW


@dataclass(frozen=True)
class Slot:
    """A place in a menu (and the toolbar) for actions the window makes at run time."""

    group: str  # separators, as for a Command
    name: str  # the key of the slot's filler given to ``CommandActions``
    menu: str
    toolbar: bool = False


Row = Command | Slot

COMMANDS: tuple[Row, ...] = (
    Command("Roots", "level_up", ("Up",), "Select the level above"),
    Command("Roots", "level_down", ("Down",), "Select the level below"),
    Command("Roots", "select_left", ("Left",), "Select the left root of this level"),
    Command("Roots", "select_right", ("Right",), "Select the right root of this level"),
    Command("Roots", "toggle_selected", ("Space",), "Cut or restore the selected root"),
    Command("Roots", "fraction_up", ("+", "="), "Cut 10 % more of the rootlets"),
    Command("Roots", "fraction_down", ("-",), "Cut 10 % fewer of the rootlets"),
    Command("Roots", "cycle_root_kind", ("K",),
            "What a click cuts next: dorsal root, ventral root or ganglion",
            menu="Edit", label="Next &kind of root to cut"),
    Slot("Roots", "root_kinds", "Edit"),
    Command("Edit", "undo", ("Ctrl+Z",), "Undo", menu="Edit", label="&Undo", toolbar="Undo"),
    Command("Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo",
            menu="Edit", label="&Redo", toolbar="Redo"),
    Command("Edit", "reset", ("Ctrl+R",), "Reset: restore every root",
            menu="Edit", label="Reset: restore &every root"),
    Slot("Scenarios", "presets", "Scenarios"),
    Command("View", "view_anterior", ("1",), "View from the front",
            menu="View", label="&Anterior", toolbar="Anterior"),
    Command("View", "view_posterior", ("2",), "View from behind",
            menu="View", label="&Posterior", toolbar="Posterior"),
    Command("View", "view_left", ("3",), "View from the left",
            menu="View", label="&Left", toolbar="Left"),
    Command("View", "view_right", ("4",), "View from the right",
            menu="View", label="&Right", toolbar="Right"),
    Command("View", "view_spine", ("5",), "The spine from behind, as a surgeon sees it",
            menu="View", label="&Spine from behind", toolbar="Spine"),
    Command("View", "view_in_situ", ("6",),
            "The spine true to size inside the body: vertebra and cord segment names",
            menu="View", label="Spine &in the body", toolbar="In situ"),
    Command("View", "focus_selected", ("F",), "Close-up of the selected level",
            menu="View", label="Close-up of the selected &level", toolbar="Close-up"),
    Command("View", "reset_view", ("0",), "Reset the view",
            menu="View", label="Reset &view", toolbar="Reset view"),
    Command("Look", "toggle_modality", ("T",), "Skin shows light touch instead of pin prick",
            menu="View", label="Skin shows light &touch", toolbar="Touch", checkable=True),
    Slot("Look", "vertebrae", "View/Vertebrae"),
    Command("View", "cycle_vertebrae", ("V",), "Vertebrae: opaque, translucent, hidden",
            menu="View/Vertebrae", label="Next vertebrae setting", toolbar="Vertebrae"),
    Command("View", "toggle_dura", ("D",), "Show or hide the dural sac",
            menu="View/Vertebrae", label="&Dural sac", checkable=True),
    Slot("Look", "palettes", "View/Palette"),
    Slot("Model", "models", "Model", toolbar=True),
    Command("Model", "toggle_model", ("M",), "Switch between the overlap and textbook model",
            menu="Model", label="Switch model"),
    Slot("About the models", "model_note", "Model"),
    Command("Lessons", "next_lesson", ("N", "PgDown"), "Next lesson"),
    Command("Lessons", "previous_lesson", ("P", "PgUp"), "Previous lesson"),
    Command("Lessons", "focus_search", ("Ctrl+F",), "Search the lessons"),
    Command("Lessons", "toggle_lesson_panel", ("L",), "Show or hide the lesson beside the view"),
    Command("Lessons", "toggle_worksheet_panel", ("W",),
            "Show or hide the ISNCSCI worksheet beside the view", owner="worksheet"),
    Command("File", "open_scenario_dialog", ("Ctrl+O",), "Open a scenario file",
            menu="File", label="&Open scenario…"),
    Command("File", "save_scenario_dialog", ("Ctrl+S",), "Save the scenario to a file",
            menu="File", label="&Save scenario…"),
    Command("File", "open_lesson_dialog", ("Ctrl+L",), "Open your own lesson file",
            menu="File", label="Open &lesson…"),
    Command("Lecture", "copy_view", ("Ctrl+Shift+C",), "Copy the 3D view to the clipboard",
            menu="File", label="&Copy view to clipboard"),
    Command("Lecture", "export_png_dialog", ("Ctrl+E",), "Save a PNG figure with legend",
            menu="File", label="Save &figure as PNG…"),
    Command("Lecture", "save_outcome_dialog", ("Ctrl+T",), "Save the outcome as text",
            menu="File", label="Save outcome as &text…"),
    Command("Lecture", "export_worksheet_dialog", ("Ctrl+Shift+E",),
            "Export the ISNCSCI worksheet as PDF or PNG (A4)",
            menu="File", label="Export &worksheet…", owner="worksheet"),
    Command("Lecture", "toggle_presentation", ("F5",), "Presentation mode on or off",
            menu="View", label="&Presentation mode", toolbar="Present (F5)", checkable=True,
            owner="presentation"),
    Command("Lecture", "leave_presentation", ("Esc",),
            "Leave presentation mode (or: keys to the 3D)", owner="presentation"),
    Slot("Lecture", "docks", "View"),
    Command("File", "close", ("Ctrl+Q",), "Quit", menu="File", label="&Quit"),
    Command("Trainer", "open_trainer", ("Ctrl+Shift+T",),
            "Selective dorsal rhizotomy trainer: stimulate rootlets, choose what to cut",
            menu="Trainer", label="Selective &dorsal rhizotomy…", owner="trainer"),
    Command("Quiz", "start_quiz", ("Ctrl+Shift+Q",), "Open the quiz",
            menu="Learn", label="&Quiz…", owner="quiz"),
    Command("Quiz", "quiz_submit", ("Ctrl+Return",),
            "Submit the answer; once graded, the next question",
            menu="Learn", label="Submit answer / next question", owner="quiz"),
    Command("Quiz", "quiz_reveal", ("R",), "Reveal the answer on the body (lecture hall)",
            menu="Learn", label="&Reveal the answer", owner="quiz"),
    Command("Quiz", "quiz_toggle_truth", ("Y",),
            "After an answer: the body shows yours or the truth",
            menu="Learn", label="Body shows your answer or the &truth", owner="quiz"),
    Command("Quiz", "stop_quiz", (), "Stop the quiz: the cuts from before it come back",
            menu="Learn", label="&Stop the quiz", owner="quiz"),
    Command("Cases", "start_case", ("Ctrl+Shift+K",), "Open the clinical cases",
            menu="Learn", label="Clinical &cases…", owner="case"),
    Command("Cases", "case_next_step", ("Alt+Right",), "Next step of the case",
            menu="Learn", label="Next step of the case", owner="case"),
    Command("Cases", "case_previous_step", ("Alt+Left",), "Previous step of the case",
            menu="Learn", label="Previous step of the case", owner="case"),
    Command("Help", "show_shortcuts", ("F1",), "This list of shortcuts",
            menu="Help", label="&Keyboard shortcuts"),
    Command("Help", "show_about", (), "About rhizoviz", menu="Help", label="&About rhizoviz"),
)
PRESET_KEYS = "Ctrl+{n}"  # presets 1-9 in menu order

SHORTCUTS: tuple[Command, ...] = tuple(r for r in COMMANDS if isinstance(r, Command) and r.keys)


def by_command() -> dict[str, Command]:
    """Every command by its name (names are unique across owners)."""
    return {r.command: r for r in COMMANDS if isinstance(r, Command)}


def key_text(key: str) -> str:
    """A key as this platform names it (Ctrl on Linux, ⌘ on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def command_rows(commands: Iterable[Command]) -> list[str]:
    """HTML table rows for every command with keys: a heading per group (in order of
    first appearance), then each command's keys and what it does."""
    groups: dict[str, list[Command]] = {}
    for c in commands:
        if c.keys:
            groups.setdefault(c.group, []).append(c)
    rows = []
    for group, entries in groups.items():
        rows.append(f'<tr><td colspan="2"><h3>{html.escape(group)}</h3></td></tr>')
        for c in entries:
            keys = " or ".join(f"<b>{html.escape(key_text(k))}</b>" for k in c.keys)
            rows.append(f"<tr><td>{keys}</td><td>{html.escape(c.what)}</td></tr>")
    return rows


def shortcuts_html(preset_names: list[str], commands: Iterable[Command] = SHORTCUTS) -> str:
    """The Help page: every command with keys, grouped, then the presets' keys."""
    rows = command_rows(commands)
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

    def __init__(
        self,
        preset_names: list[str],
        parent: QWidget | None = None,
        commands: Iterable[Command] = SHORTCUTS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(shortcuts_html(preset_names, commands))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
