"""The student's progress: score per kind and per region, and a small chart over time.

Drawn with QPainter from :class:`rhizoviz.core.progress.Progress` (no plotting
library on the app's start-up path): one point per day that had answers, its mean
score as a line, the number answered as bars underneath.
"""

from __future__ import annotations

from PyQt6.QtCore import QPointF, QRectF, Qt, pyqtSignal
from PyQt6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PyQt6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from rhizoviz.core.progress import Progress, Tally

LINE = "#3d63f0"
BARS = "#c8c8c8"


class ProgressChart(QWidget):
    """Mean score per day (line, 0-100 %) over the number answered that day (bars)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[tuple[str, Tally]] = []
        self.setMinimumSize(220, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_history(self, days: list[tuple[str, Tally]]) -> None:
        self.days = list(days)
        self.update()

    def points(self) -> list[QPointF]:
        """Where each day's mean score is drawn (the tests read the chart through this)."""
        plot = self._plot_rect()
        n = len(self.days)
        if not n:
            return []
        step = plot.width() / max(n - 1, 1)
        return [QPointF(plot.left() + (i * step if n > 1 else plot.width() / 2),
                        plot.bottom() - t.mean_score * plot.height())
                for i, (_day, t) in enumerate(self.days)]

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("100 %") + 8
        return QRectF(left, fm.height() / 2 + 4, self.width() - left - 12,
                      self.height() - 2 * fm.height() - 12)

    def paintEvent(self, _event: QPaintEvent | None) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # never left to the collector: a live painter outlives its device

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        plot = self._plot_rect()
        painter.setPen(QPen(text, 1))
        for frac in (0.0, 0.5, 1.0):
            y = plot.bottom() - frac * plot.height()
            painter.drawText(QRectF(0, y - 10, plot.left() - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{frac:.0%}".replace("%", " %"))
            painter.setPen(QPen(QColor(BARS), 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(text, 1))
        if not self.days:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No answers yet")
            return
        most = max(t.answered for _d, t in self.days)
        points = self.points()
        width = max(4.0, min(24.0, plot.width() / (2 * len(points))))
        for p, (_day, t) in zip(points, self.days, strict=True):
            h = 0.35 * plot.height() * t.answered / most
            painter.fillRect(QRectF(p.x() - width / 2, plot.bottom() - h, width, h),
                             QColor(BARS))
        painter.setPen(QPen(QColor(LINE), 3))
        for a, b in zip(points, points[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(QColor(LINE))
        for p in points:
            painter.drawEllipse(p, 4, 4)
        painter.setPen(QPen(text, 1))
        fm = self.fontMetrics()
        for label, x in ((self.days[0][0], points[0].x()), (self.days[-1][0], points[-1].x())):
            w = fm.horizontalAdvance(label)
            x = min(max(x - w / 2, 0), self.width() - w)
            painter.drawText(QPointF(x, self.height() - 4), label)


class ProgressView(QWidget):
    """Scores per kind and region, the chart, and a reset button."""

    resetRequested = pyqtSignal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = ProgressChart()
        self.reset_button = QPushButton("Reset progress…")
        self.reset_button.clicked.connect(self.resetRequested)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Your progress</b> (mean score per day; bars: answers)"))
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.reset_button)

    def show_progress(self, progress: Progress, problem: str | None = None) -> None:
        self.chart.set_history(progress.history())

        def rows(tallies: dict[str, Tally]) -> str:
            return "".join(
                f"<tr><td>{name}</td><td align='right'>{t.answered}</td>"
                f"<td align='right'>{t.mean_score:.0%}</td></tr>"
                for name, t in tallies.items())

        head = "<tr><th align='left'>{}</th><th>answered</th><th>score</th></tr>"
        self.summary.setText(
            f"<table cellpadding='2'>{head.format('Kind')}{rows(progress.by_kind())}"
            f"{head.format('Region')}{rows(progress.by_region())}</table>")
        self.problem.setText(problem or "")
        self.reset_button.setEnabled(bool(progress.attempts))
