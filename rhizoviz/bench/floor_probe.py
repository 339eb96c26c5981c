"""The floor: a bare pyvistaqt window showing the shipped meshes, and nothing else.

Run by :mod:`rhizoviz.bench.runner` as ``python -m rhizoviz.bench.floor_probe``. It
reads ``body.ply`` and ``spine.glb`` with trimesh (the bones from ``spine_coarse.glb``,
as the app draws them in the whole-body view it is timed in), adds the body (with a
status scalar mapped through a three-colour table, as the app colours skin) and the spine
parts in two actors (translucent bones, discs and dural sac, opaque rest), and copies what the app
reported about its frame: render-window size, multisampling, FXAA, depth peeling,
bone opacity, where the enlarged spine stands and the camera. Its frames therefore
cost what the same picture costs with no app around it. No rhizoviz module other
than this package's helpers and the data-folder lookup is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from rhizoviz.bench.probe_common import (
    FrameClock,
    drop_offscreen_platform,
    isolate_settings,
    peak_rss_mb,
    render_settings,
    renderer_string,
    report,
    spawn_time,
)

WARMUP_FRAMES = 3
TRANSLUCENT_PREFIXES = ("vertebra_", "disc_", "sacrum", "coccyx", "dural_sac")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m rhizoviz.bench.floor_probe")
    p.add_argument("--spawned", help="wall-clock time the runner started this process")
    p.add_argument("--renders", type=int, default=200, help="re-renders to time")
    p.add_argument(
        "--app", default="{}", help="JSON: the app's settings, camera and spine matrix"
    )
    return p.parse_args(argv)


def _spine_meshes(path: str, coarse_path: str | None = None) -> tuple[Any, Any]:
    """The spine as two merged meshes: see-through bones, discs and sac, and the rest;
    the parts of ``coarse_path`` (a lighter twin of some parts) in place of their own."""
    import numpy as np
    import pyvista as pv
    import trimesh

    scene = trimesh.load(path, file_type="glb", force="scene", process=False)
    geometry = dict(scene.geometry)
    if coarse_path is not None:
        coarse = trimesh.load(coarse_path, file_type="glb", force="scene", process=False)
        geometry.update({n: m for n, m in coarse.geometry.items() if n in geometry})
    groups: dict[bool, list[Any]] = {True: [], False: []}
    for name, mesh in geometry.items():
        groups[name.startswith(TRANSLUCENT_PREFIXES)].append(mesh)
    out = []
    for translucent in (True, False):
        merged = trimesh.util.concatenate(groups[translucent])
        faces = np.asarray(merged.faces, dtype=np.int64)
        out.append(pv.PolyData.from_regular_faces(np.asarray(merged.vertices), faces))
    return out[0], out[1]


def _place(actor: Any, matrix: list[float] | None) -> None:
    if matrix is None:
        return
    from vtkmodules.vtkCommonMath import vtkMatrix4x4

    vm = vtkMatrix4x4()
    vm.DeepCopy(matrix)
    actor.SetUserMatrix(vm)


def _camera(plotter: Any, cam: dict[str, Any] | None) -> None:
    if not cam:
        plotter.reset_camera()
        return
    c = plotter.camera
    c.SetPosition(*cam["position"])
    c.SetFocalPoint(*cam["focal_point"])
    c.SetViewUp(*cam["view_up"])
    c.SetViewAngle(cam["view_angle"])
    c.SetWindowCenter(*cam["window_center"])
    plotter.renderer.ResetCameraClippingRange()


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    spawned = spawn_time(args.spawned)
    app_info: dict[str, Any] = json.loads(args.app)
    settings = app_info.get("settings", {})
    width, height = settings.get("view_size", [1280, 720])
    drop_offscreen_platform()

    from PyQt6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    isolate_settings()
    import numpy as np
    import pyvista as pv
    import trimesh
    from pyvistaqt import QtInteractor

    from rhizoviz.resources import meshes_dir

    folder = meshes_dir()
    body = trimesh.load(folder / "body.ply", file_type="ply", process=False)
    coarse = folder / "spine_coarse.glb"
    bones, rest = _spine_meshes(str(folder / "spine.glb"),
                                str(coarse) if coarse.is_file() else None)

    plotter = QtInteractor(multi_samples=settings.get("multi_samples", 0), auto_update=False)
    if settings.get("fxaa"):
        plotter.enable_anti_aliasing("fxaa")
    if settings.get("depth_peeling"):
        plotter.enable_depth_peeling()
    body_pd = pv.PolyData.from_regular_faces(
        np.asarray(body.vertices), np.asarray(body.faces, dtype=np.int64)
    )
    body_pd.point_data["status"] = np.zeros(body_pd.n_points, dtype=np.float32)
    plotter.add_mesh(
        body_pd, scalars="status", cmap=["#e9c6a8", "#f29e1f", "#3d63f0"], clim=(-0.5, 2.5),
        smooth_shading=True, interpolate_before_map=True, show_scalar_bar=False,
        reset_camera=False, render=False,
    )
    opacity = settings.get("translucent_opacity") or 1.0
    spine_actors = [
        plotter.add_mesh(bones, color="#e8e2d0", opacity=opacity, smooth_shading=True,
                         reset_camera=False, render=False),
        plotter.add_mesh(rest, color="#d9c27a", smooth_shading=True, reset_camera=False,
                         render=False),
    ]
    for actor in spine_actors:
        _place(actor, app_info.get("spine_matrix"))
    _camera(plotter, app_info.get("camera"))

    clock = FrameClock(plotter)
    plotter.resize(width, height)
    plotter.show()
    first_frame = clock.wait_shown(0.0)
    startup_wall = time.time() - (time.perf_counter() - first_frame)
    startup_renders = clock.renders
    clock.settle(quiet_s=0.2)
    result: dict[str, Any] = {
        "startup_s": (startup_wall - spawned) if spawned is not None else None,
        "settings": render_settings(plotter),
        "renderer": renderer_string(plotter.render_window),
        "triangles": int(body_pd.n_cells + bones.n_cells + rest.n_cells),
        "startup_renders": startup_renders,
    }
    result["settings"]["translucent_opacity"] = opacity if opacity < 1.0 else None
    times, renders = [], []
    for i in range(WARMUP_FRAMES + max(args.renders, 0)):
        ms, count = clock.timed(plotter.update)  # one repaint: the cheapest visible frame
        if i >= WARMUP_FRAMES:
            times.append(ms)
            renders.append(count)
    result.update(render_ms=times, render_renders=renders, rss_mb=peak_rss_mb(),
                  render_parts_ms=clock.breakdowns[-len(times):] if times else [])
    plotter.close()
    del app
    report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
