"""The command table builds the menus, the toolbar and the keys; modes and docks plug in."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QLabel, QMainWindow, QMenu

from rhizoviz.app.actions import CommandActions
from rhizoviz.app.shortcuts import COMMANDS, MENU_TITLES, Command, Slot


def entries(menu: QMenu) -> list[str]:
    """A menu's visible entries, '-' for separators, 'Title >' for submenus."""
    out = []
    for a in menu.actions():
        if a.isSeparator():
            out.append("-")
        elif a.menu() is not None:
            out.append(f"{a.text()} >")
        elif a.isVisible():
            out.append(a.text())
    return out


class Quiz:
    """A stand-in mode with one command."""

    def __init__(self) -> None:
        self.asked = 0

    def ask(self) -> None:
        self.asked += 1


class Host:
    def __init__(self) -> None:
        self.saved = 0

    def save(self) -> None:
        self.saved += 1


ROWS = (
    Command("Files", "save", ("Ctrl+S",), "Save the thing", menu="File", label="&Save",
            toolbar="Save"),
    Slot("Recent", "recent", "File"),
    Command("Quiz", "ask", ("Q",), "Ask a question", menu="Quiz", label="&Ask", toolbar="Ask",
            owner="quiz"),
    Slot("Panels", "docks", "View/Panels"),
)


@pytest.fixture
def host_window(qtbot):  # noqa: ANN001, ANN201
    window = QMainWindow()
    qtbot.addWidget(window)
    recent = [QAction("a.json", window)]
    acts = CommandActions(window, {"recent": lambda: recent, "docks": list}, ROWS)
    host = Host()
    acts.register("window", host)
    return window, acts, host


def test_rows_become_menus_toolbar_and_keys(host_window) -> None:  # noqa: ANN001
    window, acts, host = host_window
    file_menu = acts.menu("File")
    assert entries(file_menu) == ["&Save", "-", "a.json"]
    save = acts.action("save")
    assert save.shortcut() == QKeySequence("Ctrl+S") and save in window.actions()
    assert "Save the thing" in save.toolTip()
    assert [a.iconText() for a in acts.toolbar.actions() if a.isVisible()
            and not a.isSeparator()] == ["Save", "Ask"]
    # a mode's menu goes before Help, after the standard ones
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("Quiz") == titles.index(MENU_TITLES["Help"]) - 1
    save.trigger()
    assert host.saved == 1


def test_a_mode_runs_its_rows_once_registered(host_window) -> None:  # noqa: ANN001
    _window, acts, _host = host_window
    ask = acts.action("ask")
    assert not ask.isEnabled()  # nobody to run it yet
    quiz = Quiz()
    acts.register("quiz", quiz)
    assert ask.isEnabled()
    ask.trigger()
    assert quiz.asked == 1


def test_a_mode_without_the_method_is_refused(host_window) -> None:  # noqa: ANN001
    _window, acts, _host = host_window
    with pytest.raises(TypeError, match="ask"):
        acts.register("quiz", object())


def test_a_slot_grows_in_place(host_window) -> None:  # noqa: ANN001
    window, acts, _host = host_window
    view = acts.menu("View")
    later = QAction("Bottom", window)
    view.addAction(later)  # something after the slot's submenu
    panels = acts.menu("View/Panels")
    first, second = QAction("Worksheet", window), QAction("Notes", window)
    acts.extend_slot("docks", [first])
    acts.extend_slot("docks", [second])
    assert entries(panels) == ["Worksheet", "Notes"]
    assert entries(view)[-1] == "Bottom"


def test_a_command_twice_is_refused(qtbot) -> None:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    with pytest.raises(ValueError, match="twice"):
        CommandActions(window, {}, (ROWS[0], ROWS[0]))


def test_the_window_menus_hold_every_row_of_the_table(window) -> None:  # noqa: ANN001
    for row in COMMANDS:
        if isinstance(row, Command):
            action = window.command(row.command)
            # undo/redo with nothing to undo, and a mode's commands while it is not running
            # (answering a quiz, stepping a case) are off; starting a mode never is
            idle_mode = row.owner in ("quiz", "case") and not row.command.startswith("start_")
            assert action.isEnabled() or row.command in ("undo", "redo") or idle_mode, \
                row.command
            if row.menu:
                assert action in window.command_actions.menu(row.menu).actions(), row.command
            if row.toolbar:
                assert action in window.toolbar.actions(), row.command


def test_a_dock_added_later_gets_its_switch_beside_the_others(window) -> None:  # noqa: ANN001
    view = window.command_actions.menu("View")
    dock = window.add_dock("Worksheet", QLabel("ISNCSCI"), Qt.DockWidgetArea.RightDockWidgetArea)
    texts = entries(view)
    last_before = window.docks[-2].windowTitle()  # the quiz's and the case's docks count too
    assert texts[texts.index(last_before) + 1] == "Worksheet"
    assert dock.toggleViewAction() in view.actions()


def test_the_lesson_stands_above_the_outcome_with_the_modes_installed(window):  # noqa: ANN001
    """The mode docks go below the lesson: the lesson keeps the top of the right column."""
    assert window.lesson_dock.isVisible() and window.outcome_dock.isVisible()
    assert window.lesson_dock.geometry().bottom() < window.outcome_dock.geometry().top()
