"""The README preview: body front and back coloured by dermatome, a legend, and the spine.

Rendered off-screen with pyvista (no X server needed: VTK falls back to EGL),
then laid out with matplotlib. Pictures depend on the renderer, so the preview
is not part of the byte-for-byte check of ``meshes/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from rhizoviz.core.atlas import load_atlas
from rhizoviz.meshgen.palette import level_colours

SPINE_COLOURS = {
    "vertebra": (0.93, 0.91, 0.84),
    "sacrum": (0.93, 0.91, 0.84),
    "coccyx": (0.93, 0.91, 0.84),
    "disc": (0.55, 0.75, 0.90),
    "spinal_cord": (0.98, 0.85, 0.55),
    "filum_terminale": (0.98, 0.85, 0.55),
    "dorsal_root_ganglion": (0.95, 0.70, 0.10),
    "dorsal_rootlet": (0.98, 0.62, 0.25),
    "ventral_rootlet": (0.68, 0.55, 0.88),
    "dural_sac": (0.80, 0.72, 0.62),
    "dorsal_root": (0.90, 0.45, 0.10),
    "ventral_root": (0.55, 0.40, 0.80),
}


SAC_OPACITY = 0.18  # the dura is drawn see-through so the cord and cauda equina show


def _spine_colour(name: str) -> tuple[float, float, float]:
    for prefix, colour in SPINE_COLOURS.items():
        if name.startswith(prefix):
            return colour
    return (0.8, 0.8, 0.8)


def _polydata(mesh):
    import pyvista as pv

    faces = np.hstack([np.full((len(mesh.faces), 1), 3), mesh.faces]).ravel()
    return pv.PolyData(np.asarray(mesh.vertices), faces)


def _shot(actors, direction, focal, scale, size) -> np.ndarray:
    import pyvista as pv

    plotter = pv.Plotter(off_screen=True, window_size=size)
    plotter.set_background("white")
    for poly, kwargs in actors:
        plotter.add_mesh(poly, **kwargs)
    plotter.enable_parallel_projection()
    cam = plotter.camera
    cam.focal_point = focal
    cam.position = tuple(np.asarray(focal) + 3000.0 * np.asarray(direction, dtype=float))
    cam.up = (0.0, 0.0, 1.0)
    cam.parallel_scale = scale
    image = plotter.screenshot(None, return_img=True)
    plotter.close()
    return image


def render_preview(folder: Path, out: Path) -> Path:
    """Render ``folder``'s meshes to ``out`` (PNG)."""
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from rhizoviz.mesh_loader import load_body, load_spine

    body = load_body(folder)
    spine = load_spine(folder)
    colours = level_colours()
    rgb = np.array([colours[name] for name in body.dermatome])
    skin = _polydata(body.mesh)
    skin.point_data["rgb"] = (rgb * 255).astype(np.uint8)
    skin_actor = (skin, {"scalars": "rgb", "rgb": True, "smooth_shading": True})
    kp = np.array([body.key_points[k] for k in sorted(body.key_points)])
    import pyvista as pv

    dots = (pv.PolyData(kp), {"color": "black", "point_size": 7, "render_points_as_spheres": True})
    size = (560, 1100)
    front = _shot([skin_actor, dots], (0, 1, 0), (0, 0, 875), 890, size)
    back = _shot([skin_actor, dots], (0, -1, 0), (0, 0, 875), 890, size)
    spine_actors = [
        (_polydata(m), {"color": _spine_colour(name), "smooth_shading": True,
                        "opacity": SAC_OPACITY if name == "dural_sac" else 1.0})
        for name, m in sorted(spine.items())
    ]
    ghost = (skin, {"color": (0.85, 0.78, 0.70), "opacity": 0.12})
    side = _shot([*spine_actors, ghost], (1, 0, 0), (0, 0, 1250), 400, (560, 1100))
    see_through = [
        (poly, {**kw, "opacity": 0.3})
        if name.startswith(("vertebra", "sacrum", "disc"))
        else (poly, kw)
        for (poly, kw), name in zip(spine_actors, sorted(spine), strict=True)
    ]
    cauda = _shot(see_through, (0.45, -1.0, 0.2), (0, -35, 1060), 125, (560, 1100))

    fig = plt.figure(figsize=(16, 8.6), dpi=100)
    panels = [
        (front, "anterior"),
        (back, "posterior"),
        (side, "spine, from the right"),
        (cauda, "cord end, cauda equina (bone see-through)"),
    ]
    for i, (image, title) in enumerate(panels):
        ax = fig.add_axes([0.01 + i * 0.2, 0.02, 0.19, 0.92])
        ax.imshow(image)
        ax.set_title(title, fontsize=12)
        ax.axis("off")
    levels = load_atlas().dermatome_levels
    handles = [Patch(color=colours[lv], label=lv) for lv in levels]
    handles.append(Patch(color=colours[""], label="trigeminal (face)"))
    legend_ax = fig.add_axes([0.81, 0.02, 0.18, 0.92])
    legend_ax.axis("off")
    legend_ax.legend(
        handles=handles,
        ncol=2,
        loc="center",
        fontsize=10,
        frameon=False,
        title="dermatome (classic chart)\n• key sensory points",
    )
    fig.suptitle(
        "rhizoviz meshes: dermatome-labelled body and spine (boundaries approximate)", fontsize=13
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100, metadata={"Software": None})
    plt.close(fig)
    return out
