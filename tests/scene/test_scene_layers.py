"""The scene's layers: views as data, spine parts sorted by name, the skin's status rule."""

from __future__ import annotations

import numpy as np
import pytest

from rhizoviz.core.cuts import CutSet, parse_spec
from rhizoviz.core.outcome import ABSENT
from rhizoviz.core.session import State
from rhizoviz.core.views import VIEW_NAMES
from rhizoviz.scene import AnatomyScene
from rhizoviz.scene.camera import VIEW_SPECS, level_view
from rhizoviz.scene.palette import hex_to_rgb
from rhizoviz.scene.spine import (
    ROOT_KINDS,
    SpineFrame,
    group_of,
    part_key,
    rootlet_key,
    sort_spine,
)


def test_every_view_the_core_names_has_a_camera() -> None:
    for name in VIEW_NAMES:
        spec = VIEW_SPECS[name]
        assert spec.name == name
        assert np.linalg.norm(spec.direction) > 0


def test_every_placement_stands_the_spine_somewhere(standins) -> None:
    body, spine = standins
    frame = SpineFrame(spine, np.ravel(np.column_stack(
        [np.min(body.mesh.vertices, axis=0), np.max(body.mesh.vertices, axis=0)])))
    placed = {}
    for spec in (*VIEW_SPECS.values(), level_view("C6")):
        m = frame.matrix_for(spec.placement)
        assert np.isfinite(m).all() and abs(np.linalg.det(m[:3, :3])) > 0
        placed[spec.placement] = m[:3, 3]
    # beside the body on the side facing the camera's right: a different place per side
    sides = [tuple(np.round(placed[s], 3)) for s in ("anterior", "posterior", "left", "right")]
    assert len(set(sides)) == 4


def test_spine_parts_are_sorted_by_name(standins) -> None:
    _body, spine = standins
    parts = sort_spine(spine)
    assert set(parts.roots) == set(ROOT_KINDS)
    dorsal = parts.roots["dorsal"]
    assert ("C6", "left") in dorsal and ("S1", "right") in dorsal
    assert set(parts.ganglia["dorsal"]) == set(dorsal)  # a ganglion on every stand-in root
    assert set(parts.roots["ventral"]) == set(dorsal)  # a ventral root beside every dorsal one
    assert len(parts.groups["bone"]) == sum(
        1 for n in spine if n.startswith("vertebra_") or n in ("sacrum", "coccyx"))
    assert not parts.groups["other"]


def test_names_that_are_not_whole_roots_are_not_taken_for_roots() -> None:
    assert part_key("dorsal_root_L5_left", "dorsal_root_") == ("L5", "left")
    assert part_key("ventral_root_L5_left", ROOT_KINDS["ventral"]) == ("L5", "left")
    assert group_of("filum_terminale") == "cord"
    for name in ("dorsal_rootlet_L5_left_1", "ventral_rootlet_L5_left_1", "dural_sac"):
        assert not name.startswith(tuple(ROOT_KINDS.values()))
    # rootlets go with their root's kind, the sac in a group of its own (never "other",
    # which is drawn and hidden as bone)
    assert group_of("ventral_rootlet_L5_left_1") == "ventral"
    assert group_of("dural_sac") == "dura"
    assert rootlet_key("dorsal_rootlet_L5_left_12", "dorsal_rootlet_") == (("L5", "left"), 12)


def test_skin_and_markers_show_the_rule_they_are_given(plotter, standins) -> None:
    body, spine = standins
    calls = []

    def nothing_felt(primary, supply, side, state, masks):  # noqa: ANN001, ANN202
        calls.append(state.name)
        return np.full(len(primary), ABSENT, dtype=np.int8)

    scene = AnatomyScene(plotter, body, spine, skin_rule=nothing_felt)
    try:
        assert (scene.body_status == ABSENT).all()
        assert (scene.marker_status == ABSENT).all()
        scene.update(State(CutSet(parse_spec("right:C6")), "overlap", "after a cut"),
                     render=False)
        assert "after a cut" in calls  # the rule is asked again on every update
    finally:
        scene.close()


def test_framed_mtime_tells_a_moved_camera(scene: AnatomyScene, plotter) -> None:
    scene.set_view("posterior", render=False)
    assert scene.framed_mtime == plotter.camera.GetMTime()
    plotter.camera.Azimuth(20)
    assert scene.framed_mtime != plotter.camera.GetMTime()
    scene.reset_view(render=False)
    assert scene.framed_mtime == plotter.camera.GetMTime()


def test_a_root_set_recolours_its_roots_ganglia_and_flags_together(scene: AnatomyScene) -> None:
    roots = scene.root_sets["dorsal"]
    assert set(scene.root_sets) == set(ROOT_KINDS)
    for actor in roots.actors:
        assert any(actor is a for a in scene.spine_actors)
    scene.set_palette("greyscale", render=False)
    for actor in roots.actors:
        if not actor.GetMapper().GetScalarVisibility():  # a removed ganglion's ring's hole
            assert actor.GetProperty().GetColor() == pytest.approx(
                hex_to_rgb(scene.palette.background))
            continue
        lut = actor.GetMapper().GetLookupTable()
        assert lut.GetTableValue(2)[:3] == pytest.approx(hex_to_rgb(scene.palette.root_cut))
