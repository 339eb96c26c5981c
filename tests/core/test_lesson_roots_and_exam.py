"""Lesson 8 (roots and the bedside exam): every Try-it link does what its text says."""

from __future__ import annotations

import pytest

from rhizoviz.core import lessons as L
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL
from rhizoviz.core.exam import Worksheet, worksheet_from_outcome
from rhizoviz.core.outcome import Outcome, evaluate

LESSON = "08-roots-and-the-exam.md"


@pytest.fixture(scope="module")
def links() -> dict[str, L.TryIt]:
    lesson = next(x for x in L.load_lessons() if x.path.name == LESSON)
    return {a.name: a for a in lesson.actions}


def run(act: L.TryIt) -> tuple[Outcome, Worksheet]:
    outcome = evaluate(act.cuts, act.model)
    return outcome, worksheet_from_outcome(outcome)


def grades(outcome: Outcome, side: str = "left") -> dict[str, int]:
    return {m.level: m.grade for m in outcome.key_muscles if m.side == side}


def test_the_lesson_links_use_every_kind_of_root(links) -> None:  # noqa: ANN001
    kinds = {c.root for act in links.values() for c in act.cuts}
    assert kinds == {DORSAL, VENTRAL, GANGLION}


def test_ventral_l5_weakens_without_numbness_and_dorsal_l5_numbs_without_weakness(links):  # noqa: ANN001
    ventral, sheet = run(links["Left L5 ventral root"])
    assert grades(ventral)["L5"] == 3 and grades(ventral)["L4"] == 4
    assert sum(1 for g in grades(ventral).values() if g < 5) == 2
    assert all(k.light_touch == k.pin_prick == "normal" for k in ventral.key_points)
    assert all(r.status == "normal" for r in ventral.reflexes)
    assert sheet.sensory_levels() == {"left": "INT", "right": "INT"}
    assert sheet.motor_levels()["left"] == "L4"
    assert sheet.lower_motor_total.left == 22 and sheet.motor_total.total == 97
    dorsal, _ = run(links["Left L5 dorsal root"])
    assert set(grades(dorsal).values()) == {5}
    assert [(k.level, k.pin_prick) for k in dorsal.key_points if k.pin_prick != "normal"] == [
        ("L5", "impaired")]


def test_ventral_l3_l4_loses_the_patellar_reflex_with_weakness(links) -> None:  # noqa: ANN001
    outcome, _ = run(links["Left L3-L4 ventral roots"])
    patellar = next(r for r in outcome.reflexes if (r.name, r.side) == ("patellar", "left"))
    assert patellar.status == "absent"
    g = grades(outcome)
    assert g["L3"] == 2 and g["L2"] < 5 and g["L4"] < 5 and g["L5"] < 5 and g["S1"] == 5
    assert all(k.pin_prick == "normal" for k in outcome.key_points)


def test_c2_ganglionectomy_takes_the_occiput(links) -> None:  # noqa: ANN001
    _, sheet = run(links["Right C2 ganglionectomy"])
    assert sheet.right.light_touch["C2"] == sheet.right.pin_prick["C2"] == 0


def test_ventral_rootlets_at_40_percent_weaken_every_leg_muscle_dorsal_do_not(links):  # noqa: ANN001
    ventral, sheet = run(links["Ventral L2-S1 at 40%"])
    for side in ("left", "right"):
        assert {lv: g for lv, g in grades(ventral, side).items() if lv[0] in "LS"} == {
            lv: 4 for lv in ("L2", "L3", "L4", "L5", "S1")}
    assert (sheet.lower_motor_total.left, sheet.lower_motor_total.right) == (20, 20)
    dorsal, _ = run(links["SDR L2-S1 at 40%"])
    assert set(grades(dorsal).values()) == set(grades(dorsal, "right").values()) == {5}


def test_the_thumb_loses_pin_prick_before_touch(links) -> None:  # noqa: ANN001
    _, sheet = run(links["Thumb: pin prick gone, touch altered"])
    assert (sheet.left.pin_prick["C6"], sheet.left.light_touch["C6"]) == (0, 1)
    _, sheet = run(links["Thumb: touch gone too"])
    assert (sheet.left.pin_prick["C6"], sheet.left.light_touch["C6"]) == (0, 0)
    _, sheet = run(links["C6 alone, textbook model"])
    assert (sheet.left.pin_prick["C6"], sheet.left.light_touch["C6"]) == (0, 0)


def test_the_worksheet_levels_after_left_c5_c7(links) -> None:  # noqa: ANN001
    _, sheet = run(links["Worksheet: left C5-C7"])
    assert sheet.sensory_levels() == {"left": "C4", "right": "INT"}
    assert sheet.motor_levels() == {"left": "T1", "right": "INT"}
    assert sheet.motor_total.total == 100


def test_the_anal_findings(links) -> None:  # noqa: ANN001
    _, sheet = run(links["VAC lost"])
    assert (sheet.vac, sheet.dap) == (False, True)
    _, sheet = run(links["DAP lost"])
    assert (sheet.vac, sheet.dap) == (True, False)
    assert sheet.left.light_touch["S4-5"] == sheet.right.pin_prick["S4-5"] == 1
