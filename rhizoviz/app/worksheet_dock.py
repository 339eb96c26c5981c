"""The worksheet beside the view: the ISNCSCI 2019 sheet for the current cuts, and its export.

The dock shows what :func:`rhizoviz.core.exam.worksheet_from_outcome` makes of the
session's outcome (already computed for the body, so a refresh costs a fraction of a
millisecond), drawn by :mod:`rhizoviz.app.worksheet_paint`, the same drawing the PNG
and PDF exports and ``rhizoviz simulate --worksheet`` use. In the window it follows
the panels, after the cut's 3D frame; while the dock is hidden (or a tab behind
another dock) it only notes that it is out of date and catches up when shown.

:class:`WorksheetPanel` owns the dock's two commands (``owner="worksheet"`` in the
command table): show or hide it, and File → Export worksheet….
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PyQt6.QtCore import QPointF, Qt
from PyQt6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PyQt6.QtWidgets import QDockWidget, QFileDialog, QMessageBox, QScrollArea, QWidget

from rhizoviz.app.session_qt import QtSession
from rhizoviz.app.worksheet_paint import (
    SHEET_W,
    SheetInfo,
    WorksheetExportError,
    paint_sheet,
    sheet_height,
    write_worksheet,
)
from rhizoviz.core.exam import Worksheet, worksheet_from_outcome
from rhizoviz.core.report import describe_cuts
from rhizoviz.core.session import State

if TYPE_CHECKING:
    from rhizoviz.app.main_window import MainWindow

OWNER = "worksheet"
MIN_SCALE = 1.3  # screen pixels per point at least: the 8 pt notes stay >= 10 px tall
PAD = 8.0  # points around the sheet in the dock
EXPORT_FILTERS = {"PDF (*.pdf)": ".pdf", "PNG image (*.png)": ".png"}


def sheet_info(session: QtSession, date: datetime.date | None = None) -> SheetInfo:
    """The page's heading for the session: scenario name, date, model, cuts in words."""
    state = session.state
    return SheetInfo(
        name=state.name,
        date=(date or datetime.date.today()).isoformat(),
        model=state.model,
        cuts=describe_cuts(state.cuts, session.atlas),
    )


class WorksheetCanvas(QWidget):
    """Paints one worksheet at ``scale`` screen pixels per point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: Worksheet | None = None
        self.info: SheetInfo | None = None
        self.scale = MIN_SCALE
        self.paints = 0  # how often the sheet was painted (tests: paint only when shown)
        self.setAutoFillBackground(False)

    @staticmethod
    def natural_size(scale: float) -> tuple[int, int]:
        return (round((SHEET_W + 2 * PAD) * scale),
                round((sheet_height(page_header=False) + 2 * PAD) * scale))

    def show_sheet(self, sheet: Worksheet, info: SheetInfo) -> None:
        if sheet == self.sheet and info == self.info:
            return  # nothing on the sheet changed (a rename, a model switch with no change)
        self.sheet, self.info = sheet, info
        self.update()

    def paintEvent(self, event: QPaintEvent | None) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.sheet is not None and self.info is not None:
            self.paints += 1
            painter.scale(self.scale, self.scale)
            painter.translate(QPointF(PAD, PAD))
            paint_sheet(painter, self.sheet, self.info, page_header=False)
        painter.end()


class WorksheetView(QScrollArea):
    """The dock's widget: the canvas, scaled to the dock's width (never below legible)."""

    def __init__(self, session: QtSession, parent: QWidget | None = None, *,
                 follow: bool = True) -> None:
        """``follow``: refresh on every change of the session. The main window passes
        False and refreshes the worksheet with its panels, after the 3D frame."""
        super().__init__(parent)
        self.session = session
        self.canvas = WorksheetCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("QScrollArea { background: white; }")
        self._stale = True
        self._fit()
        if follow:
            session.changed.connect(self.refresh)

    @property
    def sheet(self) -> Worksheet:
        """The worksheet for the session's current state (what the dock shows when shown)."""
        return worksheet_from_outcome(self.session.outcome)

    @property
    def stale(self) -> bool:
        """Is the dock behind the session (hidden while cuts changed)?"""
        return self._stale

    def refresh(self, _state: State | None = None) -> None:
        """Show the session's worksheet, or note it is due when the dock is not on screen."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.canvas.show_sheet(self.sheet, sheet_info(self.session))

    def natural_width(self) -> int:
        """The width at which the sheet reads without scrolling sideways."""
        bar = self.verticalScrollBar()
        extra = (bar.sizeHint().width() if bar is not None else 16) + 2 * self.frameWidth()
        return WorksheetCanvas.natural_size(MIN_SCALE)[0] + extra

    def showEvent(self, event: QShowEvent | None) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent | None) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        viewport = self.viewport()
        width = viewport.width() if viewport is not None else 0
        scale = max(MIN_SCALE, width / (SHEET_W + 2 * PAD))
        if scale != self.canvas.scale or self.canvas.size().isEmpty():
            self.canvas.scale = scale
            self.canvas.resize(*WorksheetCanvas.natural_size(scale))
            self.canvas.update()


class WorksheetPanel:
    """The worksheet dock in a window, and its commands (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view = WorksheetView(window.session, follow=False)
        self.dock: QDockWidget = window.add_dock(
            "Worksheet", self.view, Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(window.outcome_dock, self.dock)
        window.outcome_dock.raise_()
        self.dock.hide()  # shown on demand; the saved window state may show it again
        self.dock.visibilityChanged.connect(self._on_visibility)
        window.panelsRefreshed.connect(self.view.refresh)
        window.command_actions.register(OWNER, self)

    def _on_visibility(self, visible: bool) -> None:
        """On screen: catch up, and widen the dock so the sheet reads without scrolling."""
        if not visible:
            return
        self.view.refresh()
        want = min(self.view.natural_width(), int(self.window.width() * 0.55))
        if not self.dock.isFloating() and self.dock.width() < want:
            self.window.resizeDocks([self.dock], [want], Qt.Orientation.Horizontal)

    # -- the panel's commands -----------------------------------------------------------
    def toggle_worksheet_panel(self) -> None:
        """Show the worksheet (in front of the dock it shares a tab with), or hide it."""
        if self.view.isVisible():
            self.dock.hide()
        else:
            self.dock.show()
            self.dock.raise_()

    def export_worksheet(self, path: str) -> bool:
        """Write the worksheet for the current cuts as a PDF or PNG; one-line errors."""
        try:
            out = write_worksheet(path, self.view.sheet, sheet_info(self.window.session))
        except WorksheetExportError as exc:
            QMessageBox.warning(self.window, "Cannot export worksheet", str(exc))
            return False
        self.window.show_status(f"Saved the worksheet to {out}")
        return True

    def export_worksheet_dialog(self) -> None:
        state = self.window.session.state
        stem = "".join(ch if ch.isalnum() else "-" for ch in state.name.lower()).strip("-")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export worksheet", f"{stem or 'rhizoviz'}-worksheet.pdf",
            ";;".join(EXPORT_FILTERS))
        if not path:
            return
        if not Path(path).suffix:
            path += EXPORT_FILTERS.get(chosen, ".pdf")
        self.export_worksheet(path)
