"""Mouse clicks and hovers on the 3D view, turned into window-pixel positions.

VTK's own interactor style keeps rotating, zooming and panning; this event filter
only watches. A press and release within a few pixels is a click (a drag is a
rotation, never a cut). Hovers are throttled so moving the mouse stays smooth on
software OpenGL. What lies under a position is asked of the scene
(:meth:`AnatomyScene.pick`, :meth:`AnatomyScene.root_at`), which works in render-window
pixels with the origin top left, so Qt's logical pixels are scaled by the device
pixel ratio here and nowhere else.
"""

from __future__ import annotations

from PyQt6.QtCore import QEvent, QObject, QPoint, QPointF, QTimer, pyqtSignal
from PyQt6.QtGui import QMouseEvent
from PyQt6.QtWidgets import QWidget

CLICK_SLOP_PX = 4
HOVER_DELAY_MS = 80


class PointerWatcher(QObject):
    """Emits ``clicked(x, y)`` and ``hovered(x, y)`` in render-window pixels."""

    clicked = pyqtSignal(float, float)
    hovered = pyqtSignal(float, float)
    left = pyqtSignal()

    def __init__(self, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self._press: QPoint | None = None
        self._hover_pos: QPointF | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_DELAY_MS)
        self._hover_timer.timeout.connect(self._emit_hover)
        widget.setMouseTracking(True)
        widget.installEventFilter(self)

    def stop(self) -> None:
        """Detach before the widget closes."""
        self._hover_timer.stop()
        self.widget.removeEventFilter(self)

    def to_pixels(self, pos: QPointF) -> tuple[float, float]:
        ratio = self.widget.devicePixelRatioF()
        return pos.x() * ratio, pos.y() * ratio

    def eventFilter(self, obj: QObject | None, event: QEvent | None) -> bool:  # noqa: N802
        if event is None or obj is not self.widget:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._press = event.position().toPoint()
            self._hover_timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            pos = event.position()
            if (
                self._press is not None
                and (pos.toPoint() - self._press).manhattanLength() <= CLICK_SLOP_PX
            ):
                self._press = None
                self.clicked.emit(*self.to_pixels(pos))
                return self._release_without_render(event)
            self._press = None
        elif (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and self._press is None  # not while dragging the camera
        ):
            self._hover_pos = event.position()
            self._hover_timer.start()
        elif kind == QEvent.Type.Leave:
            self._hover_timer.stop()
            self.left.emit()
        return False  # never swallow: the camera still needs the events (a click's
        # release is delivered to it above, without its render)

    def _release_without_render(self, event: QMouseEvent) -> bool:
        """Hand a click's release to VTK with the interactor's own rendering off.

        VTK's interaction style ends every button press with a synchronous render. After
        a click the camera has not moved and the app has already asked for the one
        frame it needs, so that render only doubled the cost of a 3D click (measured by
        ``rhizoviz bench``: two renders per click on software OpenGL). Returns True: the
        event has been delivered here.
        """
        render_window = getattr(self.widget, "render_window", None)
        iren = render_window.GetInteractor() if render_window is not None else None
        if iren is None:
            return False
        iren.EnableRenderOff()
        try:
            self.widget.mouseReleaseEvent(event)
        finally:
            iren.EnableRenderOn()
        return True

    def _emit_hover(self) -> None:
        if self._hover_pos is not None:
            self.hovered.emit(*self.to_pixels(self._hover_pos))
