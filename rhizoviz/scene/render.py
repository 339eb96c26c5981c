"""Headless figures: the app's own scene on an off-screen plotter, saved as a PNG.

Slides and handouts must show exactly what the lecture showed, so this builds the
same :class:`AnatomyScene` the app embeds, with the same palettes, legend and
caption, and writes the image atomically (a temporary file renamed into place) so
a half-written figure never replaces a good one.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.cuts import Cut, CutSet, format_fraction
from rhizoviz.core.session import State
from rhizoviz.scene.palette import get_palette

if TYPE_CHECKING:
    import pyvista as pv

MAX_SIZE = (3840, 2160)
MIN_SIDE = 64
DEFAULT_SIZE = (1920, 1080)
FXAA_MAX_PIXELS = 1920 * 1200


class RenderError(ValueError):
    """A figure cannot be made as asked (bad size, view, palette or output path)."""


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080); at most 3840×2160 (either orientation)."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    if not m:
        raise RenderError(f"bad size {text!r}: expected WIDTHxHEIGHT, e.g. 1920x1080")
    w, h = int(m.group(1)), int(m.group(2))
    big, small = max(w, h), min(w, h)
    if small < MIN_SIDE or big > MAX_SIZE[0] or small > MAX_SIZE[1]:
        raise RenderError(
            f"bad size {text!r}: each side at least {MIN_SIDE} px, at most "
            f"{MAX_SIZE[0]}x{MAX_SIZE[1]}"
        )
    return w, h


def check_out_path(path: str | os.PathLike[str]) -> Path:
    """A writable ``.png`` path in an existing folder, checked before any rendering."""
    out = Path(path)
    if out.suffix.lower() != ".png":
        raise RenderError(f"cannot write {str(out)!r}: the output must be a .png file")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise RenderError(f"cannot write {str(out)!r}: folder {str(folder)!r} does not exist")
    if out.is_dir():
        raise RenderError(f"cannot write {str(out)!r}: it is a folder")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise RenderError(f"cannot write {str(out)!r}: permission denied")
    return out


def _runs(levels: list[str], atlas: Atlas) -> list[str]:
    """['C5', 'C6', 'C7', 'T2'] -> ['C5–C7', 'T2']."""
    ordered = sorted(levels, key=atlas.index)
    runs: list[list[str]] = []
    for lv in ordered:
        if runs and atlas.index(lv) == atlas.index(runs[-1][-1]) + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return [r[0] if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]


def describe_cuts(cuts: CutSet | list[Cut], atlas: Atlas | None = None) -> str:
    """A short line naming the cuts, e.g. 'Cut: right C5–C7; both L2–S1 at 40 %'."""
    atlas = atlas or load_atlas()
    cutset = cuts if isinstance(cuts, CutSet) else CutSet(cuts)
    if not cutset:
        return "No roots cut"
    groups: dict[tuple[str, float], list[str]] = {}
    for (level, side), fraction in cutset.items():
        groups.setdefault((side, fraction), []).append(level)
    # the same levels at the same fraction on both sides read as "both"
    merged: dict[tuple[str, float], list[str]] = {}
    for (side, fraction), levels in groups.items():
        other = groups.get(("right" if side == "left" else "left", fraction))
        if side == "left" and other is not None and sorted(other) == sorted(levels):
            merged[("both", fraction)] = levels
        elif side == "right" and ("both", fraction) in merged:
            continue
        else:
            merged[(side, fraction)] = levels
    parts = []
    for (side, fraction), levels in sorted(
        merged.items(), key=lambda kv: (min(atlas.index(lv) for lv in kv[1]), kv[0][0])
    ):
        text = f"{side} {', '.join(_runs(levels, atlas))}"
        if fraction < 1.0:
            text += f" at {format_fraction(fraction)}"
        parts.append(text)
    return "Cut: " + "; ".join(parts)


def default_caption(state: State, atlas: Atlas | None = None) -> str:
    """The scenario's name and what is cut, and which model: a slide's title line."""
    cuts = describe_cuts(state.cuts, atlas)
    name = state.name if state.has_own_name else ""
    head = f"{name} \u2014 {cuts}" if name else cuts
    return f"{head}  \u00b7  {state.model} model"


def load_meshes() -> tuple[Any, Mapping[str, Any]]:
    """The shipped body and spine (imported late: the loader pulls in trimesh)."""
    try:
        from rhizoviz.mesh_loader import load_body, load_spine
    except ImportError as exc:
        raise RenderError(f"the mesh loader is not available ({exc})") from None
    try:
        return load_body(), load_spine()
    except (OSError, ValueError) as exc:  # MeshFileError is a ValueError naming the file
        raise RenderError(f"cannot load the meshes: {exc}") from None


def grab_frame(plotter: pv.Plotter) -> np.ndarray:
    """Render once and read the pixels back (rows from the top, RGB uint8).

    ``Plotter.screenshot`` renders a second frame; on software OpenGL at 4K that is
    a second wasted.
    """
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

    window = plotter.render_window
    window.Render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.SetInputBufferTypeToRGB()
    grab.ShouldRerenderOff()
    grab.ReadFrontBufferOff()
    grab.Update()
    image = grab.GetOutput()
    w, h, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(h, w, -1)
    return np.ascontiguousarray(pixels[::-1])


def write_png(pixels: np.ndarray, path: str | os.PathLike[str]) -> None:
    """A fast PNG (light compression: a 4K figure in ~0.3 s rather than ~1 s)."""
    from PIL import Image

    Image.fromarray(pixels).save(path, format="PNG", compress_level=3)


def render_figure(
    state: State,
    view: str = "anterior",
    size: tuple[int, int] = DEFAULT_SIZE,
    palette: str = "default",
    out_path: str | os.PathLike[str] = "figure.png",
    caption: str | None = None,
    *,
    body: Any = None,
    spine: Mapping[str, Any] | None = None,
    vertebrae: str = "translucent",
    presentation: bool = False,
    anti_aliasing: str | None = "auto",
) -> Path:
    """Render ``state`` off-screen and write a PNG of exactly ``size`` pixels.

    ``caption`` None writes the default caption (scenario and cuts); "" writes none.
    Pass ``body`` and ``spine`` to reuse loaded meshes (tests, batch export).
    """
    # VTK is imported here, after the caller had a chance to choose EGL (no display)
    import pyvista as pv

    from rhizoviz.scene.anatomy_scene import VIEWS, AnatomyScene, configure_plotter

    if view not in VIEWS:
        raise RenderError(f"unknown view {view!r}: choose from {', '.join(VIEWS)}")
    pal = get_palette(palette)
    width, height = size
    out = check_out_path(out_path)
    if body is None or spine is None:
        body, spine = load_meshes()
    if caption is None:
        caption = default_caption(state)

    if anti_aliasing == "auto":
        # FXAA is a full-screen pass: worth it up to 1080p; at 4K the pixels are small
        # enough that it costs more (a second or so on software GL) than it shows
        anti_aliasing = "fxaa" if width * height <= FXAA_MAX_PIXELS else None
    plotter = pv.Plotter(off_screen=True, window_size=[int(width), int(height)])
    scene = None
    try:
        configure_plotter(plotter, anti_aliasing)
        scene = AnatomyScene(plotter, body, spine, pal, caption=caption)
        scene.set_vertebrae(vertebrae, render=False)
        scene.set_presentation(presentation, render=False)
        scene.update(state, render=False)
        scene.set_view(view, render=False)
        # beside the target so the rename is atomic; created with the usual permissions
        tmp_name = out.with_name(f".{out.stem}.{os.getpid()}.{secrets.token_hex(4)}.png")
        try:
            write_png(grab_frame(plotter), tmp_name)
            os.replace(tmp_name, out)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    finally:
        if scene is not None:
            scene.close()
        plotter.close()
    return out
