"""Ventral roots and ganglia in the scene: each kind gets its own cuts, looks different in
every palette, is picked by kind; and the skin shows pin prick or light touch."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rhizoviz.body_outcome import body_status
from rhizoviz.core.atlas import LIGHT_TOUCH, PIN_PRICK
from rhizoviz.core.cuts import Cut, CutSet, parse_specs
from rhizoviz.core.outcome import ABSENT, IMPAIRED
from rhizoviz.core.session import State
from rhizoviz.scene import PALETTES, AnatomyScene
from rhizoviz.scene.legend import swatch_colour
from rhizoviz.scene.palette import hex_to_rgb


def state_of(*specs: str, model: str = "overlap") -> State:
    return State(CutSet(parse_specs(specs)), model, "kinds")


THREE_KINDS = state_of("dorsal:left:C6", "ventral:left:C7", "ganglion:left:C8")


def test_each_kind_gets_its_own_cuts(scene: AnatomyScene) -> None:
    scene.update(THREE_KINDS, render=False)
    dorsal, ventral = scene.root_sets["dorsal"], scene.root_sets["ventral"]
    assert dorsal.parts[("C6", "left")].fraction == 1.0
    assert ventral.parts[("C6", "left")].fraction == 0.0
    assert ventral.parts[("C7", "left")].fraction == 1.0
    assert dorsal.parts[("C7", "left")].fraction == 0.0
    # a removed ganglion leaves its dorsal root whole, and the ganglion gone
    assert dorsal.parts[("C8", "left")].fraction == 0.0
    g = scene.root_style("C8", "left", "ganglion")
    assert g["removed"] and not g["solid_visible"] and g["outline_visible"]
    assert not scene.root_style("C6", "left", "ganglion")["removed"]
    assert scene.root_style("C7", "left", "ventral")["gap_visible"] is False
    assert scene.root_style("C7", "left", "ventral")["banded"]
    assert not scene.root_style("C7", "right", "ventral")["banded"]
    scene.update(State(), render=False)
    assert not scene.root_style("C8", "left", "ganglion")["removed"]
    assert not scene.root_style("C7", "left", "ventral")["banded"]


def test_a_removed_ganglion_collapses_in_place(scene: AnatomyScene) -> None:
    ganglia = scene.dorsal.ganglia
    assert ganglia is not None
    points = ganglia._points  # a live view of what VTK draws
    before = points.copy()
    scene.update(THREE_KINDS, render=False)
    assert ganglia._points is points  # moved in place, not rebuilt
    i = ganglia.ganglion_keys.index(("C8", "left"))
    own = ganglia._own == i
    assert np.ptp(points[own], axis=0).max() == pytest.approx(0.0)
    np.testing.assert_array_equal(points[~own], before[~own])


@pytest.mark.parametrize("palette", list(PALETTES))
def test_the_three_cut_kinds_differ_in_every_palette(scene: AnatomyScene, palette: str) -> None:
    scene.set_palette(palette, render=False)
    scene.update(THREE_KINDS, render=False)
    dorsal_cut = scene.root_style("C6", "left")["colour"]
    ventral = scene.root_style("C7", "left", "ventral")
    ganglion = scene.root_style("C8", "left", "ganglion")["colour"]
    colours = {
        "dorsal cut": dorsal_cut,
        "ventral cut": ventral["colour"],
        "ventral band": ventral["band_colour"],
        "ganglion removed": ganglion,
        "dorsal intact": scene.root_style("C7", "left")["colour"],
        "ventral intact": scene.root_style("C6", "left", "ventral")["colour"],
    }
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        if {a, b} == {"ventral band", "dorsal intact"}:
            continue  # bands are a pattern on a cut ventral root, never seen alone
        assert np.abs(np.subtract(ca, cb)).max() > 0.08, f"{palette}: {a} looks like {b}"
    assert colours["dorsal cut"] == pytest.approx(hex_to_rgb(scene.palette.root_cut))
    assert colours["ventral cut"] == pytest.approx(hex_to_rgb(scene.palette.ventral_cut))
    assert ganglion == pytest.approx(hex_to_rgb(scene.palette.ganglion_removed))


def test_whole_body_views_mark_the_kinds_with_three_shapes(scene: AnatomyScene) -> None:
    scene.update(THREE_KINDS, render=False)
    scene.set_view("anterior", render=False)
    dorsal_flags = scene.root_sets["dorsal"].flags
    ventral_flags = scene.root_sets["ventral"].flags
    assert dorsal_flags.actors["cut"].GetProperty().GetRenderPointsAsSpheres()
    assert not ventral_flags.actors["cut"].GetProperty().GetRenderPointsAsSpheres()  # squares
    assert scene.root_style("C6", "left")["flagged"]
    assert scene.root_style("C7", "left", "ventral")["flagged"]
    assert scene.root_style("C8", "left", "ganglion")["ringed"]
    # from behind, a ventral root is hidden by its dorsal root: its square stays
    scene.set_view("spine", render=False)
    assert not scene.root_style("C6", "left")["flagged"]
    assert scene.root_style("C7", "left", "ventral")["flagged"]
    assert scene.root_style("C8", "left", "ganglion")["ringed"]  # small at this scale
    scene.focus_level("C8", render=False)  # a close-up: the outline speaks for itself
    assert not scene.root_style("C8", "left", "ganglion")["ringed"]


def test_the_legend_names_what_the_scene_shows(scene: AnatomyScene, plotter) -> None:
    assert "Skin sensation \u2014 pin prick" in scene.legend.texts
    assert "ganglion removed" not in scene.legend.texts
    assert "cut (banded)" not in scene.legend.texts
    scene.update(THREE_KINDS, render=False)
    assert "ganglion removed" in scene.legend.texts
    assert "cut (banded)" in scene.legend.texts
    scene.set_modality(LIGHT_TOUCH, render=False)
    assert "Skin sensation \u2014 light touch" in scene.legend.texts
    plotter.render()
    image = plotter.screenshot(return_img=True)
    x, y, w, h = scene.legend.swatch_rects["ganglion_removed"]
    hole = image[y + h // 2, x + w // 2, :3].astype(float)
    rim = image[y + h // 2, x + 1, :3].astype(float)
    background = np.array(hex_to_rgb(scene.palette.legend_background)) * 255
    assert hole == pytest.approx(background, abs=40)  # the ring's hole, the panel's colour
    assert rim == pytest.approx(np.array(hex_to_rgb(scene.palette.ganglion_removed)) * 255,
                                abs=60)
    bands = swatch_colour(image, scene.legend.swatch_rects["ventral_cut"])
    assert np.abs(bands - background).max() > 60
    scene.update(State(), render=False)
    assert "ganglion removed" not in scene.legend.texts


@pytest.mark.parametrize("view", ["spine", "anterior", "left"])
def test_each_kind_is_picked_where_it_is_drawn(scene: AnatomyScene, plotter, view) -> None:
    """Where the kinds overlap on screen, the chosen kind wins (seen from the side, only
    the near side's roots show: the far side's are behind them)."""
    scene.set_view(view, render=False)
    plotter.render()
    w, h = plotter.window_size
    roots = [("C6", "left"), ("T6", "right"), ("L5", "left")]
    if view == "left":
        roots = [("C6", "left"), ("T6", "left"), ("L5", "left")]
    for kind in ("dorsal", "ventral", "ganglion"):
        for level, side in roots:
            x, y = scene.root_display_position(level, side, kind)
            if not (0 <= x < w and 0 <= y < h):
                continue
            assert scene.target_at(x, y, prefer=kind) == (kind, level, side), (view, kind)
            pick = scene.pick(x, y, prefer=kind)
            assert pick is not None and pick.kind == "root", (view, kind, level)
            assert (pick.target, pick.root) == (kind, (level, side)), (view, kind, level)


def test_every_cell_of_every_kind_names_its_target(scene: AnatomyScene) -> None:
    ventral = scene.root_sets["ventral"]
    cells = ventral.actor.GetMapper().GetInput().GetNumberOfCells()
    named = {scene.target_for_cell(ventral.actor, c) for c in range(cells)}
    assert named == {("ventral", lv, s) for lv, s in ventral.keys}
    ganglia = scene.dorsal.ganglia
    cells = ganglia.actor.GetMapper().GetInput().GetNumberOfCells()
    named = {scene.target_for_cell(ganglia.actor, c) for c in range(cells)}
    assert named == {("ganglion", lv, s) for lv, s in scene.dorsal.keys}
    scene.update(THREE_KINDS, render=False)  # the outline of a removed one names it too
    cells = ganglia.ghost_actor.GetMapper().GetInput().GetNumberOfCells()
    assert cells > 0
    assert {scene.target_for_cell(ganglia.ghost_actor, c) for c in range(cells)} == {
        ("ganglion", "C8", "left")}


def test_modality_switch_is_a_recolour(scene: AnatomyScene, standins) -> None:
    body, _spine = standins
    actor, status = scene.body_actor, scene.body_status
    state = state_of("left:C5-C7")
    scene.update(state, render=False)
    pin = scene.body_status.copy()
    scene.set_modality(LIGHT_TOUCH, render=False)
    assert scene.body_actor is actor and scene.body_status is status
    touch = scene.body_status.copy()
    np.testing.assert_array_equal(pin.astype(np.int8), body_status(body, state.cuts, "overlap"))
    np.testing.assert_array_equal(touch.astype(np.int8),
                                  body_status(body, state.cuts, "overlap", LIGHT_TOUCH))
    assert (pin == ABSENT).any() and not (touch == ABSENT).any()
    assert (touch <= pin).all()


def test_the_thumb_after_left_c5_c7(real_scene: AnatomyScene) -> None:
    """Pin prick gone, touch only dulled: on the skin and on the C6 key point's marker."""
    real_scene.update(state_of("left:C5-C7"), render=False)
    thumb = real_scene.key_point_keys.index(("C6", "left"))
    assert real_scene.marker_status[thumb] == ABSENT
    real_scene.set_modality(LIGHT_TOUCH, render=False)
    assert real_scene.marker_status[thumb] == IMPAIRED
    real_scene.set_modality(PIN_PRICK, render=False)
    assert real_scene.marker_status[thumb] == ABSENT


def test_skin_statuses_equal_the_core_for_every_kind_model_and_modality(plotter,
                                                                          standins) -> None:
    """Property: random cut sets of every kind, both models, both modalities."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rhizoviz.core.atlas import load_atlas

    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    levels = load_atlas().level_names
    sides = st.sampled_from(["left", "right"])
    cut = st.one_of(
        st.builds(Cut, st.sampled_from(levels), sides, st.sampled_from([0.3, 1.0]),
                  st.sampled_from(["dorsal", "ventral"])),
        st.builds(lambda lv, s: Cut(lv, s, 1.0, "ganglion"), st.sampled_from(levels), sides),
    )

    @settings(max_examples=30, deadline=None)
    @given(st.lists(cut, max_size=10), st.sampled_from(["overlap", "textbook"]),
           st.sampled_from([PIN_PRICK, LIGHT_TOUCH]))
    def check(cuts: list[Cut], model: str, modality: str) -> None:
        state = State(CutSet(cuts), model, "prop")
        scene.set_modality(modality, render=False)
        scene.update(state, render=False)
        np.testing.assert_array_equal(scene.body_status.astype(np.int8),
                                      body_status(body, state.cuts, model, modality))
        for kind in ("dorsal", "ventral"):
            for key, parts in scene.root_sets[kind].parts.items():
                assert parts.fraction == state.cuts.fraction(*key, kind)
        removed = scene.dorsal.ganglia.removed
        for key, gone in zip(scene.dorsal.ganglia.ganglion_keys, removed, strict=True):
            assert gone == (state.cuts.fraction(*key, "ganglion") > 0)

    try:
        check()
    finally:
        scene.close()


@pytest.mark.slow
@pytest.mark.parametrize("view", ["spine", "anterior", "posterior"])
def test_every_real_root_and_ganglion_is_picked_by_kind(real_meshes, view) -> None:
    """On the shipped meshes, in a window of the app's size: every root of every kind and
    every ganglion is found where it is drawn, by hover and by click, once chosen."""
    import pyvista as pv

    body, spine = real_meshes
    plotter = pv.Plotter(off_screen=True, window_size=[1280, 720])
    scene = AnatomyScene(plotter, body, spine)
    sacral = {"S1", "S2", "S3", "S4", "S5", "Co1"}
    try:
        scene.set_view(view, render=False)
        scene.render()
        behind = []
        for kind in ("dorsal", "ventral", "ganglion"):
            for level, side in scene.roots:
                x, y = scene.root_display_position(level, side, kind)
                found = scene.target_at(x, y, prefer=kind)
                pick = scene.pick(x, y, prefer=kind)
                picked = None if pick is None else (pick.target, *pick.root)
                if view != "spine" and (kind, level, side) not in {found} & {picked}:
                    # From the front the cauda equina's roots lie one in front of the
                    # next: a lower sacral root may be drawn wholly behind its neighbour
                    # of the same kind and side, and the front one is rightly picked.
                    for other in (found, picked):
                        assert other is not None and other[0] == kind and other[2] == side
                        assert {level, other[1]} <= sacral, (kind, level, side, other)
                    behind.append((kind, level, side))
                    continue
                assert found == (kind, level, side)
                assert pick is not None and (pick.target, pick.root) == (kind, (level, side))
        assert len(behind) <= 2, behind  # the spine view (above) reaches every one of them
    finally:
        scene.close()
        plotter.close()
