"""AnatomyScene behaviour on an off-screen plotter: recolour in place, roots, picking, views."""

from __future__ import annotations

import numpy as np
import pytest

from rhizoviz.core.cuts import CutSet, parse_spec
from rhizoviz.core.outcome import (
    ABSENT,
    IMPAIRED,
    NORMAL,
    STATUS_NAMES,
    RootMasks,
    model_supply,
    patch_status,
)
from rhizoviz.core.session import Session, State
from rhizoviz.scene import PALETTES, VIEWS, AnatomyScene
from rhizoviz.scene.anatomy_scene import SceneError
from rhizoviz.scene.palette import hex_to_rgb
from rhizoviz.scene.standins import THUMB


def core_body_status(body, state: State) -> np.ndarray:  # noqa: ANN001
    """What the core says each vertex of ``body`` shows under ``state``."""
    return patch_status(
        body.primary_bits,
        model_supply(state.model, body.primary_bits, body.supply_bits),
        body.side_code,
        RootMasks.from_cuts(state.cuts),
    )


def cut_state(*specs: str, model: str = "overlap") -> State:
    cuts = [c for spec in specs for c in parse_spec(spec)]
    return State(CutSet(cuts), model, "test")


def test_update_writes_into_the_same_scalar_array(scene: AnatomyScene) -> None:
    actor, mesh = scene.body_actor, scene.body_mesh
    array, points = scene.body_status, mesh.points
    vtk_array = mesh.GetPointData().GetAbstractArray("status")
    before_mtime = vtk_array.GetMTime()
    assert not array.any()
    scene.update(cut_state("right:C5-C7"), render=False)
    assert scene.body_actor is actor and scene.body_mesh is mesh
    assert scene.body_status is array
    assert mesh.GetPointData().GetAbstractArray("status") is vtk_array
    assert vtk_array.GetMTime() > before_mtime  # the mapper sees the change
    assert np.shares_memory(mesh.points, points)
    codes = set(np.unique(array).astype(int))
    assert {NORMAL, IMPAIRED, ABSENT} <= codes
    scene.update(State(), render=False)
    assert not array.any()


def test_body_status_agrees_with_the_core_rule(scene: AnatomyScene, standins) -> None:
    body, _spine = standins
    for specs, model in ((("right:C5-C7",), "overlap"), (("left:C6",), "textbook"),
                         (("both:T4-T8@0.5",), "overlap")):
        state = cut_state(*specs, model=model)
        scene.update(state, render=False)
        np.testing.assert_array_equal(scene.body_status.astype(np.int8),
                                      core_body_status(body, state))


def test_markers_follow_the_outcome(scene: AnatomyScene) -> None:
    session = Session()
    session.cut_range("C5", "C7", ["right"])
    scene.update(session.state, render=False)
    i = scene.key_point_keys.index(("C6", "right"))
    assert scene.marker_status[i] == ABSENT
    j = scene.key_point_keys.index(("C6", "left"))
    assert scene.marker_status[j] == NORMAL
    for spec, model in (("both:L2-S1@0.4", "overlap"), ("left:T1-T12", "textbook")):
        session.apply_cuts(parse_spec(spec))
        session.set_model(model)
        scene.update(session.state, render=False)
        for kp in session.outcome.key_points:
            code = int(scene.marker_status[scene.key_point_keys.index((kp.level, kp.side))])
            assert STATUS_NAMES[code] == kp.status, (spec, kp)


def test_cut_root_shows_a_gap_and_partial_root_is_thinned(scene: AnatomyScene) -> None:
    p = scene.palette
    scene.focus_level("C6", render=False)  # true-to-size roots: intact points are the base
    scene.update(cut_state("right:C6", "left:L4@0.4"), render=False)
    cut = scene.root_style("C6", "right")
    assert cut["gap_visible"] is False
    assert cut["colour"] == pytest.approx(hex_to_rgb(p.root_cut))
    partial = scene.root_style("L4", "left")
    assert partial["gap_visible"] is True
    assert partial["colour"] == pytest.approx(hex_to_rgb(p.root_partial))
    shown, base = scene.root_points("L4", "left", "gap")
    assert not np.allclose(shown, base)  # thinned towards its axis
    intact = scene.root_style("C6", "left")
    assert intact["gap_visible"] is True
    assert intact["colour"] == pytest.approx(hex_to_rgb(p.root_intact))
    scene.update(State(), render=False)
    assert scene.root_style("C6", "right")["gap_visible"] is True
    np.testing.assert_allclose(shown, base)


def test_every_root_and_ganglion_cell_names_its_root(scene: AnatomyScene) -> None:
    assert len(scene.roots) == 62
    for actor in (scene.roots_actor, scene.ganglia_actor):
        cells = actor.GetMapper().GetInput().GetNumberOfCells()
        named = {scene.root_for_cell(actor, c) for c in range(cells)}
        assert named == set(scene.roots)
    assert scene.root_for_cell(scene.body_actor, 0) is None
    assert scene.root_for_cell(None, 0) is None
    assert scene.root_for_cell(scene.roots_actor, -1) is None


@pytest.mark.parametrize("root", [("C6", "right"), ("T6", "left"), ("L5", "left"), ("S1", "right")])
def test_root_display_position_picks_that_root(scene: AnatomyScene, plotter, root) -> None:
    scene.set_view("spine", render=False)
    plotter.render()
    x, y = scene.root_display_position(*root)
    w, h = plotter.window_size
    assert 0 <= x < w and 0 <= y < h
    assert scene.root_at(x, y) == root
    pick = scene.pick(x, y)
    assert pick is not None and pick.kind == "root" and pick.root == root


def test_click_on_skin_names_the_dermatome(scene: AnatomyScene, plotter) -> None:
    plotter.render()
    thumb = THUMB + np.array([0.0, 39.0, 0.0])
    x, y = scene.project(thumb[None, :])[0]
    pick = scene.pick(x, y)
    assert pick is not None and pick.kind in ("skin", "key_point")
    if pick.kind == "skin":
        assert pick.skin.dermatome == "C6"


def test_lookup_on_the_standin_thumb(scene: AnatomyScene) -> None:
    found = scene.lookup(THUMB + np.array([0, 40.0, 0]))
    assert found.dermatome == "C6" and found.side == "right"
    assert found.roots == (("C5", "right"), ("C6", "right"), ("C7", "right"))
    scene.update(cut_state("right:C6", model="textbook"), render=False)
    found = scene.lookup(THUMB + np.array([0, 40.0, 0]))
    assert found.roots == (("C6", "right"),)
    assert found.status == "absent"


def test_lookup_on_the_real_thumb(real_scene: AnatomyScene, real_meshes) -> None:
    body, _spine = real_meshes
    for side in ("right", "left"):
        found = real_scene.lookup(body.key_points[("C6", side)])
        assert found.dermatome == "C6"
        assert found.side == side
        assert found.roots == (("C5", side), ("C6", side), ("C7", side))


def test_highlight_and_clear(scene: AnatomyScene) -> None:
    scene.highlight_roots([("C6", "right"), ("C7", "right")], render=False)
    assert scene.highlighted_roots == (("C6", "right"), ("C7", "right"))
    colour = scene.root_style("C6", "right")["colour"]
    assert colour == pytest.approx(hex_to_rgb(scene.palette.highlight))
    scene.highlight_roots([], render=False)
    assert scene.highlighted_roots == ()
    colour = scene.root_style("C6", "right")["colour"]
    assert colour == pytest.approx(hex_to_rgb(scene.palette.root_intact))


def test_vertebrae_modes(scene: AnatomyScene) -> None:
    bone = scene._group_actors["bone"]
    scene.set_vertebrae("opaque", render=False)
    assert bone.GetVisibility() and bone.GetProperty().GetOpacity() == 1.0
    scene.set_vertebrae("translucent", render=False)
    assert bone.GetVisibility() and bone.GetProperty().GetOpacity() < 0.5
    scene.set_vertebrae("hidden", render=False)
    assert not bone.GetVisibility()
    assert scene.vertebrae_mode == "hidden"
    with pytest.raises(SceneError):
        scene.set_vertebrae("glass")


def test_views_keep_body_and_spine_in_frame(scene: AnatomyScene, plotter) -> None:
    for name in VIEWS:
        scene.set_view(name, render=False)
        plotter.render()
        assert scene.view == name
        w, h = plotter.window_size
        x, y = scene.root_display_position("T6", "left")
        assert 0 <= x < w and 0 <= y < h, name
        if name != "spine":
            centre = np.array(scene.body_mesh.center)
            bx, by = scene.project(centre[None, :])[0]
            assert 0 <= bx < w and 0 <= by < h, name
    scene.focus_level("L4", render=False)
    assert scene.view == "level:L4"
    with pytest.raises(SceneError):
        scene.set_view("superior")
    with pytest.raises(SceneError):
        scene.focus_level("X9")
    scene.reset_view(render=False)
    assert scene.view == "anterior"


def test_presentation_makes_markers_and_roots_bigger(scene: AnatomyScene) -> None:
    scene.set_pixel_scale(1.0)
    scene.focus_level("C6", render=False)  # a close-up draws roots true to size
    size = scene.marker_actor.GetProperty().GetPointSize()
    body_points, base = scene.root_points("C6", "left", "body")
    np.testing.assert_allclose(body_points, base)
    scene.set_presentation(True, render=False)
    assert scene.marker_actor.GetProperty().GetPointSize() > size
    assert not np.allclose(body_points, base)
    scene.set_presentation(False, render=False)
    assert scene.marker_actor.GetProperty().GetPointSize() == pytest.approx(size)
    np.testing.assert_allclose(body_points, base)


def test_overviews_draw_roots_thicker_than_close_ups(scene: AnatomyScene) -> None:
    parts = scene.roots[("L4", "right")]
    points, _base = scene.root_points("L4", "right", "body")

    def thickness() -> float:
        return float(np.ptp(points @ np.cross(parts.samples[-1] - parts.samples[0],
                                              [0.0, 1.0, 0.0])))

    scene.set_view("anterior", render=False)
    overview = thickness()
    scene.focus_level("L4", render=False)
    assert thickness() < overview


def test_palette_switch_rewrites_lookup_tables(scene: AnatomyScene) -> None:
    for name, palette in PALETTES.items():
        scene.set_palette(name, render=False)
        lut = scene.body_actor.GetMapper().GetLookupTable()
        for code, colour in enumerate(palette.status_colours):
            assert lut.GetTableValue(code)[:3] == pytest.approx(hex_to_rgb(colour), abs=1e-6)
    with pytest.raises(ValueError):
        scene.set_palette("rainbow")


def test_update_recolours_in_place_and_rebuilds_nothing(
    scene: AnatomyScene, plotter, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    """The hot path adds no actor and no mesh, and hands VTK the skin's colours again
    only when they changed (counted, not timed: time belongs in ``rhizoviz bench``)."""
    state = cut_state("both:L2-S1@0.4", "right:C5-C7")
    scene.update(state, render=False)
    dataset = scene.body_mesh
    actors = dict(plotter.renderer.actors)
    added: list[object] = []
    for name in ("add_mesh", "add_actor", "add_points", "add_text"):
        monkeypatch.setattr(plotter, name, lambda *a, **k: added.append(a))
    for _ in range(20):
        scene.update(State(), render=False)
        scene.update(state, render=False)
    assert added == []
    assert scene.body_mesh is dataset and scene.body_actor.mapper.dataset is dataset
    assert dict(plotter.renderer.actors) == actors

    status = dataset.GetPointData().GetArray("status")
    before = status.GetMTime()
    scene.update(state, render=False)  # the same state again: nothing to upload
    assert status.GetMTime() == before
    scene.update(State(), render=False)
    assert status.GetMTime() > before


def test_palettes_change_the_legend_pixels(scene: AnatomyScene, plotter) -> None:
    from rhizoviz.scene.legend import swatch_colour
    from rhizoviz.scene.palette import hex_to_rgb255

    seen = {}
    for name, palette in PALETTES.items():
        scene.set_palette(name, render=False)
        plotter.render_window.Render()
        image = plotter.screenshot(None)
        for field in ("absent", "impaired", "normal"):
            got = swatch_colour(image, scene.legend.swatch_rects[field])
            assert np.abs(got - hex_to_rgb255(getattr(palette, field))).max() <= 3, (name, field)
        seen[name] = swatch_colour(image, scene.legend.swatch_rects["absent"])
    assert len({tuple(np.round(v)) for v in seen.values()}) == len(PALETTES)


def test_key_points_behind_the_body_are_not_picked(scene: AnatomyScene, plotter) -> None:
    plotter.render_window.Render()
    front = scene.key_point_keys.index(("C6", "right"))
    x, y = scene.project(scene._marker_points[front][None, :])[0]
    assert scene.key_point_at(x, y, tolerance_px=4) == ("C6", "right")
    scene.set_view("posterior", render=False)
    plotter.render_window.Render()
    x, y = scene.project(scene._marker_points[front][None, :])[0]
    assert scene.key_point_at(x, y, tolerance_px=4) != ("C6", "right")


def test_a_preset_view_refits_when_the_window_changes_shape(scene: AnatomyScene, plotter) -> None:
    scene.set_view("anterior", render=False)
    plotter.render_window.Render()
    plotter.window_size = [1280, 360]  # wider: the framing must follow
    plotter.render_window.Render()
    w, h = plotter.window_size
    x, y = scene.project(np.array(scene.body_mesh.center)[None, :])[0]
    assert 0 <= x < w and 0 <= y < h
    assert scene._framed_size == (1280, 360)
    # once the user moves the camera, a resize leaves it where they put it
    plotter.camera.Azimuth(30)
    plotter.window_size = [480, 360]
    plotter.render_window.Render()
    assert scene._framed_size == (1280, 360)


def test_building_and_batched_changes_draw_no_frame(plotter, standins) -> None:
    frames = []
    plotter.render_window.AddObserver("StartEvent", lambda *_: frames.append(1))
    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    scene.update(cut_state("right:C6"), render=False)
    scene.set_view("spine", render=False)
    assert frames == []
    scene.set_palette("greyscale")
    assert len(frames) == 1
    scene.close()


def test_lookup_on_the_face_and_the_midline(real_scene: AnatomyScene, real_meshes) -> None:
    body, _spine = real_meshes
    points = np.asarray(body.mesh.vertices)
    face = int(np.flatnonzero(np.asarray(body.primary_bits) == 0)[0])
    found = real_scene.lookup(points[face])
    assert found.dermatome == "" and found.roots == ()  # trigeminal skin: no spinal root
    mid = np.flatnonzero((np.asarray(body.side_code) == 2) & (np.asarray(body.primary_bits) != 0))
    found = real_scene.lookup(points[int(mid[len(mid) // 2])])
    assert found.side == "midline"
    assert {s for _lv, s in found.roots} == {"left", "right"}


def test_cut_roots_are_flagged_in_whole_body_views_only(scene: AnatomyScene) -> None:
    scene.set_view("posterior", render=False)
    scene.update(cut_state("right:T8", "left:L4@0.4"), render=False)

    def flagged(level: str, side: str) -> bool:
        return bool(scene.root_style(level, side)["flagged"])

    assert flagged("T8", "right") and flagged("L4", "left")
    assert not flagged("T8", "left")
    full, partial = (scene._flag_actors[k] for k in ("cut", "partial"))
    assert full.GetVisibility() and partial.GetVisibility()
    assert full.GetMapper().GetInput().GetNumberOfVerts() == 1  # only the cut roots' dots
    assert full.GetProperty().GetPointSize() > partial.GetProperty().GetPointSize()
    scene.set_view("spine", render=False)  # there the gap itself is big enough
    assert not flagged("T8", "right") and not full.GetVisibility()
    scene.set_view("anterior", render=False)
    assert flagged("T8", "right") and full.GetVisibility()
    scene.update(State(), render=False)
    assert not flagged("T8", "right") and not full.GetVisibility()


def test_a_closed_scene_is_freed(standins) -> None:
    import gc
    import weakref

    import pyvista as pv

    body, spine = standins
    plotter = pv.Plotter(off_screen=True, window_size=[160, 120])
    scene = AnatomyScene(plotter, body, spine)
    plotter.render_window.Render()
    ref = weakref.ref(scene)
    scene.close()
    plotter.close()
    del scene, plotter
    gc.collect()
    assert ref() is None


def test_real_key_points_hover_only_from_their_side(real_scene: AnatomyScene, real_meshes,
                                                   plotter) -> None:
    body, _spine = real_meshes

    def hovered(key: tuple[str, str]):
        x, y = real_scene.project(np.asarray(body.key_points[key])[None, :])[0]
        return real_scene.key_point_at(x, y)

    real_scene.set_view("anterior", render=False)
    assert hovered(("C6", "right")) == ("C6", "right")  # the thumb, seen edge-on
    assert hovered(("T4", "left")) == ("T4", "left")
    real_scene.set_view("posterior", render=False)
    assert hovered(("T4", "left")) is None  # the nipple line is on the far side


def test_any_sequence_of_cuts_is_drawn_as_the_core_says(plotter, standins) -> None:
    """Property: whatever cuts come, in whatever order, the picture matches the state."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rhizoviz.core.atlas import load_atlas
    from rhizoviz.core.cuts import Cut

    body, spine = standins
    scene = AnatomyScene(plotter, body, spine)
    levels = load_atlas().level_names
    cut = st.builds(Cut, st.sampled_from(levels), st.sampled_from(["left", "right"]),
                    st.sampled_from([0.25, 0.5, 1.0]))

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.lists(cut, max_size=8), min_size=1, max_size=3),
           st.sampled_from(["overlap", "textbook"]))
    def check(steps: list[list[Cut]], model: str) -> None:
        for cuts in steps:
            state = State(CutSet(cuts), model, "prop")
            scene.update(state, render=False)
        np.testing.assert_array_equal(scene.body_status.astype(np.int8),
                                      core_body_status(body, state))
        for (level, side), parts in scene.roots.items():
            fraction = state.cuts.get((level, side), 0.0)
            assert parts.fraction == fraction
            assert scene.root_style(level, side)["gap_visible"] == (fraction < 1.0)

    try:
        check()
    finally:
        scene.close()


@pytest.mark.parametrize("view", ["spine", "anterior", "posterior"])
def test_every_real_root_can_be_clicked_where_it_is_drawn(real_scene: AnatomyScene, view) -> None:
    """In the cauda equina roots cross on screen: the click point must still be unambiguous."""
    real_scene.set_view(view, render=False)
    real_scene.render()
    for key in real_scene.roots:
        x, y = real_scene.root_display_position(*key)
        assert real_scene.root_at(x, y) == key, (view, key)
