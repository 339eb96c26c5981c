"""The operation in progress: exposure, marks, and keeping in step with the session."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.sdr.operation import Operation
from rhizoviz.core.sdr.patient import PatientError, draw_patient
from rhizoviz.core.sdr.plan import cut_set, make_plan


def test_nothing_is_tested_before_the_exposure() -> None:
    op = Operation(draw_patient(2))
    rootlet = next(iter(op.patient))
    with pytest.raises(PatientError, match="choose the exposure"):
        op.stimulate(rootlet)


def test_stimulating_records_the_test_and_returns_the_emg() -> None:
    op = Operation(draw_patient(2))
    op.choose_approach("multilevel")
    rootlet = op.patient.roots[("L4", "left")][1]
    traces = op.stimulate(rootlet)
    assert traces.rootlet_id == rootlet.id and op.current == rootlet and rootlet in op.tested
    with pytest.raises(PatientError, match="out of reach"):
        op.stimulate(op.patient.roots[("S2", "left")][0])


def test_marks_become_the_plans_partial_cuts() -> None:
    op = Operation(draw_patient(7))
    op.choose_approach("conus")
    chosen = [op.patient.roots[("L5", "left")][0], op.patient.roots[("S1", "right")][2]]
    for r in chosen:
        assert op.toggle_mark(r)
    assert op.cuts() == cut_set(make_plan(op.patient, [r.id for r in chosen], "conus"))
    assert not op.toggle_mark(chosen[0])
    assert op.marked == {chosen[1]}


def test_following_the_session_restores_the_very_marks() -> None:
    op = Operation(draw_patient(4))
    op.choose_approach("conus")
    root = op.patient.roots[("L5", "right")]
    op.toggle_mark(root[-1])
    after_one = op.cuts()
    op.toggle_mark(root[0])
    assert op.follow(after_one)  # undo
    assert op.marked == {root[-1]}
    assert op.follow(CutSet())  # reset
    assert op.marked == set()
    assert not op.follow(CutSet())


def test_foreign_cuts_are_met_with_the_highest_grades() -> None:
    op = Operation(draw_patient(9))
    op.choose_approach("multilevel")
    root = op.patient.roots[("L4", "left")]
    op.follow(CutSet([Cut("L4", "left", 0.5), Cut("C6", "left", 1.0), Cut("L1", "left", 1.0)]))
    marked = [r for r in root if r in op.marked]
    assert len(marked) == round(0.5 * len(root))
    assert min(r.grade for r in marked) >= max(r.grade for r in root if r not in op.marked)
    assert all(r.level == "L4" for r in op.marked)  # L1 is out of reach, C6 no rootlet here


def test_an_exposure_that_would_strand_a_mark_is_refused() -> None:
    op = Operation(draw_patient(1))
    op.choose_approach("conus")
    op.toggle_mark(op.patient.roots[("S2", "left")][0])
    with pytest.raises(PatientError, match="unmark them first"):
        op.choose_approach("multilevel")
    assert op.approach.name == "conus"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), picks=st.lists(st.integers(0, 10_000), max_size=12))
def test_marks_and_cuts_agree(seed: int, picks: list[int]) -> None:
    op = Operation(draw_patient(seed))
    op.choose_approach("conus")
    rootlets = list(op.patient)
    for p in picks:
        op.toggle_mark(rootlets[p % len(rootlets)])
    ids = [r.id for r in op.marked]
    assert op.cuts() == cut_set(make_plan(op.patient, ids, "conus"))
    assert not op.follow(op.cuts())  # the session holding our own cuts changes nothing
