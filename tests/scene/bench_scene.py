"""Measure the scene's hot paths: ``python tests/scene/bench_scene.py`` (not a test).

Prints the cost of ``update()`` on the shipped body and on a 4x subdivided copy
(~170k vertices), of building the scene, and of one off-screen frame with and
without FXAA, so the numbers in reviews come from this machine, not from memory.
"""

from __future__ import annotations

import os
import time

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import numpy as np  # noqa: E402
import pyvista as pv  # noqa: E402

from rhizoviz.core.cuts import CutSet, parse_spec  # noqa: E402
from rhizoviz.core.session import State  # noqa: E402
from rhizoviz.mesh_loader import load_body, load_spine  # noqa: E402
from rhizoviz.scene.anatomy_scene import AnatomyScene, configure_plotter  # noqa: E402
from rhizoviz.scene.standins import StandInBody  # noqa: E402


def best(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def subdivided(body) -> StandInBody:
    """The body with every triangle split in four: labels copied from a parent vertex."""
    mesh = body.mesh.to_trimesh().subdivide()
    from scipy.spatial import cKDTree

    _, parent = cKDTree(body.mesh.vertices).query(mesh.vertices)
    return StandInBody(mesh, body.primary_bits[parent], body.supply_bits[parent],
                       body.side_code[parent], dict(body.key_points))


def main() -> None:
    body, spine = load_body(), load_spine()
    states = [State(CutSet(parse_spec("both:L2-S1@0.4") + parse_spec("right:C5-C7"))), State()]
    for label, b in (("shipped body", body), ("subdivided body", subdivided(body))):
        plotter = pv.Plotter(off_screen=True, window_size=[640, 360])
        configure_plotter(plotter)
        t0 = time.perf_counter()
        scene = AnatomyScene(plotter, b, spine)
        build = time.perf_counter() - t0
        i = iter(range(10**6))
        t = best(lambda s=scene: s.update(states[next(i) % 2], render=False), n=21)  # noqa: B023
        n = len(np.asarray(scene.body_status))
        print(f"{label}: {n} vertices, build {build * 1000:.0f} ms, update {t * 1000:.2f} ms")
        scene.close()
        plotter.close()
    plotter = pv.Plotter(off_screen=True, window_size=[1280, 720])
    configure_plotter(plotter)
    scene = AnatomyScene(plotter, body, spine)
    scene.render()
    x, y = scene.root_display_position("C6", "left")
    print(f"root_at (hover): {best(lambda: scene.root_at(x, y), n=21) * 1000:.2f} ms")
    print(f"pick (click, hardware): {best(lambda: scene.pick(x, y), n=5) * 1000:.0f} ms")
    scene.close()
    plotter.close()
    for size in ((1280, 720), (1920, 1080)):
        for aa in (None, "fxaa"):
            plotter = pv.Plotter(off_screen=True, window_size=list(size))
            configure_plotter(plotter, aa)
            scene = AnatomyScene(plotter, body, spine)
            scene.update(states[0], render=False)
            plotter.render_window.Render()
            t = best(plotter.render_window.Render, n=5)
            print(f"frame {size[0]}x{size[1]} aa={aa}: {t * 1000:.0f} ms")
            scene.close()
            plotter.close()


if __name__ == "__main__":
    main()
