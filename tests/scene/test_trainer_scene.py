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


def _bone(scene: Any) -> tuple[np.ndarray, np.ndarray]:
    """The bone surface on screen: its points and each cell's cut label."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    pd = scene.bone_actor.GetMapper().GetInput()
    return (vtk_to_numpy(pd.GetPoints().GetData()),
            vtk_to_numpy(pd.GetCellData().GetScalars()))


def test_an_exposure_cuts_its_laminae_off_cleanly(scene: Any) -> None:
    from vtkmodules.util.numpy_support import vtk_to_numpy

    from rhizoviz.scene.laminectomy import CUT_FACE, open_vertebra

    scene.set_approach(None)
    _points, labels = _bone(scene)
    shown = [(labels == CUT_FACE).sum()]
    for name in ("conus", "multilevel"):
        scene.set_approach(get_approach(name))
        _points, labels = _bone(scene)
        shown.append((labels == CUT_FACE).sum())  # capped: the cut has faces of its own
    assert 0 == shown[0] < shown[1] < shown[2]  # five laminae cut show more than one
    for level in get_approach("multilevel").laminae_removed + ("L1",):
        mesh, cut = scene._bones[level]
        points = vtk_to_numpy(open_vertebra(mesh, cut).GetPoints().GetData())
        z = cut.z_from if cut.z_from is not None else -np.inf
        box = ((np.abs(points[:, 0]) < cut.half_width - 0.05)
               & (points[:, 1] < cut.y_back - 0.05) & (points[:, 2] > z + 0.05))
        assert not box.any(), level  # nothing of its laminae or spinous process is left
        was = ((np.abs(mesh.points[:, 0]) < cut.half_width)
               & (mesh.points[:, 1] < cut.y_back - 1.0) & (mesh.points[:, 2] > z))
        assert was.any(), level  # ... and there was bone there before
        body = (np.abs(points[:, 0]) < 5.0) & (points[:, 1] > cut.y_back + 5.0)
        assert body.any(), level  # the vertebral body stays
        assert (np.abs(points[:, 0]) > cut.half_width + 3.0).any(), level  # so do the facets


def test_cut_bones_and_dura_are_cached_per_approach(scene: Any) -> None:
    from rhizoviz.scene.vtkmesh import address

    scene.set_approach(get_approach("conus"))
    bone, sac = (address(a.GetMapper().GetInput()) for a in (scene.bone_actor, scene.sac_actor))
    scene.set_approach(get_approach("multilevel"))
    assert address(scene.bone_actor.GetMapper().GetInput()) != bone
    scene.set_approach(get_approach("conus"))
    assert address(scene.bone_actor.GetMapper().GetInput()) == bone  # not cut again
    assert address(scene.sac_actor.GetMapper().GetInput()) == sac


def test_the_dura_is_opened_over_the_window_only(scene: Any) -> None:
    from vtkmodules.util.numpy_support import vtk_to_numpy

    from rhizoviz.scene.laminectomy import DUROTOMY_MARGIN_MM, sac_centre_line

    scene.set_approach(None)
    closed = scene.sac_actor.GetMapper().GetInput()
    assert scene.sac_actor.GetProperty().GetOpacity() < 1.0  # the roots show through it
    heights, ys = sac_centre_line(scene._sac_points)
    scene.set_approach(get_approach("multilevel"))
    points = vtk_to_numpy(scene.sac_actor.GetMapper().GetInput().GetPoints().GetData())
    assert closed.GetNumberOfPoints() > 0
    lo, hi = scene.window_z
    centre = np.interp(points[:, 2], heights, ys)
    opened = (points[:, 2] > lo - DUROTOMY_MARGIN_MM + 2.0) & (points[:, 2] < hi - 0.5)
    assert not (opened & (points[:, 1] < centre - 0.5)).any()  # its back is laid open
    assert (opened & (points[:, 1] > centre + 2.0)).any()  # its front is the floor
    above = points[:, 2] > hi + DUROTOMY_MARGIN_MM + 5.0
    assert (above & (points[:, 1] < np.interp(points[:, 2], heights, ys) - 2.0)).any()


def test_vertebra_names_stand_clear_of_the_lifted_fan(scene: Any) -> None:
    scene.set_approach(get_approach("conus"))
    for side, sign in (("left", 1.0), ("right", -1.0)):
        scene.lift("L1", side)
        assert np.sign(scene.labels["L1"].GetPosition()[0]) == sign
        assert np.sign(scene.root_label.GetPosition()[0]) == -sign


def test_the_view_stays_on_the_opened_window(scene: Any) -> None:
    scene.set_approach(get_approach("multilevel"))
    lo, hi = scene.window_z
    for level in ("L2", "S1"):
        scene.lift(level, "left")
        scene.frame_lifted()
        scene.plotter.render()
        top = scene.project(np.array([0.0, -40.0, hi + 25.0]))[0, 1]
        bottom = scene.project(np.array([0.0, -40.0, lo - 25.0]))[0, 1]
        height = scene.plotter.render_window.GetSize()[1]
        # the closed bone beyond the window's ends stays (mostly) off screen
        assert top < 0 or bottom > height, level
        x, y = scene.rootlet_display_position(scene.index[f"{level}-left-1"])
        assert 0 <= y <= height


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


def test_a_reshaped_view_is_framed_again_unless_the_camera_was_moved(scene: Any) -> None:
    scene.set_approach(get_approach("conus"))
    scene.plotter.render()
    try:
        scene.plotter.render_window.SetSize(500, 900)  # tall and narrow: move back
        before = np.asarray(scene.plotter.camera.GetPosition())
        assert scene.reframe()
        after = np.asarray(scene.plotter.camera.GetPosition())
        assert after[1] < before[1]  # further behind, so the fans still fit across
        scene.plotter.camera.Azimuth(20.0)  # the student turned the view
        assert not scene.reframe()
    finally:
        scene.plotter.render_window.SetSize(900, 700)
        scene.frame()


def test_the_palette_recolours_in_place(scene: Any) -> None:
    from rhizoviz.scene.palette import hex_to_rgb
    from rhizoviz.scene.trainer_colours import trainer_colours
    from rhizoviz.scene.trainer_scene import GRADE0
    from rhizoviz.scene.vtkmesh import address

    rootlets = address(scene._rootlet_pd)
    lut = address(scene.rootlet_actor.GetMapper().GetLookupTable())
    try:
        for name in ("greyscale", "okabe-ito", "high-contrast"):
            scene.set_palette(name)
            colours = trainer_colours(name)
            table = scene.rootlet_actor.GetMapper().GetLookupTable()
            for grade, colour in enumerate(colours.grades):
                rgb = table.GetTableValue(GRADE0 + grade)[:3]
                assert np.allclose(rgb, hex_to_rgb(colour)), (name, grade)
            assert np.allclose(scene.plotter.renderer.GetBackground(),
                               hex_to_rgb(colours.background))
        assert address(scene._rootlet_pd) == rootlets  # nothing rebuilt
        assert address(scene.rootlet_actor.GetMapper().GetLookupTable()) == lut
    finally:
        scene.set_palette("default")


def test_root_paths_run_from_the_cord_outwards() -> None:
    from rhizoviz.mesh_loader import load_spine
    from rhizoviz.scene.rootlets import DENSE, root_path
    from rhizoviz.scene.standins import standin_spine

    for spine in (load_spine(), standin_spine()):  # a swept tube, and a mesh that is not
        path, radius = root_path(np.asarray(spine["dorsal_root_L5_left"].vertices))
        assert path.shape == (DENSE, 3) and 0.5 <= radius <= 4.0
        assert abs(path[0, 0]) < abs(path[-1, 0])  # medial end first


def test_a_spine_of_plain_blocks_still_opens() -> None:
    """Stand-in vertebrae are plain blocks with no dural sac: their backs are cut off."""
    import pyvista as pv
    from vtkmodules.util.numpy_support import vtk_to_numpy

    from rhizoviz.scene.laminectomy import CUT_FACE
    from rhizoviz.scene.standins import standin_spine
    from rhizoviz.scene.trainer_scene import TrainerScene

    plotter = pv.Plotter(off_screen=True, window_size=(400, 300))
    try:
        scene = TrainerScene(plotter, standin_spine(), draw_patient(2))
        scene.set_approach(get_approach("multilevel"))
        labels = scene.bone_actor.GetMapper().GetInput().GetCellData().GetScalars()
        assert (vtk_to_numpy(labels) == CUT_FACE).any()
        scene.lift("L3", "left")
        plotter.render()
        i = scene.index["L3-left-1"]
        assert scene.pick(*scene.rootlet_display_position(i)) == i
    finally:
        plotter.close()


def test_an_opened_vertebra_is_still_a_closed_solid() -> None:
    """The cut is capped: every edge of the opened bone joins two faces, no torn rims."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkFiltersCore import vtkCleanPolyData, vtkFeatureEdges

    from rhizoviz.mesh_loader import load_spine
    from rhizoviz.scene.laminectomy import CUT_FACE, Cut, open_vertebra
    from rhizoviz.scene.vtkmesh import as_mesh

    spine = load_spine()
    for name, cut in (("vertebra_L3", Cut(12.0, -26.0)), ("sacrum", Cut(13.0, -48.0, 966.0))):
        pd = open_vertebra(as_mesh(spine[name]), cut)
        weld = vtkCleanPolyData()  # the normals are split at the cut's edges: join them
        weld.SetInputData(pd)
        edges = vtkFeatureEdges()
        edges.SetInputConnection(weld.GetOutputPort())
        edges.BoundaryEdgesOn()
        edges.NonManifoldEdgesOff()
        edges.FeatureEdgesOff()
        edges.ManifoldEdgesOff()
        edges.Update()
        assert edges.GetOutput().GetNumberOfCells() == 0, name
        labels = vtk_to_numpy(pd.GetCellData().GetScalars())
        assert 0 < (labels == CUT_FACE).sum() < len(labels)
