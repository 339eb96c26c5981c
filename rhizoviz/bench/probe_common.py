"""What both probes share: the frame clock, memory, the renderer's name, the report line.

Probes run in their own process and print exactly one line starting with
:data:`REPORT_PREFIX` followed by JSON, so the runner can ignore whatever VTK or Qt
write to stdout on their own.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

REPORT_PREFIX = "RHIZOVIZ-BENCH "
FRAME_TIMEOUT_S = 60.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux ``VmHWM``), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def isolate_settings() -> str:
    """Point QSettings at a fresh folder: a saved geometry or palette must not skew a run."""
    from PyQt6.QtCore import QCoreApplication, QSettings

    folder = tempfile.mkdtemp(prefix="rhizoviz-bench-")
    QCoreApplication.setOrganizationName("rhizoviz-bench")
    QCoreApplication.setApplicationName("rhizoviz-bench")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)
    return folder


class FrameClock:
    """Times requests to the first frame that shows them in the window.

    The pyvistaqt widget draws into its own framebuffer in ``paintGL`` and Qt then
    composites the window (``frameSwapped``). A synchronous ``Render()`` elsewhere
    draws into VTK's buffers but reaches the screen only with the next ``paintGL``,
    and a swap can also come from other widgets repainting. So a request counts as
    on screen at the first swap after a ``paintGL`` render that started after the
    request. Every render is counted too: two renders per request means one wasted.
    """

    def __init__(self, widget: Any) -> None:
        from PyQt6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.widget = widget
        self.swaps: list[float] = []
        self.paint_starts: list[float] = []
        self.paint_ends: list[float] = []
        self.renders = 0  # frames drawn (hardware picks are counted apart, in ``picks``)
        self.picks = 0
        self.breakdowns: list[tuple[float, float, float]] = []
        self.requested = 0.0  # when the last timed request was made
        self.flushes: list[float] = []  # the top-level window's repaints, when watched
        self._flush_watch: Any = None
        widget.frameSwapped.connect(lambda: self.swaps.append(time.perf_counter()))
        ren_win = widget.render_window
        ren_win.AddObserver("StartEvent", self._on_start)
        ren_win.AddObserver("EndEvent", self._on_end)

    def _in_paint(self) -> bool:
        # pyvistaqt's FBO widget flags the render it does inside paintGL; without the
        # flag (another pyvistaqt) every render is taken as a painted one.
        return bool(getattr(self.widget, "_in_paint", True))

    def _selecting(self) -> bool:
        """Is this render a hardware pick (a selection pass, not a frame)?"""
        renderers = self.widget.render_window.GetRenderers()
        renderers.InitTraversal()
        for _ in range(renderers.GetNumberOfItems()):
            if renderers.GetNextItem().GetSelector() is not None:
                return True
        return False

    def _on_start(self, *_args: object) -> None:
        if self._in_paint():
            self.paint_starts.append(time.perf_counter())

    def _on_end(self, *_args: object) -> None:
        if self._selecting():
            self.picks += 1
            return
        self.renders += 1
        if self._in_paint():
            self.paint_ends.append(time.perf_counter())

    def _shown_after(self, t0: float) -> tuple[float, float, float] | None:
        """(render start, render end, swap) of the first frame on screen painted from a
        render started after ``t0``."""
        for start, end in zip(self.paint_starts, self.paint_ends, strict=False):
            if start >= t0:
                swap = next((s for s in self.swaps if s >= end), None)
                return None if swap is None else (start, end, swap)
        return None

    def watch_window(self, window: Any) -> None:
        """Also time the repaints of the top-level ``window`` around the 3D view.

        The app's view is a native window, swapped on its own; the panels beside it
        reach the screen when the top-level window has painted and flushed them, which
        Qt does while it handles the window's ``UpdateRequest``. The filter hands that
        event on itself, so the time it records is when the flush is done.
        """
        from PyQt6.QtCore import QEvent, QObject

        flushes = self.flushes

        class _FlushWatch(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt name
                if obj is window and event.type() == QEvent.Type.UpdateRequest:
                    window.event(event)
                    flushes.append(time.perf_counter())
                    return True
                return False

        self._flush_watch = _FlushWatch()
        window.installEventFilter(self._flush_watch)

    def flush_after(self, t: float) -> float | None:
        """The end of the first repaint of the watched top-level window at or after ``t``."""
        return next((s for s in self.flushes if s >= t), None)

    def wait_shown(self, t0: float, timeout_s: float = FRAME_TIMEOUT_S) -> float:
        """Process events until a frame rendered after ``t0`` is on screen; its time."""
        deadline = time.perf_counter() + timeout_s
        while (shown := self._shown_after(t0)) is None:
            self.app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no frame reached the window within {timeout_s:.0f} s")
            time.sleep(0.0005)
        start, end, swap = shown
        # where the time went: before the render starts (the app's own work and the
        # event loop), the render itself, and blit + window composition + swap
        self.breakdowns.append(((start - t0) * 1e3, (end - start) * 1e3, (swap - end) * 1e3))
        return swap

    def settle(self, quiet_s: float = 0.03, limit_s: float = 10.0) -> None:
        """Process events until nothing has rendered for ``quiet_s`` (or ``limit_s`` passed)."""
        start = time.perf_counter()
        last = (self.renders, len(self.swaps), len(self.flushes))
        quiet_since = time.perf_counter()
        while time.perf_counter() - start < limit_s:
            self.app.processEvents()
            now = (self.renders, len(self.swaps), len(self.flushes))
            if now != last:
                last, quiet_since = now, time.perf_counter()
            elif time.perf_counter() - quiet_since >= quiet_s:
                return
            time.sleep(0.002)

    def timed(self, request: Callable[[], object],
              then: Callable[[], object] | None = None) -> tuple[float, int]:
        """Time ``request`` to its first frame on screen (ms) and count its renders.

        With ``then``, ``request`` is a preparation (a mouse press), handled untimed, and
        ``then`` (the release) is the request timed. Renders are counted until the event
        loop is quiet again, so a request that draws twice shows as 2 even when the
        second draw lands after the timed frame.
        """
        if then is not None:
            request()
            self.settle()
            request = then
        renders = self.renders
        t0 = self.requested = time.perf_counter()
        request()
        shown = self.wait_shown(t0)
        self.settle()
        return (shown - t0) * 1000.0, self.renders - renders


def renderer_string(render_window: Any) -> str:
    """The OpenGL renderer's own name (e.g. ``llvmpipe (LLVM 15.0.6, 256 bits)``)."""
    try:
        caps = render_window.ReportCapabilities() or ""
    except Exception:  # a capability query must never sink a benchmark
        return "unknown"
    found = re.search(r"OpenGL renderer string:\s*(.+)", caps)
    version = re.search(r"OpenGL version string:\s*(.+)", caps)
    name = found.group(1).strip() if found else "unknown"
    return f"{name}; OpenGL {version.group(1).strip()}" if version else name


def render_settings(plotter: Any) -> dict[str, Any]:
    """The settings that decide what a frame costs, read from a live plotter."""
    ren_win = plotter.render_window
    renderer = plotter.renderer
    return {
        "view_size": list(ren_win.GetSize()),
        "multi_samples": int(ren_win.GetMultiSamples()),
        "fxaa": bool(renderer.GetUseFXAA()),
        "depth_peeling": bool(renderer.GetUseDepthPeeling()),
        "lights": int(renderer.GetLights().GetNumberOfItems()),
        "light_kit": renderer.GetLights().GetNumberOfItems() > 1,
    }


def report(result: dict[str, Any]) -> None:
    """Print the one report line the runner reads."""
    sys.stdout.write(REPORT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


def spawn_time(arg: str | None) -> float | None:
    """The wall-clock time the runner started this process (for start-up), if given."""
    return float(arg) if arg else None


def drop_offscreen_platform() -> None:
    """Qt's ``offscreen`` platform has no OpenGL for the 3D widget: use the X display."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        del os.environ["QT_QPA_PLATFORM"]
