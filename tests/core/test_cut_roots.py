"""Ventral roots and ganglia: the spec grammar, the CutSet's two views, scenario files,
and the atlas tables (touch overlap, key muscles) they rely on."""

import json

import pytest

from rhizoviz.core.atlas import AtlasError, load_atlas, parse_atlas
from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, make_cut, parse_spec
from rhizoviz.core.outcome import evaluate
from rhizoviz.core.scenario import ScenarioError, load_scenario, parse_scenario, save_scenario
from rhizoviz.core.session import Session


def test_root_side_and_level_in_every_combination():
    assert parse_spec("ventral:left:L5") == [Cut("L5", "left", 1.0, "ventral")]
    assert parse_spec("ganglion:left:C2") == [Cut("C2", "left", 1.0, "ganglion")]
    assert parse_spec("dorsal:both:L2-S1@0.4") == parse_spec("L2-S1@0.4")
    assert parse_spec("VENTRAL:L5") == [Cut("L5", s, 1.0, "ventral") for s in ("left", "right")]
    assert parse_spec("right:S1")[0].root == "dorsal"


@pytest.mark.parametrize(
    "spec, token",
    [
        ("ganglion:C2@0.5", "@0.5"),
        ("ganglion:left:C2@1", "@1"),
        ("spinal:left:L5", "spinal"),
        ("left:ventral:L5", "ventral"),
        ("both:ganglion:C2", "ganglion"),
        ("ventral:ganglion:L5", "ganglion"),
        ("ventral:up:L5", "up"),
        ("nerve:L5", "nerve"),
        ("a:b:c:L5", "a:b:c:L5"),
    ],
)
def test_bad_root_tokens_are_named(spec, token):
    with pytest.raises(CutSpecError) as info:
        parse_spec(spec)
    assert token in str(info.value) and "\n" not in str(info.value)


def test_mapping_view_is_the_dorsal_roots_and_the_general_api_names_the_kind():
    cuts = CutSet(
        parse_spec("left:C5@0.5") + parse_spec("ventral:left:C5") + parse_spec("ganglion:right:C2")
    )
    assert dict(cuts) == {("C5", "left"): 0.5}
    assert len(cuts) == 1 and ("C5", "left") in cuts and ("C2", "right") not in cuts
    assert cuts.fraction("C5", "left") == 0.5
    assert cuts.fraction("C5", "left", "ventral") == 1.0
    assert cuts.fraction("C2", "right") == 0.0  # a ganglion is not a dorsal-root cut
    assert cuts.sensory_fraction("C2", "right") == 1.0
    assert list(cuts.root_fractions()) == [
        ("ganglion", "C2", "right"),
        ("dorsal", "C5", "left"),
        ("ventral", "C5", "left"),
    ]
    assert [c.root for c in cuts.cuts()] == ["ganglion", "dorsal", "ventral"]


def test_a_set_of_ventral_cuts_only_is_not_empty():
    cuts = CutSet(parse_spec("ventral:L5"))
    assert len(cuts) == 0 and bool(cuts) and not cuts.is_empty
    assert CutSet().is_empty and not CutSet()


def test_restoring_a_dorsal_root_leaves_its_ventral_root_and_ganglion():
    cuts = CutSet(
        parse_spec("left:C6") + parse_spec("ventral:left:C6") + parse_spec("ganglion:left:C6")
    )
    fewer = cuts.without([("C6", "left")])
    assert fewer.fraction("C6", "left") == 0
    assert fewer.fraction("C6", "left", "ventral") == 1.0
    assert fewer.fraction("C6", "left", "ganglion") == 1.0
    assert fewer.without([("ventral", "C6", "left")]).fraction("C6", "left", "ventral") == 0
    assert cuts.with_fraction("C6", "left", 0, "ganglion").sensory_fraction("C6", "left") == 1.0
    with pytest.raises(CutSpecError):
        cuts.with_fraction("C6", "left", 0.5, "ganglion")
    assert (
        cuts.with_fraction("L1", "right", 0.3, "ventral").fraction("L1", "right", "ventral") == 0.3
    )


def test_equal_sets_compare_every_kind():
    assert CutSet(parse_spec("L5")) != CutSet(parse_spec("ventral:L5"))
    assert CutSet(parse_spec("ventral:L5") + parse_spec("L5")) == CutSet(
        parse_spec("L5") + parse_spec("ventral:L5")
    )


def test_cut_rejects_partial_ganglion_and_unknown_root():
    with pytest.raises(CutSpecError):
        Cut("C2", "left", 0.5, "ganglion")
    with pytest.raises(CutSpecError):
        Cut("C2", "left", 1.0, "spinal")
    with pytest.raises(CutSpecError, match="ganglion"):
        make_cut("C2", "left", 0.5, root="ganglion")


def test_session_cuts_any_kind_and_undoes_it():
    session = Session()
    session.toggle("L5", "left", root="ventral")
    assert session.cuts.fraction("L5", "left", "ventral") == 1.0
    assert session.state.name != "No cuts"
    assert any(m.grade < 5 for m in session.outcome.key_muscles)
    session.toggle("L5", "left")  # a plain click still means the dorsal root
    assert session.cuts.fraction("L5", "left") == 1.0
    session.undo()
    session.undo()
    assert session.cuts.is_empty


def test_scenario_root_field_round_trips(tmp_path):
    data = {
        "name": "Three kinds",
        "cuts": [
            {"level": "C2", "side": "left", "root": "ganglion"},
            {"level": "L5", "side": "right", "root": "ventral", "fraction": 0.5},
            {"level": "L5", "side": "right"},
        ],
    }
    sc = parse_scenario(data)
    assert [(c.level, c.root) for c in sc.cuts] == [
        ("C2", "ganglion"),
        ("L5", "dorsal"),
        ("L5", "ventral"),
    ]
    path = tmp_path / "three.json"
    save_scenario(sc, path)
    saved = json.loads(path.read_text())
    assert [c["root"] for c in saved["cuts"]] == ["ganglion", "dorsal", "ventral"]
    assert load_scenario(path) == sc


@pytest.mark.parametrize(
    "cut, message",
    [
        ({"level": "C2", "side": "left", "root": "spinal"}, "spinal"),
        ({"level": "C2", "side": "left", "root": "ganglion", "fraction": 0.5}, "ganglion"),
        ({"level": "C2", "side": "left", "root": 3}, "root"),
    ],
)
def test_bad_root_in_a_scenario_names_the_cut(cut, message):
    with pytest.raises(ScenarioError, match=message) as info:
        parse_scenario({"name": "x", "cuts": [cut]}, "f.json")
    assert "f.json: cuts[0]" in str(info.value)


def test_touch_supply_is_wider_but_the_occiput_stays_c2_only():
    atlas = load_atlas()
    assert atlas.supply("C6", "light_touch") == ("C4", "C5", "C6", "C7", "C8")
    assert atlas.supply("C6") == ("C5", "C6", "C7")
    assert atlas.supply("C2", "light_touch") == ("C2",)
    assert atlas.key_point("C6").touch_supply == ("C4", "C5", "C6", "C7", "C8")


def test_textbook_model_is_p_only_for_touch_too():
    out = evaluate(CutSet(parse_spec("left:C6")), "textbook")
    thumb = next(k for k in out.key_points if (k.level, k.side) == ("C6", "left"))
    assert (thumb.pin_prick, thumb.light_touch) == ("absent", "absent")


def test_key_muscles_as_the_issue_lists_them():
    roots = {m.level: (m.name, m.roots) for m in load_atlas().key_muscles}
    assert roots == {
        "C5": ("elbow flexors", ("C5", "C6")),
        "C6": ("wrist extensors", ("C6", "C7")),
        "C7": ("elbow extensors", ("C7", "C6", "C8")),
        "C8": ("finger flexors", ("C8", "C7", "T1")),
        "T1": ("small finger abductors", ("T1", "C8")),
        "L2": ("hip flexors", ("L2", "L1", "L3")),
        "L3": ("knee extensors", ("L3", "L2", "L4")),
        "L4": ("ankle dorsiflexors", ("L4", "L5")),
        "L5": ("long toe extensors", ("L5", "L4", "S1")),
        "S1": ("ankle plantar flexors", ("S1", "S2")),
    }
    assert "key_muscles" in load_atlas().sources


def _raw():
    from importlib import resources

    return json.loads(
        resources.files("rhizoviz.core").joinpath("data/atlas.json").read_text("utf-8")
    )


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["overlap"]["modalities"]["light_touch"].update(width=0), "narrower"),
        (lambda d: d["overlap"]["modalities"]["pin_prick"].update(width=9), "pin_prick.width"),
        (lambda d: d["overlap"]["modalities"].pop("light_touch"), "light_touch"),
        (lambda d: d["key_muscles"][0].update(roots=["C6", "C5"]), "dominant"),
        (lambda d: d["key_muscles"][1].update(roots=["C6", "X9"]), r"key_muscles\[1\].roots"),
        (lambda d: d["key_muscles"][2].update(level="C5"), "duplicate key muscle"),
        (lambda d: d["key_muscles"][3].pop("name"), "missing field 'name'"),
    ],
)
def test_malformed_touch_widths_or_muscles_name_the_field(mutate, message):
    data = _raw()
    mutate(data)
    with pytest.raises(AtlasError, match=message):
        parse_atlas(data, "test-atlas")
