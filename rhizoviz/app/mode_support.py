"""What the quiz and the case modes share: a dock, the pointer, locked editing, lessons.

A mode borrows the main window for a while: it puts its own dock beside the 3D view,
takes the view's clicks and hover (a quiz must not name a level the student is asked
for), may lock the cuts (a where-is-the-loss question's cuts are part of the question),
opens the lesson that teaches a point, and gives everything back when it ends. Only the
window's public parts are used, so the modes stay out of the window's own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PyQt6.QtCore import QEvent, QObject, Qt
from PyQt6.QtGui import QAction, QKeyEvent
from PyQt6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QWidget

from rhizoviz.core.quiz_explain import resolve_lesson_link

#: Commands that change the cuts or the model: off while a mode locks the session.
EDITING_COMMANDS: tuple[str, ...] = (
    "toggle_selected", "fraction_up", "fraction_down", "undo", "redo", "reset", "toggle_model",
    "open_scenario_dialog",
)
PRESENTATION_PT = 26  # a mode's text in presentation mode: read from the back of a hall
NORMAL_PT = 0  # 0: the application's font


def window_action(window: Any, name: str) -> QAction | None:
    """The window's QAction for a command name, whichever way the window keeps them."""
    table = getattr(window, "actions_by_command", None)
    if isinstance(table, dict):
        return table.get(name)
    commands = getattr(window, "command_actions", None)
    if commands is not None:
        return getattr(commands, "actions", {}).get(name)
    return None


def add_mode_dock(window: Any, title: str, widget: QWidget) -> QDockWidget:
    """A dock on the right, just below the lesson: the lesson keeps its place at the top
    of the column, above the outcome panel (splitting the other way round moved the lesson
    below the outcome in every window, a mode running or not)."""
    right = Qt.DockWidgetArea.RightDockWidgetArea
    add = getattr(window, "add_dock", None)
    if callable(add):  # the window's own: its switch goes in the View menu
        dock = add(title, widget, right)
    else:
        dock = QDockWidget(title, window)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        window.addDockWidget(right, dock)
    lesson = getattr(window, "lesson_dock", None)
    if lesson is not None:
        window.splitDockWidget(lesson, dock, Qt.Orientation.Vertical)
    keep_control_keys(widget)
    dock.hide()
    return dock


def finding_docks(window: Any) -> list[QDockWidget]:
    """The docks that spell out the findings of the session's cuts (the outcome panel, the
    ISNCSCI worksheet): a quiz hides them while they would give the answer away."""
    docks = [window.outcome_dock]
    worksheet = getattr(window, "worksheet", None)
    if worksheet is not None:
        docks.append(worksheet.dock)
    return docks


def open_lesson(window: Any, link: str) -> bool:
    """Show the lesson ``NN-name#anchor`` in the lesson dock, scrolled to its heading."""
    view = window.lesson_view
    found = resolve_lesson_link(link, view.lessons)
    if found is None:
        return False
    index, anchor = found
    window.lesson_dock.show()
    view.show_lesson(index)
    view.browser.scrollToAnchor(anchor)
    return True


class PointerBorrow(QObject):
    """Send the 3D view's clicks and hover to a mode instead of the window, and back."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self._click: Callable[[float, float], None] | None = None
        self._hover: Callable[[float, float], None] | None = None

    def take(self, click: Callable[[float, float], None],
             hover: Callable[[float, float], None]) -> None:
        self.give_back()
        pointer = self.window.pointer
        pointer.clicked.disconnect(self.window.click_at)
        pointer.hovered.disconnect(self.window.hover_at)
        pointer.clicked.connect(click)
        pointer.hovered.connect(hover)
        self._click, self._hover, self.active = click, hover, True

    def give_back(self) -> None:
        if not self.active:
            return
        pointer = self.window.pointer
        pointer.clicked.disconnect(self._click)
        pointer.hovered.disconnect(self._hover)
        pointer.clicked.connect(self.window.click_at)
        pointer.hovered.connect(self.window.hover_at)
        self._click = self._hover = None
        self.active = False


class EditLock:
    """Turn off the commands and panels that change the cuts, and on again."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.locked = False
        self._disabled: list[QAction] = []

    def _actions(self) -> Iterable[QAction]:
        for name in EDITING_COMMANDS:
            action = window_action(self.window, name)
            if action is not None:
                yield action
        for group in ("model_group",):
            actions = getattr(self.window, group, None)
            if actions is not None:
                yield from actions.actions()

    def set(self, locked: bool) -> None:
        if locked == self.locked:
            return
        self.locked = locked
        self.window.level_panel.setEnabled(not locked)
        if locked:
            self._disabled = [a for a in self._actions() if a.isEnabled()]
            for action in self._disabled:
                action.setEnabled(False)
        else:
            for action in self._disabled:
                action.setEnabled(True)
            self._disabled = []
            update = getattr(self.window, "_update_actions", None)
            if callable(update):
                update()  # undo/redo enabled as the session says


def show_hover(window: Any, text: str) -> None:
    """The window's hover line (status bar and tooltip) says ``text``."""
    show = getattr(window, "show_hover", None)
    if callable(show):
        show(text)
    else:
        window.hover_label.setText(text)
        window.plotter.setToolTip(text)


def set_point_size(widget: QWidget, points: float) -> None:
    """A mode's dock in presentation mode: every child's text at ``points`` (0: default)."""
    box = int(points * 1.1)
    widget.setStyleSheet(
        f"* {{ font-size: {points:g}pt; }} "
        f"QCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px; "
        "border: 3px solid #ffffff; background: #000000; } "
        "QRadioButton::indicator { border-radius: " + str(box // 2 + 3) + "px; } "
        "QCheckBox::indicator:checked, QRadioButton::indicator:checked "
        "{ background: #59c8ff; }" if points else "")


def fit_presentation(window: Any, dock: QDockWidget, share: float = 0.42) -> None:
    """In the lecture hall a mode's dock takes ``share`` of the width beside the body,
    instead of the lesson (a link opens the lesson again)."""
    if not window.presenting or dock.isHidden():  # isHidden: the window may not be shown yet
        return
    window.lesson_dock.hide()
    window.resizeDocks([dock], [int(window.width() * share)], Qt.Orientation.Horizontal)


#: Keys a focused control needs for itself, though the window binds them (arrows walk the
#: levels, Space cuts a root): a combo box's arrows, a tick box's Space.
CONTROL_KEYS = frozenset({
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space,
    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
})


class _KeepControlKeys(QObject):
    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        if (event is not None and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and Qt.Key(event.key()) in CONTROL_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            event.accept()  # the control gets the key press, not the window's shortcut
        return False


def keep_control_keys(root: QWidget) -> None:
    """Let the combo boxes, buttons and spin boxes under ``root`` keep their own keys."""
    keeper = root.findChild(_KeepControlKeys)
    if keeper is None:
        keeper = _KeepControlKeys(root)
    for kind in (QComboBox, QAbstractButton, QAbstractSpinBox):
        for widget in root.findChildren(kind):
            widget.removeEventFilter(keeper)
            widget.installEventFilter(keeper)


