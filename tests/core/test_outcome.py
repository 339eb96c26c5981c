"""The sensory-outcome rule, checked against what Sherrington and Foerster found."""

import numpy as np
import pytest

from rhizoviz.core.cuts import CutSet, parse_specs
from rhizoviz.core.outcome import (
    ABSENT,
    IMPAIRED,
    NORMAL,
    RootMasks,
    evaluate,
    level_bits,
    patch_status,
)


def outcome(*specs, model="overlap"):
    return evaluate(CutSet(parse_specs(specs)), model)


def derm(out, level, side):
    return next(d.status for d in out.dermatomes if d.level == level and d.side == side)


def key(out, level, side):
    return next(k.status for k in out.key_points if k.level == level and k.side == side)


def reflex(out, name, side):
    return next(r.status for r in out.reflexes if r.name == name and r.side == side)


def test_no_cuts_everything_normal():
    out = outcome()
    assert {d.status for d in out.dermatomes} == {"normal"}
    assert {k.status for k in out.key_points} == {"normal"}
    assert {r.status for r in out.reflexes} == {"normal"}


def test_single_c6_cut_leaves_the_thumb_impaired_under_overlap():
    out = outcome("left:C6")
    assert key(out, "C6", "left") == "impaired"
    assert derm(out, "C6", "left") == "impaired"
    assert key(out, "C6", "right") == "normal"
    assert key(out, "C5", "left") == "normal"


def test_c5_to_c7_makes_the_thumb_absent():
    out = outcome("left:C5-C7")
    assert key(out, "C6", "left") == "absent"
    assert key(out, "C5", "left") == "impaired"
    assert key(out, "C7", "left") == "impaired"


def test_textbook_model_one_root_one_dermatome():
    out = outcome("left:C6", model="textbook")
    assert key(out, "C6", "left") == "absent"
    assert key(out, "C5", "left") == "normal"
    assert key(outcome("left:C6@0.5", model="textbook"), "C6", "left") == "impaired"


def test_c2_alone_numbs_the_occiput():
    out = outcome("right:C2")
    assert key(out, "C2", "right") == "absent"
    assert key(out, "C3", "right") == "normal"


def test_c1_changes_no_skin():
    out = outcome("C1")
    assert {d.status for d in out.dermatomes} == {"normal"}
    assert {k.status for k in out.key_points} == {"normal"}


def test_partial_cuts_never_make_anything_absent():
    out = outcome("C2-Co1@0.99")
    assert "absent" not in {d.status for d in out.dermatomes}
    assert "absent" not in {k.status for k in out.key_points}
    assert {r.status for r in out.reflexes} == {"diminished"}


def test_s45_key_point_needs_s3_to_co1():
    assert key(outcome("left:S4-S5"), "S4-5", "left") == "impaired"
    assert key(outcome("left:S3-Co1"), "S4-5", "left") == "absent"
    assert key(outcome("left:S5"), "S4-5", "left") == "impaired"


def test_reflexes():
    out = outcome("left:L3-L4")
    assert reflex(out, "patellar", "left") == "absent"
    assert reflex(out, "patellar", "right") == "normal"
    assert reflex(outcome("left:L3"), "patellar", "left") == "diminished"
    assert reflex(outcome("S1-S2@0.4"), "achilles", "right") == "diminished"
    out = outcome("C5-C6")
    assert reflex(out, "biceps", "left") == "absent"
    assert reflex(out, "brachioradialis", "right") == "absent"
    assert reflex(out, "triceps", "left") == "normal"


def test_json_lists_every_level_key_point_and_reflex_for_both_sides():
    data = outcome("left:C5-C7").to_json()
    assert set(data) == {
        "model", "cuts", "dermatomes", "key_sensory_points", "reflexes", "key_muscles"
    }
    assert len(data["dermatomes"]) == 2 * 30
    assert len(data["key_sensory_points"]) == 2 * 28
    assert len(data["reflexes"]) == 2 * 5
    assert data["cuts"][0] == {"level": "C5", "side": "left", "fraction": 1.0, "root": "dorsal"}
    assert len(data["key_muscles"]) == 2 * 10
    levels = {d["level"] for d in data["dermatomes"]}
    assert {"C2", "S5", "Co1"} <= levels and "C1" not in levels


def test_patch_status_vectorised_with_midline():
    c6 = level_bits(["C6"])
    c567 = level_bits(["C5", "C6", "C7"])
    primary = np.array([c6, c6, c6, c6, 0])
    supply = np.array([c567, c567, c567, c6, 0])
    side = np.array([0, 1, 2, 0, 0])
    masks = RootMasks.from_cuts(CutSet(parse_specs(["left:C5-C7"])))
    status = patch_status(primary, supply, side, masks)
    # left absent, right normal, midline only impaired (the right side still supplies it),
    # textbook-like patch absent, unlabelled (trigeminal) patch normal
    assert status.tolist() == [ABSENT, NORMAL, IMPAIRED, ABSENT, NORMAL]
    masks = RootMasks.from_cuts(CutSet(parse_specs(["C5-C7"])))
    assert patch_status(primary, supply, side, masks).tolist()[2] == ABSENT


def test_unknown_model_is_rejected():
    with pytest.raises(ValueError, match="unknown model"):
        evaluate(CutSet(), "foerster")
