"""The atlas tables: levels, key points, neighbours and reflexes as students learn them."""

import json

import pytest

from rhizoviz.core.atlas import AtlasError, load_atlas, load_atlas_file, parse_atlas
from rhizoviz.core.scenario import presets


def test_31_spinal_nerve_pairs_in_order():
    atlas = load_atlas()
    names = atlas.level_names
    assert len(names) == 31
    assert names[:8] == tuple(f"C{i}" for i in range(1, 9))
    assert names[8:20] == tuple(f"T{i}" for i in range(1, 13))
    assert names[20:25] == tuple(f"L{i}" for i in range(1, 6))
    assert names[25:30] == tuple(f"S{i}" for i in range(1, 6))
    assert names[30] == "Co1"


def test_c1_has_no_dermatome():
    atlas = load_atlas()
    assert "C1" not in atlas.dermatome_levels
    assert atlas.supply("C1") == ()
    assert len(atlas.dermatome_levels) == 30


def test_neighbours_are_the_levels_above_and_below_except_at_the_occiput():
    atlas = load_atlas()
    assert atlas.supply("C6") == ("C5", "C6", "C7")
    assert atlas.supply("T1") == ("C8", "T1", "T2")
    assert atlas.supply("L5") == ("L4", "L5", "S1")
    assert atlas.supply("Co1") == ("S5", "Co1")
    assert atlas.supply("C2") == ("C2",)
    # C3 is still overlapped by C2 from above
    assert atlas.supply("C3") == ("C2", "C3", "C4")


def test_28_isncsci_key_points_with_landmarks():
    atlas = load_atlas()
    levels = [k.level for k in atlas.key_points]
    assert len(levels) == 28
    assert levels[0] == "C2" and levels[-1] == "S4-5"
    assert "thumb" in atlas.key_point("C6").landmark
    assert "little finger" in atlas.key_point("C8").landmark
    assert "umbilicus" in atlas.key_point("T10").landmark
    assert "medial malleolus" in atlas.key_point("L4").landmark.lower()
    s45 = atlas.key_point("S4-5")
    assert s45.primary == ("S4", "S5")
    assert s45.supply == ("S3", "S4", "S5", "Co1")


def test_reflex_levels_as_taught():
    atlas = load_atlas()
    taught = {r.name: r.levels for r in atlas.reflexes}
    assert taught == {
        "biceps": ("C5", "C6"),
        "brachioradialis": ("C5", "C6"),
        "triceps": ("C7", "C8"),
        "patellar": ("L3", "L4"),
        "achilles": ("S1", "S2"),
    }


def test_level_range_is_inclusive_and_order_free():
    atlas = load_atlas()
    assert atlas.level_range("L2", "S1") == ("L2", "L3", "L4", "L5", "S1")
    assert atlas.level_range("S1", "L2") == ("L2", "L3", "L4", "L5", "S1")


def _raw_atlas():
    from importlib import resources

    return json.loads(
        resources.files("rhizoviz.core").joinpath("data/atlas.json").read_text("utf-8")
    )


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["levels"].append({"name": "X1", "region": "cervical", "dermatome": 1}),
         "levels[31].dermatome"),
        (lambda d: d["levels"][0].update(region="cranial"), "unknown region 'cranial'"),
        (lambda d: d["reflexes"][0].update(levels=["C9"]), "unknown level 'C9'"),
        (lambda d: d["key_sensory_points"][0].pop("landmark"), "missing field 'landmark'"),
        (lambda d: d["levels"].append(dict(d["levels"][0])), "duplicate level 'C1'"),
    ],
)
def test_malformed_atlas_names_the_field(mutate, message):
    data = _raw_atlas()
    mutate(data)
    with pytest.raises(AtlasError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_atlas(data, "test-atlas")


def test_unreadable_atlas_file_names_the_file(tmp_path):
    bad = tmp_path / "atlas.json"
    bad.write_text("{not json")
    with pytest.raises(AtlasError, match="atlas.json"):
        load_atlas_file(bad)


def test_presets_load_and_are_teaching_scenarios():
    names = [p.name for p in presets()]
    assert len(names) == 7
    sdr = next(p for p in presets() if "Selective dorsal rhizotomy" in p.name)
    assert {c.level for c in sdr.cuts} == {"L2", "L3", "L4", "L5", "S1"}
    assert {c.side for c in sdr.cuts} == {"left", "right"}
    assert all(c.fraction == pytest.approx(0.4) for c in sdr.cuts)
