"""The debrief: the whole grade map, the cuts, the expected gain, the risks, practice.

Every figure and sentence comes from :mod:`rhizoviz.core.sdr.plan` (the terminal's
``rhizoviz trainer sdr`` prints the same); this widget lays them out, with the
grade map as a grid coloured by grade where cut rootlets are marked.
"""

from __future__ import annotations

import html

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QBrush, QColor, QFont
from PyQt6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.report import describe_cut
from rhizoviz.core.sdr import TEACHING_CAVEAT
from rhizoviz.core.sdr.debrief import REDUCTION_MODEL
from rhizoviz.core.sdr.patient import LEVELS
from rhizoviz.core.sdr.plan import (
    SENSORY_FIGURES,
    Plan,
    practice,
    root_fractions,
    spasticity_reduction,
    warnings,
)
from rhizoviz.scene.palette import DEFAULT_PALETTE
from rhizoviz.scene.trainer_colours import TrainerColours, ink, trainer_colours

OUT_OF_REACH = "#2a2d32"  # recedes: these rootlets were never in the window
CUT_CELL = "#3a3d44"  # a cut rootlet's cell: dark, with a bold white ✂ (any palette)


def _list(items: list[str], colour: str | None = None) -> str:
    style = f' style="color:{colour};"' if colour else ""
    return "<ul>" + "".join(f"<li{style}>{html.escape(i)}</li>" for i in items) + "</ul>"


class DebriefView(QWidget):
    """Filled by :meth:`show_plan` when the student finishes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        legend = QLabel("Grade map, as seen from behind: left rootlets ← | → right rootlets, "
                        "numbered from the midline; ✂ cut, s anal-sphincter response")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        layout.addWidget(self.grid, 2)
        layout.addWidget(self.text, 3)
        self.plan: Plan | None = None
        self.point_size = 10.0
        self.colours: TrainerColours = trainer_colours(DEFAULT_PALETTE)

    def set_colours(self, colours: TrainerColours) -> None:
        """The grade map in the app palette's grade colours (the 3D view's)."""
        self.colours = colours
        if self.plan is not None:
            self._fill_grid(self.plan)

    def set_point_size(self, points: float) -> None:
        self.point_size = points
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.grid.setFont(font)
        self.text.setFont(font)
        if self.plan is not None:
            self.show_plan(self.plan)

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        reduction = spasticity_reduction(plan)
        big = self.point_size * 1.8
        self.headline.setText(
            f'<span style="font-size:{big:.0f}pt; font-weight:bold;">Expected reduction '
            f"of spasticity: {reduction:.0%}</span><br>child of seed {plan.patient.seed} · "
            f"{html.escape(plan.approach.label)} · {len(plan.cut)} rootlets cut"
        )
        self._fill_grid(plan)
        cuts = [describe_cut(c) for c in root_fractions(plan)] or ["none"]
        flags = warnings(plan)
        self.text.setHtml(
            f"<p><i>{html.escape(TEACHING_CAVEAT)}</i></p>"
            "<h3>Cuts (fraction of rootlets per root)</h3>" + _list(cuts)
            + "<h3>Sensory risk: flags</h3>"
            + (_list(flags, "#d0303a") if flags else "<p>No root above 75 %, no "
               "sphincter-responding rootlet cut.</p>")
            + "<h3>Sensory risk in published series</h3>" + _list(list(SENSORY_FIGURES))
            + "<h3>Against published practice</h3>" + _list(practice(plan))
            + f"<p><i>Expected reduction: a {REDUCTION_MODEL}; not a prediction for a "
            "child.</i></p>"
        )

    def _fill_grid(self, plan: Plan) -> None:
        width = max(plan.patient.count(lv, s) for lv in LEVELS for s in SIDES)
        grid = self.grid
        grid.clear()
        grid.setRowCount(len(LEVELS))
        grid.setColumnCount(2 * width + 1)
        grid.setVerticalHeaderLabels(list(LEVELS))
        grid.setHorizontalHeaderLabels(
            [str(i) for i in range(width, 0, -1)] + ["|"] + [str(i) for i in range(1, width + 1)]
        )
        for row, level in enumerate(LEVELS):
            reach = plan.approach.reaches(level)
            for side in SIDES:
                for rootlet in plan.patient.roots[(level, side)]:
                    # left rootlets run leftwards from the midline, as seen from behind
                    col = (width - rootlet.index if side == "left" else width + rootlet.index)
                    cut = plan.is_cut(rootlet)
                    text = ("✂" if cut else "") + rootlet.grade_label + (
                        "s" if rootlet.sphincter else "")
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    colour = self.colours.grades[rootlet.grade] if reach else OUT_OF_REACH
                    if cut:
                        colour = CUT_CELL
                    item.setBackground(QBrush(QColor(colour)))
                    fg = "#ffffff" if cut else ink(colour) if reach else "#9a9a9a"
                    if rootlet.sphincter and not cut and reach:
                        fg = "#6a006a"
                    item.setForeground(QBrush(QColor(fg)))
                    item.setToolTip(
                        f"{rootlet.id}: grade {rootlet.grade_label}, threshold "
                        f"{rootlet.threshold_ma:.2f} mA"
                        + (", anal-sphincter response" if rootlet.sphincter else "")
                        + (", cut" if cut else "") + ("" if reach else ", out of reach"))
                    if cut:
                        font = QFont(grid.font())
                        font.setBold(True)
                        item.setFont(font)
                    grid.setItem(row, col, item)
        header = grid.horizontalHeader()
        if header is not None:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vheader = grid.verticalHeader()
        if vheader is not None:
            vheader.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def cell_text(self, level: str, side: str, index: int) -> str:
        """What the grid shows for one rootlet (tests read it)."""
        assert self.plan is not None
        width = (self.grid.columnCount() - 1) // 2
        col = width - index if side == "left" else width + index
        item = self.grid.item(LEVELS.index(level), col)
        return item.text() if item is not None else ""
