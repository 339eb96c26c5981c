"""The EMG of one stimulation: eleven stacked traces over the 1 s, 50 Hz train.

A pyqtgraph plot built once: eleven curves, a fixed range, channel names as the
left axis's ticks. Showing a rootlet's recording calls ``setData`` on the existing
curves, so clicking through rootlets never rebuilds a widget (about 7 ms a set on
software rendering, measured when pyqtgraph was chosen). Left-leg channels are
blue, right-leg ones orange, the anal sphincter magenta; silent channels are drawn
dimmer so the spread of a response reads at a glance.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PyQt6.QtGui import QColor, QFont

from rhizoviz.core.sdr.emg import (
    CHANNELS,
    SAMPLES,
    SPHINCTER_CHANNEL,
    SUSTAINED_RMS_UV,
    TRAIN_S,
    EmgTraces,
    sustained_rms,
)

SPACING_UV = 1300.0  # between stacked traces: the largest response is about ±700 µV
LEFT_COLOUR, RIGHT_COLOUR, SPHINCTER_COLOUR = "#4cc9f0", "#f8a13f", "#ff4fd8"
BACKGROUND = "#101317"
SILENT_ALPHA = 110
AXIS_COLOUR = "#c8c8c8"


def _channel_colour(channel: int) -> str:
    if channel == SPHINCTER_CHANNEL:
        return SPHINCTER_COLOUR
    return LEFT_COLOUR if channel < SPHINCTER_CHANNEL // 2 else RIGHT_COLOUR


def _short(name: str) -> str:
    """'tibialis anterior (left)' → 'L tib. anterior': fits the axis at lecture sizes."""
    words = {"tibialis anterior": "tib. anterior", "gastrocnemius": "gastrocnemius"}
    if "(" not in name:
        return name
    muscle, side = name[:-1].split(" (")
    return f"{side[0].upper()} {words.get(muscle, muscle)}"


class EmgPlot(pg.PlotWidget):
    """Eleven channels, one curve each, updated in place by :meth:`show_traces`."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent=parent, background=BACKGROUND)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=True, y=False, alpha=0.15)
        self.offsets = -SPACING_UV * np.arange(len(CHANNELS), dtype=np.float64)
        self.t = np.arange(SAMPLES) / SAMPLES * TRAIN_S
        self.curves: list[pg.PlotDataItem] = []
        for c in range(len(CHANNELS)):
            curve = plot.plot(self.t, np.full(SAMPLES, self.offsets[c]),
                              pen=pg.mkPen(_channel_colour(c), width=1))
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            self.curves.append(curve)
        plot.setXRange(0.0, TRAIN_S, padding=0.01)
        plot.setYRange(self.offsets[-1] - SPACING_UV * 0.6, SPACING_UV * 0.95, padding=0)
        left = plot.getAxis("left")
        left.setTicks([[(float(o), _short(n)) for o, n in zip(self.offsets, CHANNELS,
                                                                 strict=True)], []])
        bottom = plot.getAxis("bottom")
        bottom.setLabel("time (s) · 50 Hz train, 1 s")
        for axis in (left, bottom):
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        self.scale_bar = pg.TextItem("500 µV ┃", color=AXIS_COLOUR, anchor=(1, 0))
        plot.addItem(self.scale_bar)
        self.scale_bar.setPos(TRAIN_S, SPACING_UV * 0.95)  # above the first trace
        self.shown_id: str | None = None
        self.set_point_size(9.0)

    def set_point_size(self, points: float) -> None:
        """Channel names and time labels at ``points`` (presentation mode makes them big)."""
        font = QFont()
        font.setPointSizeF(points)
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setStyle(tickFont=font)
            axis.setTickFont(font)
            axis.label.setFont(font)
        plot.getAxis("left").setWidth(int(points * 13.5))  # the longest name fits
        self.scale_bar.setFont(font)

    def show_traces(self, traces: EmgTraces) -> None:
        """Draw one recording on the existing curves."""
        active = sustained_rms(traces) > SUSTAINED_RMS_UV
        for c, curve in enumerate(self.curves):
            curve.setData(self.t, traces.data[c] + self.offsets[c])
            colour = QColor(_channel_colour(c))
            if not active[c]:
                colour.setAlpha(SILENT_ALPHA)
            curve.setPen(pg.mkPen(colour, width=1.6 if active[c] else 1.0))
        self.shown_id = traces.rootlet_id

    def clear_traces(self) -> None:
        for c, curve in enumerate(self.curves):
            curve.setData(self.t, np.full(SAMPLES, self.offsets[c]))
        self.shown_id = None
