"""Figures: the app's own scene on an off-screen plotter, saved as a PNG.

Slides and handouts must show exactly what the lecture showed, so one function,
:func:`render_image`, builds the same :class:`AnatomyScene` the app embeds (same
palettes, legend and caption) at any size; ``rhizoviz render`` and the app's
File → Save figure both call :func:`render_figure`, which writes its pixels
atomically (a temporary file renamed into place) so a half-written figure never
replaces a good one. One grammar, :func:`parse_size`, reads every size a user types
(``render --size``, the launcher's ``--size``, the app's export dialog); the range is
:data:`SIZE_RANGE`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rhizoviz.core.atlas import MODALITIES, PIN_PRICK
from rhizoviz.core.cuts import DORSAL, Root
from rhizoviz.core.report import default_caption
from rhizoviz.core.session import State
from rhizoviz.core.userfile import check_output_path, write_atomic
from rhizoviz.core.views import VIEW_NAMES
from rhizoviz.scene.palette import Palette, get_palette

if TYPE_CHECKING:
    import pyvista as pv

MIN_SIDE = 64  # smaller, the legend and caption no longer fit
MAX_SIZE = (3840, 2160)  # 4K UHD, in either orientation
SIZE_RANGE = (
    f"each side at least {MIN_SIDE} px, at most {MAX_SIZE[0]}x{MAX_SIZE[1]} (either orientation)"
)
DEFAULT_SIZE = (1920, 1080)
FXAA_MAX_PIXELS = 1920 * 1200
LEVEL_VIEW = "level:"  # "level:T4": the close-up of one level the app's View menu shows


class RenderError(ValueError):
    """A figure cannot be made as asked (bad size, view, palette or output path)."""


def check_size(width: int, height: int) -> tuple[int, int]:
    """``(width, height)`` if within :data:`SIZE_RANGE`, else a :class:`RenderError`."""
    big, small = max(width, height), min(width, height)
    if small < MIN_SIDE or big > MAX_SIZE[0] or small > MAX_SIZE[1]:
        raise RenderError(f"bad size {width}x{height}: {SIZE_RANGE}")
    return int(width), int(height)


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080', '1920×1080' or ' 1280 X 720 ' -> (width, height), within :data:`SIZE_RANGE`."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX\u00d7]\s*(\d{1,5})\s*", text)
    if not m:
        raise RenderError(f"bad size {text!r}: expected WIDTHxHEIGHT, e.g. 1920x1080")
    try:
        return check_size(int(m.group(1)), int(m.group(2)))
    except RenderError:
        raise RenderError(f"bad size {text!r}: {SIZE_RANGE}") from None


def check_out_path(path: str | os.PathLike[str]) -> Path:
    """A writable ``.png`` path in an existing folder, checked before any rendering."""
    return check_output_path(path, (".png",), "the output must be a .png file", RenderError)


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


def shipped_coarse(spine: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The coarse bones (``load_spine(detail="coarse")``) when ``spine`` holds the shipped
    parts (the loader's cached meshes themselves), else None: a spine of one's own has
    no coarse twin, and its bones are then drawn as they are in every view."""
    try:
        from rhizoviz.mesh_loader import load_spine

        shipped = load_spine()
        if spine.get("spinal_cord") is not shipped.get("spinal_cord"):
            return None
        return load_spine(detail="coarse")
    except (ImportError, OSError, ValueError):  # no coarse file: full bones everywhere
        return None


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


def write_png(pixels: np.ndarray, path: str | os.PathLike[str]) -> Path:
    """Write ``pixels`` (rows from the top, RGB uint8) as a PNG, atomically.

    The file is written beside the target and renamed into place, so a failed write
    never leaves half a figure where a good one was. Light compression: a 4K figure
    takes about 0.3 s rather than 1 s.
    """
    from PIL import Image

    image = Image.fromarray(np.ascontiguousarray(pixels[..., :3]))
    return write_atomic(path, lambda tmp: image.save(tmp, format="PNG", compress_level=3))


def _check_view(view: str) -> None:
    if view in VIEW_NAMES or (view.startswith(LEVEL_VIEW) and len(view) > len(LEVEL_VIEW)):
        return
    raise RenderError(f"unknown view {view!r}: choose from {', '.join(VIEW_NAMES)}")


def _check_modality(modality: str) -> None:
    if modality not in MODALITIES:
        raise RenderError(f"unknown modality {modality!r}: choose from {', '.join(MODALITIES)}")


def _check_arguments(
    view: str, modality: str, palette: str, size: tuple[int, int]
) -> tuple[Palette, tuple[int, int]]:
    """The palette and size a figure is drawn with, once view, modality, palette and
    size are checked (before any mesh is loaded)."""
    _check_view(view)
    _check_modality(modality)
    return get_palette(palette), check_size(*size)


def render_image(
    state: State,
    view: str = "anterior",
    size: tuple[int, int] = DEFAULT_SIZE,
    palette: str = "default",
    caption: str | None = None,
    *,
    body: Any = None,
    spine: Mapping[str, Any] | None = None,
    vertebrae: str = "translucent",
    presentation: bool = False,
    anti_aliasing: str | None = "auto",
    camera: Any = None,
    highlight: Iterable[Root] = (),
    modality: str = PIN_PRICK,
    highlight_kind: str = DORSAL,
    dura: bool = True,
) -> np.ndarray:
    """Render ``state`` off-screen: the pixels (rows from the top, RGB uint8) of a figure
    of exactly ``size``, with legend and caption.

    ``view`` is a preset view (``"in-situ"``: the spine in the body) or ``"level:T4"``,
    a close-up of one level. ``dura`` False hides the dural sac. ``camera``
    (a pyvista camera position) replaces the view's framing: a user's own angle.
    ``caption`` None draws the default caption (scenario and cuts); "" draws none.
    ``modality``: the skin shows pin prick (the default) or light touch.
    ``anti_aliasing`` "auto" uses FXAA up to :data:`FXAA_MAX_PIXELS`: a full-screen
    pass worth it up to 1080p; at 4K the pixels are small enough that it costs more (a
    second or so on software OpenGL) than it shows.
    """
    # VTK is imported here, after the caller had a chance to choose EGL (no display)
    import pyvista as pv

    from rhizoviz.scene.anatomy_scene import AnatomyScene, SceneError, configure_plotter

    pal, (width, height) = _check_arguments(view, modality, palette, size)
    if body is None or spine is None:
        body, spine = load_meshes()
    if caption is None:
        caption = default_caption(state, modality=modality)
    if anti_aliasing == "auto":
        anti_aliasing = "fxaa" if width * height <= FXAA_MAX_PIXELS else None

    plotter = pv.Plotter(off_screen=True, window_size=[width, height])
    scene = None
    try:
        configure_plotter(plotter, anti_aliasing)
        scene = AnatomyScene(plotter, body, spine, pal, caption=caption,
                             coarse=shipped_coarse(spine))
        scene.set_vertebrae(vertebrae, render=False)
        scene.set_dura(dura, render=False)
        scene.set_presentation(presentation, render=False)
        scene.set_modality(modality, render=False)
        scene.update(state, render=False)
        if view.startswith(LEVEL_VIEW):
            scene.focus_level(view[len(LEVEL_VIEW):], render=False)
        else:
            scene.set_view(view, render=False)
        if camera is not None:
            plotter.camera_position = camera
        scene.highlight_roots(highlight, render=False, kind=highlight_kind)
        return grab_frame(plotter)
    except SceneError as exc:  # an unknown level, vertebrae setting or anti-aliasing
        raise RenderError(str(exc)) from None
    finally:
        if scene is not None:
            scene.close()
        plotter.close()


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
    camera: Any = None,
    highlight: Iterable[Root] = (),
    modality: str = PIN_PRICK,
    highlight_kind: str = DORSAL,
    dura: bool = True,
) -> Path:
    """:func:`render_image` written to ``out_path`` (a ``.png``), atomically.

    Every argument is checked before anything is rendered or a mesh is loaded. Pass
    ``body`` and ``spine`` to reuse loaded meshes (the app, tests, batch export).
    """
    _check_arguments(view, modality, palette, size)
    out = check_out_path(out_path)
    pixels = render_image(
        state, view, size, palette, caption, body=body, spine=spine, vertebrae=vertebrae,
        presentation=presentation, anti_aliasing=anti_aliasing, camera=camera,
        highlight=highlight, modality=modality, highlight_kind=highlight_kind,
        dura=dura,
    )
    return write_png(pixels, out)
