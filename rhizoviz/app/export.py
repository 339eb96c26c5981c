"""Figures and text out of the app: images for slides, the outcome for handouts.

A figure at a chosen size is rendered on an off-screen pyvista plotter carrying its
own :class:`~rhizoviz.scene.AnatomyScene`, built from the meshes the window already
loaded and given the window's camera, palette, vertebrae and presentation settings;
the scene draws the legend and caption itself, so a saved figure, the on-screen view
and ``rhizoviz render`` agree. The on-screen view is never resized, so exporting
does not disturb a lecture.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from PyQt6.QtGui import QImage

from rhizoviz.core.scenario import write_text_atomic

MAX_SIZE = (3840, 2160)


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080), within 16..3840 x 16..2160."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"bad size '{text}': expected WxH, e.g. 1920x1080") from None
    if not (16 <= w <= MAX_SIZE[0] and 16 <= h <= MAX_SIZE[1]):
        raise ValueError(f"bad size '{text}': at most {MAX_SIZE[0]}x{MAX_SIZE[1]}")
    return w, h


def numpy_to_qimage(array: np.ndarray) -> QImage:
    """An (h, w, 3|4) uint8 array to a QImage that owns its pixels."""
    arr = np.ascontiguousarray(array[..., :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def write_text(path: str | os.PathLike[str], text: str) -> None:
    write_text_atomic(path, text)


def render_figure(window: Any, size: tuple[int, int]) -> QImage:
    """The window's current view rendered off-screen at ``size`` with legend and caption."""
    import pyvista as pv

    from rhizoviz.scene import AnatomyScene
    from rhizoviz.scene.anatomy_scene import configure_plotter

    w, h = parse_size(f"{size[0]}x{size[1]}")
    plotter = pv.Plotter(off_screen=True, window_size=(w, h))
    scene = None
    try:
        configure_plotter(plotter, "fxaa")  # the same settings as `rhizoviz render`
        scene = AnatomyScene(
            plotter,
            window.body,
            window.spine,
            window.current_palette(),
            caption=window.caption_text(),
        )
        scene.set_vertebrae(window.vertebrae_mode, render=False)
        scene.set_presentation(window.presenting, render=False)
        scene.update(window.session.state, render=False)
        view = window.scene.view
        if view.startswith("level:"):
            scene.focus_level(view.split(":", 1)[1], render=False)
        else:
            scene.set_view(view if view in _PRESETS else "anterior", render=False)
        if window.camera_moved:  # keep the user's own angle; else the preset's framing
            plotter.camera_position = window.plotter.camera_position
        scene.highlight_roots(window.scene.highlighted_roots, render=False)
        pixels = plotter.screenshot(return_img=True)
    finally:
        if scene is not None:
            scene.close()
        plotter.close()
    return numpy_to_qimage(pixels)


_PRESETS = ("anterior", "posterior", "left", "right", "spine")
