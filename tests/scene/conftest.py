"""Fixtures for the scene tests: off-screen plotters, stand-in and shipped meshes.

Every plotter is closed at teardown so no VTK render window outlives its test.
The stand-ins make most tests fast; tests about real anatomy (the thumb is C6) use
the shipped meshes and skip while those are not yet built.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import pyvista as pv  # noqa: E402

from rhizoviz.scene import AnatomyScene  # noqa: E402

SMALL = (480, 360)


@pytest.fixture(scope="session")
def standins():
    from rhizoviz.scene.standins import standin_body, standin_spine

    return standin_body(), standin_spine()


@pytest.fixture(scope="session")
def real_meshes():
    try:
        from rhizoviz.mesh_loader import load_body, load_spine

        return load_body(), load_spine()
    except (ImportError, FileNotFoundError, OSError) as exc:
        pytest.skip(f"shipped meshes not available: {exc}")


@pytest.fixture
def plotter() -> Iterator[pv.Plotter]:
    p = pv.Plotter(off_screen=True, window_size=list(SMALL))
    yield p
    p.close()


@pytest.fixture
def scene(plotter, standins) -> Iterator[AnatomyScene]:
    body, spine = standins
    s = AnatomyScene(plotter, body, spine)
    yield s
    s.close()


@pytest.fixture
def real_scene(plotter, real_meshes) -> Iterator[AnatomyScene]:
    body, spine = real_meshes
    s = AnatomyScene(plotter, body, spine)
    yield s
    s.close()
