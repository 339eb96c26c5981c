"""The level panel: a left and a right button per level, grouped by region.

It only shows the session's cuts and sends intents. A three-way choice says which root
a click cuts: the dorsal root (the default), the ventral root, or the dorsal root
ganglion; the buttons show the state of that kind of root. A plain click toggles one
root (or both, with "Both sides" ticked); a shift-click cuts every root from the last
clicked level to this one in one undo step; the slider sets the fraction of rootlets
the next cut takes and, when the selected root is already cut, re-cuts it to that
fraction (a ganglion is removed whole: the slider rests). The panel also owns the
keyboard "cursor" (selected level and side) so the whole cut workflow works without a
mouse.
"""

from __future__ import annotations

from collections.abc import Iterable

from PyQt6.QtCore import QSignalBlocker, Qt, pyqtSignal
from PyQt6.QtGui import QFocusEvent, QMouseEvent
from PyQt6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.app.session_qt import QtSession
from rhizoviz.core.atlas import SIDES
from rhizoviz.core.cuts import DORSAL, GANGLION, ROOT_KINDS, VENTRAL, format_fraction
from rhizoviz.core.report import root_name, root_state
from rhizoviz.core.session import State

Root = tuple[str, str]
# the choice of what a click cuts: (kind, button text, tooltip)
KIND_CHOICES: tuple[tuple[str, str, str], ...] = (
    (DORSAL, "Dorsal", "Clicks cut dorsal roots (sensory): the rhizotomy"),
    (VENTRAL, "Ventral", "Clicks cut ventral roots (motor): weakness, no change in the skin"),
    (GANGLION, "Ganglion", "Clicks remove dorsal root ganglia, whole (ganglionectomy)"),
)

STYLE = """
QPushButton[rootState="intact"] {{ background: #f4f4f4; color: #202020; }}
{kinds}
QPushButton[selected="true"] {{ border: 3px solid #1f5fbf; }}
QPushButton[selected="false"] {{ border: 1px solid #9a9a9a; margin: 2px; }}
QPushButton {{ padding: 2px 6px; border-radius: 3px; }}
QPushButton[kindChoice="true"] {{ background: #f4f4f4; color: #202020;
    border: 1px solid #9a9a9a; padding: 2px 1px; }}
QPushButton[kindChoice="true"]:checked {{ background: #1f5fbf; color: #ffffff;
    border: 1px solid #1f5fbf; font-weight: bold; }}
"""


# one kind's cut colours: each button carries its kind, so choosing another kind restyles
# only the buttons (as a cut does), never the whole panel's style sheet
KIND_STYLE = """
QPushButton[rootKind="{kind}"][rootState="partial"] {{
    background: {partial}; color: {partial_text}; }}
QPushButton[rootKind="{kind}"][rootState="cut"] {{
    background: {cut}; color: {cut_text}; font-weight: bold; }}"""


def _text_on(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (#rrggbb)."""
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


class RootButton(QPushButton):
    """A button for one root that remembers whether shift was held on the click."""

    focused = pyqtSignal(str, str)

    def __init__(self, level: str, side: str, parent: QWidget | None = None) -> None:
        super().__init__(level, parent)
        self.root: Root = (level, side)
        self.shift_held = False
        self.held = False  # repaint held until the panel shows the click's outcome
        self._shown: tuple[float, bool, str] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_state(self, fraction: float, selected: bool, root: str = DORSAL) -> None:
        """Text, colour and border for the root's cut and the cursor; only what changed."""
        if self._shown == (fraction, selected, root):
            return
        self._shown = (fraction, selected, root)
        level, side = self.root
        kind = "intact" if fraction <= 0 else "cut" if fraction >= 1.0 else "partial"
        cut_word = "removed" if root == GANGLION else "cut"
        text = {"intact": level, "cut": f"{level}  {cut_word}"}.get(
            kind, f"{level}  {format_fraction(fraction)}")
        self.setText(text)
        self.setAccessibleName(f"{root_name(level, side, root)}: "
                               f"{cut_word if kind == 'cut' else kind}")
        self._set_prop("rootState", kind)
        self._set_prop("rootKind", root)
        self._set_prop("selected", "true" if selected else "false")

    def _set_prop(self, name: str, value: str) -> None:
        if self.property(name) != value:
            self.setProperty(name, value)
            style = self.style()
            if style is not None:
                style.unpolish(self)
                style.polish(self)

    def focusInEvent(self, event: QFocusEvent | None) -> None:  # noqa: N802 - Qt name
        """Tabbing onto a root makes it the selected one, so Space acts on what has focus."""
        super().focusInEvent(event)
        self.focused.emit(*self.root)

    def mouseReleaseEvent(self, event: QMouseEvent | None) -> None:  # noqa: N802 - Qt name
        # QApplication.keyboardModifiers() is not reliable for synthesised clicks; the
        # event's own modifiers are.
        self.shift_held = bool(
            event is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        # Qt repaints a released button at once, before it emits clicked, and that
        # repaint flushes the window around the 3D view before the view's own frame
        # (about 3.5 ms of a cut on software OpenGL, measured). Updates stay off
        # through the click; when the click cut or restored a root, the panel keeps
        # them off until it shows the outcome, right after the cut's 3D frame.
        self.setUpdatesEnabled(False)
        try:
            super().mouseReleaseEvent(event)
        finally:
            if not self.held:
                self.setUpdatesEnabled(True)

    def release(self) -> None:
        """Repaint again (the panel now shows what the click did)."""
        if self.held:
            self.held = False
            self.setUpdatesEnabled(True)


class LevelPanel(QWidget):
    """Region-grouped left/right root buttons, a both-sides switch and a fraction slider."""

    selectionChanged = pyqtSignal(str, str)  # noqa: N815 - Qt signal naming
    rootKindChanged = pyqtSignal(str)  # noqa: N815 - what a click cuts now

    def __init__(self, session: QtSession, parent: QWidget | None = None, *,
                 follow: bool = True) -> None:
        """``follow``: refresh on every change of the session. The main window passes
        False and refreshes the panel itself, right after the 3D view's frame."""
        super().__init__(parent)
        self.session = session
        self._shown_state: State | None = None  # the state the buttons show
        self._held: list[RootButton] = []
        self.buttons: dict[Root, RootButton] = {}
        self.selected: Root = ("C6", "left")
        self._anchor: Root | None = None
        self.root_kind = DORSAL
        self._kind_colours: dict[str, tuple[str, str]] = {
            DORSAL: ("#b3202a", "#f2b134"), VENTRAL: ("#7b2fd0", "#b9a3ff"),
            GANGLION: ("#d0309f", "#d0309f")}
        self._apply_style()

        self.kind_buttons: dict[str, QPushButton] = {}
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        for kind, text, tip in KIND_CHOICES:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("kindChoice", "true")
            button.setChecked(kind == self.root_kind)
            button.setToolTip(tip)
            button.setAccessibleName(f"Clicks cut: {text.lower()}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, k=kind: self.set_root_kind(k))
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button

        self.both_sides = QCheckBox("Both sides")
        self.both_sides.setToolTip("Clicks cut or restore the left and right root together")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setValue(100)
        self.slider.setTracking(False)  # one undo step per drag, not one per pixel
        self.slider.setToolTip(
            "Share of the rootlets a cut takes. Moving it re-cuts the selected root if it "
            "is already cut; 0 % restores it."
        )
        self.slider_label = QLabel()
        self.slider_label.setMinimumWidth(48)
        self.selection_label = QLabel()
        self.selection_label.setWordWrap(True)
        # What changes on every click must not move the buttons: a layout shift repaints
        # the whole panel and composites the window once more (~15 ms). Two lines are
        # kept for the selection, the columns share the width equally, and a selected
        # button's thick border takes the place of the others' margin (STYLE).
        self.selection_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())

        top = QVBoxLayout(self)
        top.setContentsMargins(4, 4, 4, 4)
        hint = QLabel("Click a root to cut or restore it; shift-click cuts a range.")
        hint.setWordWrap(True)
        top.addWidget(hint)
        top.addWidget(QLabel("A click cuts the:"))
        kind_row = QHBoxLayout()
        kind_row.setSpacing(2)
        for button in self.kind_buttons.values():
            kind_row.addWidget(button, 1)
        top.addLayout(kind_row)
        frac_row = QHBoxLayout()
        frac_row.addWidget(QLabel("Rootlets cut"))
        frac_row.addWidget(self.slider, 1)
        frac_row.addWidget(self.slider_label)
        top.addLayout(frac_row)
        top.addWidget(self.both_sides)
        top.addWidget(self.selection_label)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for col in range(len(SIDES)):
            grid.setColumnStretch(col, 1)
        row = 0
        for col, side in enumerate(SIDES):
            head = QLabel(f"<b>{side.capitalize()}</b>")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, row, col)
        row += 1
        atlas = session.atlas
        for region in atlas.regions:
            title = QLabel(f"<b>{region.label}</b>")
            title.setContentsMargins(0, 6, 0, 0)
            grid.addWidget(title, row, 0, 1, 2)
            row += 1
            for level in atlas.levels_in_region(region.name):
                for col, side in enumerate(SIDES):
                    button = RootButton(level, side)
                    button.setToolTip(root_name(level, side))
                    button.clicked.connect(lambda _=False, b=button: self._on_click(b))
                    button.focused.connect(self.select)
                    self.buttons[(level, side)] = button
                    grid.addWidget(button, row, col)
                row += 1
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        top.addWidget(scroll, 1)

        self.slider.valueChanged.connect(self._on_slider)
        self.slider.sliderMoved.connect(lambda v: self.slider_label.setText(f"{v} %"))
        if follow:
            session.changed.connect(self.refresh)
        self.refresh(session.state)

    def set_kind_colours(self, colours: dict[str, tuple[str, str]]) -> None:
        """Each kind's (cut, partly cut) colours, as the 3D draws them: the buttons take
        the chosen kind's."""
        self._kind_colours.update(colours)
        self._apply_style()

    def set_root_kind(self, kind: str) -> None:
        """Choose what a click cuts: ``dorsal``, ``ventral`` or ``ganglion``."""
        if kind not in ROOT_KINDS:
            raise ValueError(f"unknown root {kind!r}: expected one of {', '.join(ROOT_KINDS)}")
        button = self.kind_buttons[kind]
        if not button.isChecked():
            button.setChecked(True)
        if kind == self.root_kind:
            return
        self.root_kind = kind
        self.slider.setEnabled(kind != GANGLION)
        for (level, side), root_button in self.buttons.items():
            root_button.setToolTip(root_name(level, side, kind))
        self._show_buttons(self.session.state, self.buttons)
        self.rootKindChanged.emit(kind)

    def next_root_kind(self) -> None:
        kinds = [k for k, _text, _tip in KIND_CHOICES]
        self.set_root_kind(kinds[(kinds.index(self.root_kind) + 1) % len(kinds)])

    def set_colours(self, cut: str, partial: str) -> None:
        """Use the palette's dorsal-root colours so the buttons match the roots in 3D."""
        self.set_kind_colours({DORSAL: (cut, partial)})

    def _apply_style(self) -> None:
        kinds = "".join(
            KIND_STYLE.format(kind=kind, cut=cut, cut_text=_text_on(cut), partial=partial,
                              partial_text=_text_on(partial))
            for kind, (cut, partial) in self._kind_colours.items())
        self.setStyleSheet(STYLE.format(kinds=kinds))

    # -- reading the state -------------------------------------------------
    @property
    def fraction(self) -> float:
        """The fraction the next cut takes (slider position)."""
        return self.slider.value() / 100.0

    def refresh(self, state: State) -> None:
        """Show the session's state: a cut restyles only the buttons that changed."""
        self._shown_state = state
        self._show_buttons(state, self.buttons)
        held, self._held = self._held, []
        for button in held:
            button.release()

    def _show_buttons(self, state: State, keys: Iterable[Root]) -> None:
        cuts, kind = state.cuts, self.root_kind
        for key in keys:
            self.buttons[key].show_state(cuts.fraction(*key, kind), key == self.selected, kind)
        f = cuts.fraction(*self.selected, kind)
        if f > 0 and kind != GANGLION:
            with QSignalBlocker(self.slider):  # showing state is not a user edit
                self.slider.setValue(round(f * 100))
        self._update_labels()

    def _update_labels(self) -> None:
        self.slider_label.setText(f"{self.slider.value()} %")
        level, side = self.selected
        kind = self.root_kind
        f = self.session.state.cuts.fraction(level, side, kind)
        state = ("removed" if f > 0 else "intact") if kind == GANGLION else root_state(f)
        self.selection_label.setText(f"Selected: {root_name(level, side, kind)} ({state})")

    # -- intents -----------------------------------------------------------
    def _sides_for(self, side: str) -> tuple[str, ...]:
        return SIDES if self.both_sides.isChecked() else (side,)

    def _on_click(self, button: RootButton) -> None:
        level, side = button.root
        shift, button.shift_held = button.shift_held, False
        if shift and self._anchor is not None:
            self.session.cut_range(self._anchor[0], level, self._sides_for(side),
                                   self._cut_fraction(), root=self.root_kind)
        else:
            self._anchor = (level, side)
            self.toggle_root(level, side)
        # The cursor moves to the clicked root. When the click changed the state and the
        # window refreshes this panel after the 3D frame, the buttons are restyled then,
        # in one go (the clicked one not even repainted till then): repainting them now
        # would flush the window before the cut is drawn.
        lagging = self._shown_state is not self.session.state
        if lagging:
            button.held = True
            self._held.append(button)
        self.select(level, side, show=not lagging)

    def _cut_fraction(self, kind: str | None = None) -> float:
        """What a cut of ``kind`` (default: the chosen one) takes: a ganglion goes whole."""
        return 1.0 if (kind or self.root_kind) == GANGLION else self.fraction

    def toggle_root(self, level: str, side: str, kind: str | None = None) -> None:
        """Cut an intact root at the slider's fraction, or restore a cut one; ``kind``
        (a root picked in 3D) or else the chosen kind."""
        kind = kind or self.root_kind
        sides = self._sides_for(side)
        cuts = self.session.state.cuts
        if cuts.fraction(level, side, kind) > 0:
            self.session.restore([(kind, level, s) for s in sides])
        elif self._cut_fraction(kind) > 0:
            self.session.cut_range(level, level, sides, self._cut_fraction(kind), root=kind)

    def toggle_selected(self) -> None:
        self.toggle_root(*self.selected)

    def _on_slider(self, value: int) -> None:
        self._update_labels()
        level, side = self.selected
        kind = self.root_kind
        if kind == GANGLION or self.session.state.cuts.fraction(level, side, kind) <= 0:
            return  # the slider only sets the fraction of the next cut
        sides = self._sides_for(side)
        if value == 0:
            self.session.restore([(kind, level, s) for s in sides])
        else:
            self.session.cut_range(level, level, sides, value / 100.0, root=kind)

    # -- keyboard cursor ---------------------------------------------------
    def select(self, level: str, side: str, *, show: bool = True) -> None:
        """Move the cursor to a root (a click, a key or a pick in the 3D view).

        ``show=False`` leaves the buttons to the next :meth:`refresh`.
        """
        if (level, side) == self.selected:
            return
        before, self.selected = self.selected, (level, side)
        if show:
            self._show_buttons(self.session.state, (before, self.selected))
        self.scroll.ensureWidgetVisible(self.buttons[(level, side)])
        self.selectionChanged.emit(level, side)

    def move_selection(self, step: int) -> None:
        """Walk the cursor ``step`` levels down (positive) or up (negative)."""
        names = self.session.atlas.level_names
        level, side = self.selected
        i = max(0, min(len(names) - 1, names.index(level) + step))
        self.select(names[i], side)

    def switch_side(self) -> None:
        level, side = self.selected
        self.select(level, "right" if side == "left" else "left")

    def step_fraction(self, step: int) -> None:
        """Change the slider by ``step`` percent, as a drag would."""
        self.slider.setValue(max(0, min(100, self.slider.value() + step)))
