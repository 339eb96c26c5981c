"""The trainer's *Operate* page: the three steps, the EMG with its grade, the progress line.

A thin widget: it lays the steps out and shows what the window hands it (the
exposure, the stimulated rootlet and its responding channels, the progress), and
its buttons run the window's commands by name, the same ones the keys run.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.app.trainer.emg_plot import EmgPlot
from rhizoviz.core.atlas import SIDES
from rhizoviz.core.sdr.approach import Approach
from rhizoviz.core.sdr.emg import MUSCLES, SPHINCTER
from rhizoviz.core.sdr.patient import GRADE_MEANINGS, Rootlet
from rhizoviz.scene.palette import DEFAULT_PALETTE
from rhizoviz.scene.trainer_colours import TrainerColours, ink, trainer_colours

CHOOSE_FIRST = (
    "Choose the exposure first. The conus approach opens one lamina and shows every root "
    "L1–S2 side by side; the multilevel one meets each root at its exit, which makes its "
    "level certain."
)
HOW_TO_STIMULATE = (
    "Click a rootlet in the exposure to stimulate it, or use ↑ ↓ (root), S (side), "
    "← → (rootlet)."
)


def summary(channels: tuple[str, ...]) -> str:
    """Responding channels per leg, in a few words (rich text): the grade panel is narrow."""
    if not channels:
        return "none (a single discharge, or nothing)"
    lines = []
    for side in SIDES:
        muscles = [c.split(" (")[0] for c in channels if c.endswith(f"({side})")]
        if muscles:
            words = "all five muscles" if len(muscles) == len(MUSCLES) else ", ".join(muscles)
            lines.append(f"<b>{side.capitalize()} leg</b>: {html.escape(words)}")
    if SPHINCTER in channels:
        lines.append(f"<b>{SPHINCTER.capitalize()}</b>")
    return "<br>".join(lines)


class OperatePanel(QWidget):
    """Step 1 (exposure), step 2 (EMG and grade), step 3 (decide); ``run(name)`` acts."""

    def __init__(self, emg: EmgPlot, run: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self.grade_pt = 40.0
        self.colours = trainer_colours(DEFAULT_PALETTE)
        outer = QVBoxLayout(self)

        step1 = QGroupBox("1 · Exposure: which laminae come off")
        row = QHBoxLayout(step1)
        self.approach_buttons = {
            "conus": self._button("Conus, one level (L1)  [1]", "choose_conus", True),
            "multilevel": self._button("Multilevel L2–S1  [2]", "choose_multilevel", True),
        }
        group = QButtonGroup(self)
        for b in self.approach_buttons.values():
            group.addButton(b)
            row.addWidget(b)
        self.approach_note = QLabel()
        self.approach_note.setWordWrap(True)
        outer.addWidget(step1)
        outer.addWidget(self.approach_note)

        step2 = QGroupBox("2 · Stimulate a rootlet: 1 s train at 50 Hz, at its threshold")
        box = QVBoxLayout(step2)
        self.rootlet_label = QLabel()
        self.rootlet_label.setWordWrap(True)
        box.addWidget(self.rootlet_label)
        traces = QHBoxLayout()
        traces.addWidget(emg, 1)
        grade_box = QVBoxLayout()
        self.grade_label = QLabel()
        self.grade_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade_text = QLabel()
        self.grade_text.setWordWrap(True)
        self.grade_text.setMinimumWidth(170)
        self.grade_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        grade_box.addWidget(self.grade_label)
        grade_box.addWidget(self.grade_text, 1)
        self.key_button = self._button("Grade key [?]  (G)", "show_grade_key")
        grade_box.addWidget(self.key_button)
        traces.addLayout(grade_box)
        box.addLayout(traces, 1)
        outer.addWidget(step2, 1)

        step3 = QGroupBox("3 · Decide")
        row3 = QHBoxLayout(step3)
        self.mark_button = self._button("Mark to cut  (X)", "toggle_mark", True)
        self.undo_button = self._button("Undo  (Ctrl+Z)", "undo")
        self.finish_button = self._button("Finish  (F)", "finish")
        self.finish_button.setToolTip("Finish the operation: the debrief with the whole grade map")
        for b in (self.mark_button, self.undo_button, self.finish_button):
            row3.addWidget(b)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        outer.addWidget(step3)
        outer.addWidget(self.progress_label)
        self.set_sizes(10.0, 40.0)
        self.show_rootlet(None)

    def _button(self, text: str, command: str, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the trainer
        button.clicked.connect(lambda _=False: self._run(command))
        return button

    def set_colours(self, colours: TrainerColours) -> None:
        """Grade chips in the app palette's colours (the 3D view's)."""
        self.colours = colours

    def set_sizes(self, text_pt: float, grade_pt: float) -> None:
        """Type sizes: the panel's text and the grade (presentation mode makes both big)."""
        self.grade_pt = grade_pt
        self.grade_label.setMinimumWidth(int(grade_pt * 3.2))
        self.grade_text.setMaximumWidth(int(text_pt * 30))

    # -- what it shows -----------------------------------------------------------
    def show_approach(self, approach: Approach | None) -> None:
        for name, button in self.approach_buttons.items():
            button.setChecked(approach is not None and approach.name == name)
        self.approach_note.setText(
            CHOOSE_FIRST if approach is None else f"{approach.label}: {approach.note}")

    def show_decision(self, current: Rootlet | None, marked: bool, can_undo: bool) -> None:
        self.mark_button.setEnabled(current is not None)
        self.mark_button.setChecked(current is not None and marked)
        self.mark_button.setText("Unmark  (X)" if current is not None and marked
                                 else "Mark to cut  (X)")
        self.undo_button.setEnabled(can_undo)

    def show_progress(self, lines: list[str]) -> None:
        self.progress_label.setText("<br>".join(html.escape(x) for x in lines))

    def show_header(self, rootlet: Rootlet, count: int, marked: bool) -> None:
        """The stimulated rootlet's name, threshold and state above its EMG."""
        state = "marked to cut" if marked else "intact"
        self.rootlet_label.setText(
            f"<b>{rootlet.side.capitalize()} {rootlet.level}, rootlet {rootlet.index} of "
            f"{count}</b> ({rootlet.id}) · threshold {rootlet.threshold_ma:.2f} mA · {state}")

    def show_rootlet(self, rootlet: Rootlet | None, count: int = 0, marked: bool = False,
                     responding: tuple[str, ...] = ()) -> None:
        """The grade beside the EMG, large, with what it means and which muscles answered."""
        if rootlet is None:
            self.grade_label.setText("?")
            self.grade_label.setStyleSheet(
                f"QLabel {{ color: #8a8a8a; border: 2px dashed #8a8a8a; border-radius: 8px; "
                f"font-size: {self.grade_pt:.0f}pt; }}")
            self.grade_label.setToolTip("The grade of the stimulated rootlet appears here")
            self.grade_text.setText("")
            self.rootlet_label.setText(HOW_TO_STIMULATE)
            return
        colour = self.colours.grades[rootlet.grade]
        self.grade_label.setText(rootlet.grade_label)
        self.grade_label.setToolTip("")
        self.grade_label.setStyleSheet(
            f"QLabel {{ background: {colour}; color: {ink(colour)}; font-weight: bold; "
            f"border-radius: 8px; font-size: {self.grade_pt:.0f}pt; }}")
        # the warning in the panel's own ink: a marker colour can vanish on a dark
        # background (greyscale's black in presentation mode)
        sphincter = ("<p><b>\u26a0 Anal sphincter responds</b>: pudendal afferents. "
                     "Cutting it risks bladder and bowel.</p>" if rootlet.sphincter else "")
        self.grade_text.setText(
            f"<p><b>Grade {rootlet.grade_label}</b>: {html.escape(GRADE_MEANINGS[rootlet.grade])}"
            f" [?]</p><p>Sustained response:<br>{summary(responding)}</p>{sphincter}")
        self.show_header(rootlet, count, marked)
