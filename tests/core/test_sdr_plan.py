"""The SDR plan: fractions per root, warnings, expected gain and the debrief."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.outcome import evaluate
from rhizoviz.core.sdr.debrief import debrief_text, grade_map
from rhizoviz.core.sdr.patient import LEVELS, PatientError, draw_patient
from rhizoviz.core.sdr.plan import (
    cut_set,
    make_plan,
    practice,
    root_fractions,
    spasticity_reduction,
    warnings,
)

CHILD = draw_patient(7)
IDS = [r.id for r in CHILD]


def ids_of(level, side, n):
    return [f"{level}-{side}-{i}" for i in range(1, n + 1)]


def test_fractions_are_rootlets_cut_over_rootlets_of_the_root():
    n = CHILD.count("L5", "left")
    plan = make_plan(CHILD, [*ids_of("L5", "left", 2), "S1-right-1", "L5-left-1"])
    assert plan.cut_ids == ["L5-left-1", "L5-left-2", "S1-right-1"]  # repeats dropped, ordered
    assert root_fractions(plan) == [
        Cut("L5", "left", 2 / n),
        Cut("S1", "right", 1 / CHILD.count("S1", "right")),
    ]
    assert cut_set(plan) == CutSet(root_fractions(plan))
    whole = make_plan(CHILD, ids_of("L4", "right", CHILD.count("L4", "right")))
    assert root_fractions(whole) == [Cut("L4", "right", 1.0)]


def test_the_outcome_is_the_cores_for_the_same_partial_cuts():
    plan = make_plan(CHILD, ["L3-left-1", "L3-left-2", "S1-right-3"])
    out = evaluate(cut_set(plan), "overlap")
    derm = {(d.level, d.side): d.status for d in out.dermatomes}
    assert derm[("L3", "left")] == "impaired" and derm[("S1", "right")] == "impaired"
    assert derm[("L3", "right")] == "normal"


def test_unknown_and_unreachable_rootlets_are_refused():
    with pytest.raises(PatientError, match="L5-left-99"):
        make_plan(CHILD, ["L5-left-99"])
    for level in ("L1", "S2"):
        with pytest.raises(PatientError, match="out of reach of the multilevel"):
            make_plan(CHILD, [f"{level}-left-1"], "multilevel")
    assert make_plan(CHILD, ["L2-left-1", "S1-left-1"], "multilevel").cut_ids
    with pytest.raises(PatientError, match="approach"):
        make_plan(CHILD, [], "lateral")


def test_s2_over_half_and_very_high_fractions_are_flagged():
    n = CHILD.count("S2", "right")
    half = make_plan(CHILD, ids_of("S2", "right", n // 2))
    assert not any("more than half of S2" in w for w in warnings(half))
    over = make_plan(CHILD, ids_of("S2", "right", n // 2 + 1))
    assert any(w.startswith("Right S2:") and "50 %" in w for w in warnings(over))
    m = CHILD.count("L4", "left")
    most = make_plan(CHILD, ids_of("L4", "left", m))
    assert any("Left L4" in w and "75 %" in w and "whole root" in w for w in warnings(most))
    assert not any("75 %" in w for w in warnings(make_plan(CHILD, ["L4-left-1"])))


def test_every_cut_sphincter_rootlet_is_flagged():
    pudendal = [r.id for r in CHILD if r.sphincter]
    assert pudendal  # seed 7 has some (see the debrief)
    got = warnings(make_plan(CHILD, pudendal))
    for ident in pudendal:
        assert any(w.startswith(f"{ident} gave an anal-sphincter") for w in got)
    plain = [r.id for r in CHILD if not r.sphincter and r.level in ("S1", "S2")][:2]
    assert not any("anal-sphincter" in w for w in warnings(make_plan(CHILD, plain)))


def test_no_cut_no_gain_everything_cut_full_gain():
    assert spasticity_reduction(make_plan(CHILD)) == 0.0
    assert spasticity_reduction(make_plan(CHILD, IDS)) == pytest.approx(1.0)


def test_cutting_the_high_grades_beats_cutting_as_many_low_grades():
    high = [r.id for r in CHILD if r.grade >= 3]
    low = [r.id for r in CHILD if r.grade == 0][: len(high)]
    assert len(low) == len(high)
    assert spasticity_reduction(make_plan(CHILD, high)) > spasticity_reduction(
        make_plan(CHILD, low)
    )


@settings(max_examples=120, deadline=None)
@given(
    st.integers(0, 2**63 - 1),
    st.sampled_from(["conus", "multilevel"]),
    st.data(),
)
def test_cutting_one_more_rootlet_never_lowers_the_gain(seed, approach, data):
    child = draw_patient(seed)
    reach = [r for r in child if approach == "conus" or r.level not in ("L1", "S2")]
    marked = data.draw(st.lists(st.sampled_from(reach), unique=True, max_size=35))
    extra = data.draw(st.sampled_from([r for r in reach if r not in marked]))
    before = spasticity_reduction(make_plan(child, [r.id for r in marked], approach))
    after = spasticity_reduction(make_plan(child, [r.id for r in [*marked, extra]], approach))
    assert 0.0 <= before <= after <= 1.0
    if extra.grade > 0:
        assert after > before


def test_debrief_shows_the_whole_grade_map_the_caveat_and_practice():
    plan = make_plan(CHILD, ["L5-left-1", "S2-left-2"])
    text = debrief_text(plan)
    assert "teaching simulation, not a clinical tool" in text
    rows = grade_map(plan)[1:]
    assert [row.split()[0] for row in rows] == list(LEVELS)
    l5 = rows[LEVELS.index("L5")]
    first = CHILD.rootlet("L5-left-1").grade_label
    assert f"[{first}]" in l5
    assert l5.count("[") == 1
    assert "Chambers 1997" in text and "Pediatr Neurosurg 2000" in text and "[?]" in text
    assert any("Steinbok et al. 1995" in line for line in practice(plan))
    far = grade_map(make_plan(CHILD, [], "multilevel"))
    assert "out of reach" in far[1] and "out of reach" in far[-1]
