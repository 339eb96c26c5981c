"""The trainer's field: arches that an exposure removes, rootlets recoloured and cut in place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from rhizoviz.core.sdr.approach import get_approach
from rhizoviz.core.sdr.patient import draw_patient


@pytest.fixture(scope="module")
def scene() -> Iterator[Any]:
    import pyvista as pv

    from rhizoviz.mesh_loader import load_spine
    from rhizoviz.scene.trainer_scene import TrainerScene

    plotter = pv.Plotter(off_screen=True, window_size=(900, 700))
    yield TrainerScene(plotter, load_spine(), draw_patient(11))
    plotter.close()


def test_every_rootlet_of_the_child_is_drawn(scene: Any) -> None:
    from rhizoviz.scene import rootlets as geo

    n = len(list(scene.patient))
    assert scene._rootlet_pd.GetNumberOfPolys() == n * geo.FACES_PER_ROOTLET
    assert len(scene.rootlets) == n


def test_an_exposure_takes_away_its_laminae(scene: Any) -> None:
    scene.set_approach(None)
    closed = scene._arch_pd.GetNumberOfPolys()
    assert set(scene.arch_levels) >= {"L1", "L2", "L3", "L4", "L5"}
    scene.set_approach(get_approach("conus"))
    conus = scene._arch_pd.GetNumberOfPolys()
    scene.set_approach(get_approach("multilevel"))
    multi = scene._arch_pd.GetNumberOfPolys()
    assert closed > conus > multi
    # the arch is behind the canal: the vertebral bodies stay
    assert scene.bone_actor.GetMapper().GetInput().GetNumberOfPolys() > 0


def test_a_rootlet_is_picked_where_it_is_drawn(scene: Any) -> None:
    scene.set_approach(get_approach("conus"))
    scene.lift("S1", "left")
    scene.plotter.render()
    for rootlet in scene.patient.roots[("S1", "left")]:
        i = scene.index[rootlet.id]
        assert scene.pick(*scene.rootlet_display_position(i)) == i
    assert scene.pick(2.0, 2.0) is None


def test_nothing_is_picked_through_closed_laminae(scene: Any) -> None:
    scene.set_approach(None)
    scene.plotter.render()
    i = scene.index["L5-left-1"]
    assert scene.pick(*scene.rootlet_display_position(i)) is None


def test_codes_and_cuts_change_in_place(scene: Any) -> None:
    from rhizoviz.scene import rootlets as geo
    from rhizoviz.scene.trainer_scene import CUT, GRADE0
    from rhizoviz.scene.vtkmesh import address

    scene.set_approach(get_approach("conus"))
    scene.lift("L4", "right")
    pd = scene._rootlet_pd
    points_before = address(pd.GetPoints())
    i = scene.index["L4-right-2"]
    codes = np.zeros(len(scene.rootlets), np.int8)
    codes[i] = GRADE0 + 3
    scene.set_codes(codes)
    cell = pd.GetCellData().GetScalars()
    cells = range(i * geo.FACES_PER_ROOTLET, (i + 1) * geo.FACES_PER_ROOTLET)
    assert {cell.GetValue(k) for k in cells} == {GRADE0 + 3}
    cut = np.zeros(len(scene.rootlets), bool)
    cut[i] = True
    codes[i] = CUT
    scene.set_codes(codes)
    scene.set_cut(cut)
    assert scene._collapsed[i].any() and not scene._collapsed[i - 1].any()
    ring = scene._points[i][scene._collapsed[i]]
    assert np.allclose(ring, ring.mean(axis=1, keepdims=True))  # the gap draws nothing
    assert address(pd.GetPoints()) == points_before  # moved, not rebuilt
    scene.set_cut(np.zeros(len(scene.rootlets), bool))
    assert not scene._collapsed.any()


def test_root_paths_run_from_the_cord_outwards() -> None:
    from rhizoviz.mesh_loader import load_spine
    from rhizoviz.scene.rootlets import DENSE, root_path
    from rhizoviz.scene.standins import standin_spine

    for spine in (load_spine(), standin_spine()):  # a swept tube, and a mesh that is not
        path, radius = root_path(np.asarray(spine["dorsal_root_L5_left"].vertices))
        assert path.shape == (DENSE, 3) and 0.5 <= radius <= 4.0
        assert abs(path[0, 0]) < abs(path[-1, 0])  # medial end first


def test_a_spine_whose_vertebrae_are_single_surfaces_still_opens() -> None:
    """Stand-in vertebrae are plain blocks: their backs are clipped, or they are hidden."""
    import pyvista as pv

    from rhizoviz.scene.standins import standin_spine
    from rhizoviz.scene.trainer_scene import TrainerScene

    plotter = pv.Plotter(off_screen=True, window_size=(400, 300))
    try:
        scene = TrainerScene(plotter, standin_spine(), draw_patient(2))
        closed = scene._arch_pd.GetNumberOfPolys()
        scene.set_approach(get_approach("multilevel"))
        assert scene._arch_pd.GetNumberOfPolys() < closed
        scene.lift("L3", "left")
        plotter.render()
        i = scene.index["L3-left-1"]
        assert scene.pick(*scene.rootlet_display_position(i)) == i
    finally:
        plotter.close()


def test_arch_faces_of_one_surface_lie_behind_the_canal() -> None:
    from rhizoviz.mesh_loader import load_spine
    from rhizoviz.scene.trainer_scene import arch_faces
    from rhizoviz.scene.vtkmesh import Mesh, as_mesh

    v = as_mesh(load_spine()["vertebra_L3"])
    canal = np.array([0.0, -35.0])
    parts = arch_faces(v, canal)
    # the same vertebra as one surface: every face joined to the next (no separate parts)
    welded = Mesh(v.points, np.vstack([v.faces, [[0, int(f[0]), int(f[1])] for f in v.faces]]),
                  v.normals)
    clipped = arch_faces(welded, canal)[: len(v.faces)]
    centres = v.points[v.faces].mean(axis=1)
    for mask in (parts, clipped):
        assert mask.any() and not mask.all()
        assert centres[mask][:, 1].mean() < canal[1] < centres[~mask][:, 1].mean()
