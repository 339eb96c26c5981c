"""The window's file commands: scenarios and lessons in, figures and text out.

Mixed into :class:`~rhizoviz.app.main_window.MainWindow` so the commands stay methods
of the window (the command table names them, tests and scripts call them), while the
window's own module keeps to drawing the session. Every error is one line in a message
box and leaves the state as it was; every file is written atomically.

A figure at a chosen size is made by :func:`rhizoviz.scene.render.render_figure`, the
function behind ``rhizoviz render``, given the window's meshes, camera, palette,
vertebrae and presentation settings: a saved figure, the on-screen view and the
command line agree. The on-screen view is never resized, so exporting does not
disturb a lecture. Sizes typed in the export dialog are read by the one size grammar,
:func:`rhizoviz.scene.render.parse_size`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PyQt6.QtCore import QRect
from PyQt6.QtGui import QGuiApplication, QImage, QPainter
from PyQt6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from rhizoviz.core.scenario import (
    MAX_NAME_CHARS,
    ScenarioError,
    load_scenario,
    save_scenario,
    write_text_atomic,
)
from rhizoviz.scene.render import (
    SIZE_RANGE,
    RenderError,
    check_out_path,
    parse_size,
    render_figure,
    write_png,
)

if TYPE_CHECKING:
    from rhizoviz.app.main_window import MainWindow

SCENARIO_FILTER = "rhizoviz scenarios (*.json);;All files (*)"
WINDOW_SIZE = "window"  # the export dialog's choice for "as on screen"
EXPORT_SIZES = ("1920x1080", "2560x1440", "3840x2160", "1280x720", WINDOW_SIZE)


def file_title(path: str) -> str:
    """A scenario name from a file name: 'left-c6.json' -> 'left-c6', one line, not too long."""
    stem = "".join(ch if ch.isprintable() else " " for ch in Path(path).stem).strip()
    return stem[:MAX_NAME_CHARS] or "Saved cuts"


def numpy_to_qimage(array: np.ndarray) -> QImage:
    """An (h, w, 3|4) uint8 array to a QImage that owns its pixels."""
    arr = np.ascontiguousarray(array[..., :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def grab_with_view(window: QWidget, plotter: Any) -> QImage:
    """``window`` grabbed as an image, with the plotter's own screenshot painted over
    the plotter's place (the grab of a native OpenGL child can be stale or black)."""
    image = window.grab().toImage()
    view = numpy_to_qimage(plotter.screenshot(return_img=True))
    top_left = plotter.mapTo(window, plotter.rect().topLeft())
    painter = QPainter(image)
    painter.drawImage(QRect(top_left, plotter.size()), view)
    painter.end()
    return image


def qimage_to_numpy(image: QImage) -> np.ndarray:
    """A QImage's pixels as an (h, w, 3) uint8 array (rows from the top)."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    bits = image.constBits()
    assert bits is not None
    arr = np.frombuffer(bits.asstring(image.sizeInBytes()), np.uint8)
    return arr.reshape(h, image.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).copy()


class FileActions:
    """Open, save, export and copy: the File menu's commands (see the module docstring)."""

    # -- scenarios -----------------------------------------------------------------
    def open_scenario_file(self: MainWindow, path: str) -> bool:
        """Load and apply a scenario; on any error show it and leave the state untouched."""
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            QMessageBox.warning(self, "Cannot open scenario", str(exc))
            return False
        self.apply_scenario(scenario, path)
        self.show_status(f"Opened {path}")
        return True

    def save_scenario_file(self: MainWindow, path: str) -> bool:
        """Save atomically; cuts nobody has named take the file's name, as a title."""
        state = self.session.state
        name = state.name if state.has_own_name else file_title(path)
        try:
            save_scenario(replace(state.to_scenario(), name=name), path)
        except ScenarioError as exc:
            QMessageBox.warning(self, "Cannot save scenario", str(exc))
            return False
        self.loaded_from = path
        if name != state.name:
            self.session.rename(name)  # the session's listeners redraw caption and title
        else:
            self.update_chrome()  # only the title's file name changed
        self.show_status(f"Saved {path}")
        return True

    def open_scenario_dialog(self: MainWindow) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", "", SCENARIO_FILTER)
        if path:
            self.open_scenario_file(path)

    def save_scenario_dialog(self: MainWindow) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save scenario", "scenario.json", SCENARIO_FILTER
        )
        if path:
            self.save_scenario_file(path)

    def open_lesson_dialog(self: MainWindow) -> None:
        self.lesson_view.open_lesson_dialog()

    # -- figures -------------------------------------------------------------------
    def view_image(self: MainWindow) -> QImage:
        """The 3D view as on screen (caption and legend are drawn in it)."""
        return numpy_to_qimage(self.view_pixels())

    def view_pixels(self: MainWindow) -> np.ndarray:
        """The 3D view as on screen, freshly drawn: (h, w, 3) uint8, rows from the top."""
        self.render_sync()
        return np.asarray(self.plotter.screenshot(return_img=True))

    def copy_view(self: MainWindow) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setImage(self.view_image())
            self.show_status("Copied the 3D view to the clipboard")

    def figure_options(self: MainWindow) -> dict[str, Any]:
        """What :func:`render_figure` needs to draw the view as the window shows it."""
        return {
            "body": self.body,
            "spine": self.spine,
            "vertebrae": self.vertebrae_mode,
            "dura": self.scene.dura_visible,
            "presentation": self.presenting,
            # the user's own angle, or else the preset view framed afresh for the size
            "camera": self.plotter.camera_position if self.camera_moved else None,
            "highlight": self.scene.highlighted_roots,
            "highlight_kind": self.scene.highlighted_kind,
            "modality": self.scene.modality,
        }

    def export_png(self: MainWindow, path: str, size: tuple[int, int] | None) -> bool:
        """Save a figure: the current view at ``size`` (None: as on screen) with legend."""
        try:
            if size is None:
                pixels = self.view_pixels()
                write_png(pixels, check_out_path(path))
                w, h = pixels.shape[1], pixels.shape[0]
            else:
                render_figure(
                    self.session.state, self.scene.view, size, self.current_palette().name,
                    path, self.caption_text(), **self.figure_options(),
                )
                w, h = size
        except (OSError, ValueError) as exc:  # RenderError is a ValueError
            QMessageBox.warning(self, "Cannot save figure", str(exc))
            return False
        self.show_status(f"Saved {path} ({w}×{h})")
        return True

    def export_png_dialog(self: MainWindow) -> None:
        """Ask for a size (a listed one or any typed WxH) and a file, then export."""
        choice, ok = QInputDialog.getItem(
            self, "Save figure", f"Size in pixels ({SIZE_RANGE}):", list(EXPORT_SIZES), 0, True
        )
        if not ok or not choice:
            return
        try:
            size = None if choice.strip() == WINDOW_SIZE else parse_size(choice)
        except RenderError as exc:
            QMessageBox.warning(self, "Cannot save figure", str(exc))
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save figure", "rhizoviz.png", "PNG (*.png)")
        if path:
            if not Path(path).suffix:
                path += ".png"
            self.export_png(path, size)

    # -- text ----------------------------------------------------------------------
    def save_outcome_text(self: MainWindow, path: str) -> bool:
        try:
            write_text_atomic(path, self.outcome_panel.plain_text())
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save outcome", f"{path}: {exc.strerror or exc}")
            return False
        self.show_status(f"Saved {path}")
        return True

    def save_outcome_dialog(self: MainWindow) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save outcome as text", "outcome.txt", "Text (*.txt)"
        )
        if path:
            self.save_outcome_text(path)

    # -- screenshots -----------------------------------------------------------------
    def grab_window(self: MainWindow) -> QImage:
        """The whole window as an image, with the freshly rendered 3D view painted in.

        ``QWidget.grab`` of a native OpenGL child can come back stale or black, so the
        plotter's own screenshot is painted over its place in the grab.
        """
        self.flush_panels()
        self.render_sync()
        return grab_with_view(self, self.plotter)
