"""The window's QActions, menus and toolbar, built from the command table.

:mod:`rhizoviz.app.shortcuts` says what each command is; this module makes it
real: one ``QAction`` per row (keys, menu text, tooltip, toolbar text), added to the
window itself so its keys work with the menu bar hidden (presentation mode), placed in
its menu and on the toolbar in table order. The window and each mode register as the
``owner`` of their rows; a row whose owner has not registered is shown disabled.
Slots are filled by callbacks and may grow later (a new dock's on/off switch), so a
mode or dock adds its entries without touching the menus' code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PyQt6.QtGui import QAction, QKeySequence
from PyQt6.QtWidgets import QMainWindow, QMenu, QToolBar

from rhizoviz.app.shortcuts import COMMANDS, MENU_BAR, MENU_TITLES, Command, Row, Slot

SlotFill = Callable[[], Sequence[QAction]]


class CommandActions:
    """Every command's QAction, the menus by path and the toolbar, for one window."""

    def __init__(
        self,
        window: QMainWindow,
        slots: Mapping[str, SlotFill],
        rows: Sequence[Row] = COMMANDS,
    ) -> None:
        self.window = window
        self.rows = tuple(rows)
        self.actions: dict[str, QAction] = {}
        self._owners: dict[str, Any] = {}
        self._menus: dict[str, QMenu] = {}
        self._last_group: dict[int, str] = {}  # per menu or toolbar: separators
        self._slot_ends: dict[str, QAction] = {}  # a slot's last action, to add after
        self._slot_places: dict[str, tuple[QMenu, bool]] = {}
        self.toolbar = QToolBar("Tools", window)
        self.toolbar.setObjectName("toolbar-main")
        window.addToolBar(self.toolbar)
        bar = window.menuBar()
        assert bar is not None
        for name in MENU_BAR:  # the menu bar's order, whatever order the rows come in
            self._menus[name] = bar.addMenu(MENU_TITLES.get(name, name))
        for row in self.rows:
            if isinstance(row, Command):
                self._add_command(row)
            else:
                self._add_slot(row, slots[row.name]())

    # -- reading -----------------------------------------------------------------
    def action(self, name: str) -> QAction:
        """The QAction of a command of the table (KeyError naming it if there is none)."""
        return self.actions[name]

    def menu(self, path: str) -> QMenu:
        """The menu at ``path`` ("View/Vertebrae"), made on first use; a new top-level
        menu (a mode's) goes before Help."""
        if path in self._menus:
            return self._menus[path]
        parent_path, _, name = path.rpartition("/")
        title = MENU_TITLES.get(name, name)
        if parent_path:
            parent = self.menu(parent_path)
            menu = QMenu(title, parent)
            parent.addMenu(menu)
        else:
            bar = self.window.menuBar()
            assert bar is not None
            menu = QMenu(title, bar)
            help_menu = self._menus.get("Help")
            if help_menu is not None:
                bar.insertMenu(help_menu.menuAction(), menu)
            else:
                bar.addMenu(menu)
        self._menus[path] = menu
        return menu

    # -- owners and slots ------------------------------------------------------------
    def register(self, owner: str, target: Any) -> None:
        """``target`` now runs the commands of ``owner``'s rows (a mode calls this)."""
        rows = [r for r in self.rows if isinstance(r, Command) and r.owner == owner]
        missing = [r.command for r in rows if not callable(getattr(target, r.command, None))]
        if missing:
            raise TypeError(f"{type(target).__name__} lacks the commands {', '.join(missing)}")
        self._owners[owner] = target
        for row in rows:
            self.actions[row.command].setEnabled(True)

    def extend_slot(self, name: str, actions: Iterable[QAction]) -> None:
        """Add actions at the end of a slot, after what it holds (a new dock's switch)."""
        menu, on_toolbar = self._slot_places[name]
        for action in actions:
            end = self._slot_ends[name]
            following = _after(menu.actions(), end)
            if following is None:
                menu.addAction(action)
            else:
                menu.insertAction(following, action)
            if on_toolbar:
                following = _after(self.toolbar.actions(), end)
                if following is None:
                    self.toolbar.addAction(action)
                else:
                    self.toolbar.insertAction(following, action)
            self._slot_ends[name] = action

    # -- building ------------------------------------------------------------------
    def _add_command(self, row: Command) -> None:
        if row.command in self.actions:
            raise ValueError(f"command {row.command!r} is in the table twice")
        action = QAction(row.label or row.what, self.window)
        if row.keys:
            action.setShortcuts([QKeySequence(k) for k in row.keys])
            action.setToolTip(f"{row.what} ({QKeySequence(row.keys[0]).toString()})")
        else:
            action.setToolTip(row.what)
        action.setCheckable(row.checkable)
        if row.toolbar:
            action.setIconText(row.toolbar)
        action.triggered.connect(lambda _=False, r=row: self._run(r))
        action.setEnabled(row.owner in self._owners)
        self.window.addAction(action)  # keys work with the menu bar hidden (presentation)
        self.actions[row.command] = action
        if row.menu:
            self._place(self._menu_for(row.menu, row.group), action, row.group)
        if row.toolbar:
            self._place(self.toolbar, action, row.group)

    def _add_slot(self, row: Slot, actions: Sequence[QAction]) -> None:
        menu = self._menu_for(row.menu, row.group)
        self._slot_places[row.name] = (menu, row.toolbar)
        # an invisible marker holds the slot's place, even while it is empty
        marker = QAction(self.window)
        marker.setVisible(False)
        for action in (marker, *actions):
            self._place(menu, action, row.group)
            if row.toolbar:
                self._place(self.toolbar, action, row.group)
            self._slot_ends[row.name] = action

    def _menu_for(self, path: str, group: str) -> QMenu:
        """The menu at ``path``; a submenu made now is placed as an entry of ``group``."""
        if path in self._menus:
            return self._menus[path]
        parent_path = path.rpartition("/")[0]
        if parent_path:
            parent = self.menu(parent_path)
            self._separate(parent, group)
        return self.menu(path)

    def _place(self, container: QMenu | QToolBar, action: QAction, group: str) -> None:
        self._separate(container, group)
        container.addAction(action)

    def _separate(self, container: QMenu | QToolBar, group: str) -> None:
        """A separator where the group changes inside one menu or on the toolbar."""
        last = self._last_group.get(id(container))
        if last is not None and last != group:
            container.addSeparator()
        self._last_group[id(container)] = group

    def _run(self, row: Command) -> None:
        target = self._owners.get(row.owner)
        if target is not None:
            getattr(target, row.command)()


def _after(actions: list[QAction], action: QAction) -> QAction | None:
    """The action following ``action`` in ``actions`` (None: at the end, or not there)."""
    if action not in actions:
        return None
    i = actions.index(action)
    return actions[i + 1] if i + 1 < len(actions) else None
