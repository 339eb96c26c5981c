"""The spine in the body (``in-situ``), the new spine parts as drawn, and the bones'
level of detail."""

from __future__ import annotations

import numpy as np
import pytest

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.session import State
from rhizoviz.core.views import IN_SITU
from rhizoviz.scene import AnatomyScene
from rhizoviz.scene.palette import get_palette, hex_to_rgb
from rhizoviz.scene.roots import CUT, INTACT
from rhizoviz.scene.standins import _to_trimesh


def _cut(scene: AnatomyScene, level: str, side: str) -> None:
    scene.update(State(CutSet([Cut(level, side)])), render=False)


def test_in_situ_draws_the_spine_true_to_size_in_a_see_through_body(plotter, standins) -> None:
    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    try:
        scene.set_view(IN_SITU)
        np.testing.assert_allclose(scene.spine_frame.m, np.eye(4))
        key = ("C6", "left")
        anchor = scene.roots[key].anchor
        np.testing.assert_allclose(scene.to_scene(anchor), anchor)  # where it lies
        skin = scene.body_actor.GetProperty()
        assert 0.25 <= skin.GetOpacity() <= 0.35 and scene.body_actor.GetVisibility()
        assert scene.numberings.visible
        texts = scene.legend.texts
        assert "Level names" in texts and "cord segment" in texts and "dural sac" in texts
        assert not scene.labels.actor.GetVisibility()  # no third numbering
        # both numberings are drawn, each in its own palette colour
        assert scene.numberings.vertebrae.actor.GetVisibility()
        assert scene.numberings.segments.actor.GetVisibility()
        palette = get_palette("default")
        assert scene.numberings.segments.text.GetColor() == pytest.approx(
            hex_to_rgb(palette.segment_label))
        assert scene.numberings.vertebrae.text.GetColor() == pytest.approx(
            hex_to_rgb(palette.vertebra_label))

        scene.set_view("anterior")  # and back: the enlarged spine beside an opaque body
        assert scene.spine_frame.scale_now > 1.5
        assert skin.GetOpacity() == 1.0
        assert not scene.numberings.visible
        assert not scene.numberings.vertebrae.actor.GetVisibility()
        assert "Level names" not in scene.legend.texts
    finally:
        scene.close()


def test_a_click_on_a_root_in_the_body_finds_the_root_not_the_skin(plotter, standins) -> None:
    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    try:
        scene.set_view(IN_SITU)
        for key in (("C6", "left"), ("T10", "right"), ("L5", "left")):
            x, y = scene.root_display_position(*key)
            pick = scene.pick(x, y, prefer="dorsal")
            assert pick is not None and pick.kind == "root" and pick.root == key
        # away from the spine, the see-through skin is still the skin: the chest's front
        pts = scene.skin.points
        mid_z = float(np.mean(scene.spine_frame.bounds()[4:6]))
        front = pts[np.argmax(pts[:, 1] - np.abs(pts[:, 2] - mid_z))]
        x, y = scene.project(front[None, :])[0]
        pick = scene.pick(x + 3.0, y)  # just inside the outline
        assert pick is not None and pick.kind in ("skin", "key_point")
    finally:
        scene.close()


def test_rootlets_are_drawn_as_part_of_their_root(plotter, standins) -> None:
    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    try:
        dorsal = scene.dorsal
        parts = dorsal.parts[("L4", "left")]
        n_rootlet_points = sum(len(m.vertices) for n, m in spine.items()
                               if n.startswith("dorsal_rootlet_L4_left_"))
        assert parts.rootlets.stop - parts.rootlets.start == n_rootlet_points > 0
        codes = dorsal._codes  # what VTK maps through the roots' colours
        assert (codes[parts.rootlets] == INTACT).all()
        _cut(scene, "L4", "left")
        assert (codes[parts.rootlets] == CUT).all()  # a cut root's rootlets show cut
        other = dorsal.parts[("L4", "right")]
        assert (codes[other.rootlets] == INTACT).all()
        # no rootlet fell among the still parts drawn as bone
        assert "other" not in scene._group_actors
    finally:
        scene.close()


def test_the_dural_sac_is_a_see_through_group_of_its_own(plotter, standins) -> None:
    body, spine = standins
    scene = AnatomyScene(plotter, body, spine, "okabe-ito")
    try:
        dura = scene._group_actors["dura"]
        assert dura.GetProperty().GetColor() == pytest.approx(
            hex_to_rgb(get_palette("okabe-ito").dura))
        assert 0.0 < dura.GetProperty().GetOpacity() < 0.5
        scene.set_vertebrae("hidden")
        assert dura.GetVisibility()  # not hidden with the bones
        assert not scene._group_actors["bone"].GetVisibility()
        scene.set_dura(False)
        assert not dura.GetVisibility() and not scene.dura_visible
        assert "dural sac" not in scene.legend.texts
        scene.set_vertebrae("opaque")
        assert not dura.GetVisibility()  # the vertebrae setting leaves it alone
        scene.set_palette("default")
        assert dura.GetProperty().GetColor() == pytest.approx(
            hex_to_rgb(get_palette("default").dura))
    finally:
        scene.close()


def _coarse(spine):  # noqa: ANN001, ANN202
    """Stand-in coarse bones: each vertebra's box as a cube of fewer triangles."""
    import pyvista as pv

    out = {}
    for name, mesh in spine.items():
        if name.startswith("vertebra_"):
            lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
            out[name] = _to_trimesh(pv.Cube(bounds=(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])))
    return out


def test_whole_body_views_draw_the_coarse_bones_close_ups_the_full(plotter, standins) -> None:
    body, spine = standins
    # the stand-in boxes refined, so that the coarse cubes have fewer triangles
    import pyvista as pv

    full = dict(spine)
    for name, mesh in spine.items():
        if name.startswith("vertebra_"):
            lo, hi = mesh.vertices.min(axis=0), mesh.vertices.max(axis=0)
            full[name] = _to_trimesh(pv.Box((lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]),
                                            level=3))
    scene = AnatomyScene(plotter, body, full, coarse=_coarse(full))
    try:
        coarse_n = scene.still.triangles["bone"]
        scene.set_view("spine")
        full_n = scene.still.triangles["bone"]
        assert full_n > coarse_n
        bone_input = scene._group_actors["bone"].GetMapper().GetInput()
        _cut(scene, "L5", "left")  # a cut never swaps meshes
        assert scene._group_actors["bone"].GetMapper().GetInput() is bone_input
        scene.set_view(IN_SITU)
        assert scene.still.triangles["bone"] == full_n
        scene.focus_level("T4")
        assert scene.still.triangles["bone"] == full_n
        for view in ("anterior", "posterior", "left", "right"):
            scene.set_view(view)
            assert scene.still.triangles["bone"] == coarse_n, view
    finally:
        scene.close()


def test_in_situ_shows_the_cord_segments_above_their_vertebrae(plotter, real_meshes) -> None:
    """The anatomy the view teaches, read from what the scene draws: the T10 segment
    (behind the umbilicus) stands above the T10 vertebra's body, the conus ends
    between the T12 and L2 vertebrae."""
    body, spine = real_meshes
    scene = AnatomyScene(plotter, body, spine)
    try:
        scene.set_view(IN_SITU)
        names = scene.numberings
        # where the names stand, in the spine's frame: the body's frame in this view
        np.testing.assert_allclose(scene.spine_frame.m, np.eye(4))
        vert, seg = names.vertebra_anchors, names.segment_anchors
        assert seg["T10"][2] > vert["T10"][2]
        # the ascent grows down the column: two or three levels in the lower thoracic
        assert vert["T8"][2] - 20.0 < seg["T10"][2] < vert["T7"][2] + 20.0
        assert vert["L2"][2] < seg["conus"][2] < vert["T12"][2]
        # the segment names stand behind the cord, the vertebra names in front of the bodies
        assert seg["T10"][1] < vert["T10"][1] - 30.0
        scene.render()  # names are placed (and thinned out) before each frame
        assert {"T10", "conus", "L1"} <= set(names.segments.shown)
        assert {"T8", "T10", "L1"} <= set(names.vertebrae.shown)
        # on screen: segment names right of the column, vertebra names left of it, each
        # level with its anchor
        v_xy = names.vertebrae.anchors[names.vertebrae.names.index("T10"), :2]
        s_xy = names.segments.anchors[names.segments.names.index("T10"), :2]
        assert s_xy[0] > v_xy[0]
        t10 = scene._framing.display_points(vert["T10"][None, :])[0]
        assert abs(v_xy[1] - t10[1]) < 1.0 and v_xy[0] < t10[0]
    finally:
        scene.close()


def test_every_real_root_can_be_clicked_in_the_body(real_meshes) -> None:
    """True to size, seen from the side, the cauda equina's roots run close and one behind
    another: in a 960x540 view every dorsal root but the lowest of the far side still
    shows somewhere along it where a click, through the see-through skin, finds it."""
    import pyvista as pv

    body, spine = real_meshes
    plotter = pv.Plotter(off_screen=True, window_size=[960, 540])
    scene = AnatomyScene(plotter, body, spine)
    try:
        scene.set_view(IN_SITU)
        scene.render()
        w, h = plotter.render_window.GetSize()
        hidden = []
        for key, parts in scene.roots.items():
            s = parts.samples
            along = np.vstack([s[:-1] + t * np.diff(s, axis=0) for t in (0.25, 0.5, 0.75)])
            found = False
            for px, py in np.rint(scene._spine_to_window(np.vstack([s, along]))):
                if 0 <= px < w and 0 <= py < h:
                    pick = scene.pick(px, py, prefer="dorsal")  # the level panel's kind
                    if pick is not None and pick.root == key and pick.target == "dorsal":
                        found = True
                        break
            if not found:
                hidden.append(key)
        # seen from the left, the right S4 and S5 roots run in the sacral canal behind
        # their left twins: the spine view from behind is where those are cut
        assert all(side == "right" and level in ("S4", "S5", "Co1")
                   for level, side in hidden), hidden
    finally:
        scene.close()
        plotter.close()
