"""The ISNCSCI worksheet: levels and totals against the Praxis reference exams, and the
worksheet filled from the outcome model."""

import json
import re
from pathlib import Path

import pytest

from rhizoviz.core.cuts import CutSet, parse_specs
from rhizoviz.core.exam import (
    MOTOR_LEVELS,
    SENSORY_LEVELS,
    SideScores,
    Worksheet,
    WorksheetError,
    motor_level,
    sensory_level,
    worksheet_from_outcome,
)
from rhizoviz.core.outcome import evaluate

REFERENCE = Path(__file__).parent / "data" / "isncsci-reference-2019.json"
_SCORE_KEY = re.compile(r"^(c[2-8]|t\d+|l[1-5]|s[1-3]|s4_5)(Right|Left)(Touch|Prick|Motor)$")


def _determinate_exams() -> list[dict]:
    """The exams without NT and without star tags: one right answer each."""
    exams = json.loads(REFERENCE.read_text("utf-8"))
    return [
        e
        for e in exams
        if not any("NT" in v or "*" in v for k, v in e.items() if _SCORE_KEY.match(k))
    ]


def _side(exam: dict, side: str) -> SideScores:
    def key(level: str, kind: str) -> str:
        return f"{level.lower().replace('-', '_')}{side}{kind}"

    return SideScores(
        light_touch={lv: int(exam[key(lv, "Touch")]) for lv in SENSORY_LEVELS},
        pin_prick={lv: int(exam[key(lv, "Prick")]) for lv in SENSORY_LEVELS},
        motor={lv: int(exam[key(lv, "Motor")]) for lv in MOTOR_LEVELS},
    )


def _worksheet(exam: dict) -> Worksheet:
    anal = {"Yes": True, "No": False, "NT": None}
    return Worksheet(
        _side(exam, "Left"),
        _side(exam, "Right"),
        vac=anal[exam["analContraction"]],
        dap=anal[exam["analSensation"]],
    )


DETERMINATE = _determinate_exams()


def test_the_reference_holds_57_determinate_exams():
    assert len(DETERMINATE) == 57


@pytest.mark.parametrize("exam", DETERMINATE, ids=lambda e: f"exam{e['id']}")
def test_levels_and_totals_match_the_reference(exam):
    expected = exam["totals"]
    sheet = _worksheet(exam)
    got = {
        "rightSensory": sensory_level(sheet.right),
        "leftSensory": sensory_level(sheet.left),
        "rightMotor": motor_level(sheet.right, sheet.vac),
        "leftMotor": motor_level(sheet.left, sheet.vac),
        "rightTouchTotal": sheet.light_touch_total.right,
        "leftTouchTotal": sheet.light_touch_total.left,
        "touchTotal": sheet.light_touch_total.total,
        "rightPrickTotal": sheet.pin_prick_total.right,
        "leftPrickTotal": sheet.pin_prick_total.left,
        "prickTotal": sheet.pin_prick_total.total,
        "rightUpperMotorTotal": sheet.upper_motor_total.right,
        "leftUpperMotorTotal": sheet.upper_motor_total.left,
        "upperMotorTotal": sheet.upper_motor_total.total,
        "rightLowerMotorTotal": sheet.lower_motor_total.right,
        "leftLowerMotorTotal": sheet.lower_motor_total.left,
        "lowerMotorTotal": sheet.lower_motor_total.total,
        "rightMotorTotal": sheet.motor_total.right,
        "leftMotorTotal": sheet.motor_total.left,
    }
    want = {k: expected[k] for k in got}
    assert {k: str(v) for k, v in got.items()} == want


def _normal_side() -> dict:
    return {
        "light_touch": dict.fromkeys(SENSORY_LEVELS, 2),
        "pin_prick": dict.fromkeys(SENSORY_LEVELS, 2),
        "motor": dict.fromkeys(MOTOR_LEVELS, 5),
    }


def _scores(**changes) -> SideScores:
    side = _normal_side()
    for name, values in changes.items():
        side[name].update(values)
    return SideScores(**side)


def test_all_normal_is_intact():
    s = _scores()
    assert sensory_level(s) == "INT" and motor_level(s) == "INT"


def test_c2_abnormal_gives_sensory_level_c1():
    assert sensory_level(_scores(pin_prick={"C2": 1})) == "C1"


def test_motor_level_at_c4_when_c5_below_3_and_sensation_intact_to_c4():
    s = _scores(motor={"C5": 2}, light_touch={"C5": 0})
    assert motor_level(s) == "C4"
    assert sensory_level(s) == "C4"


def test_motor_level_is_the_lowest_muscle_at_least_3_with_all_above_5():
    assert motor_level(_scores(motor={"C6": 3, "C7": 0})) == "C6"
    assert motor_level(_scores(motor={"C7": 2})) == "C6"


def test_motor_level_stops_at_t1_when_the_arm_is_not_normal():
    assert motor_level(_scores(pin_prick={"T2": 1})) == "T1"
    assert motor_level(_scores(light_touch={"T5": 1})) == "T4"  # T2-L1: from sensation


def test_motor_level_in_the_leg_and_sacral_stretch():
    assert motor_level(_scores(motor={"L2": 2})) == "L1"
    assert motor_level(_scores(pin_prick={"S2": 0})) == "S1"  # S1 5, but the leg not normal
    assert motor_level(_scores(pin_prick={"S3": 0})) == "S2"
    assert motor_level(_scores(pin_prick={"S4-5": 0})) == "S3"


def test_motor_level_past_s4_5_is_the_anal_sphincter():
    assert motor_level(_scores(), vac=False) == "S3"
    assert motor_level(_scores(), vac=None) == "S3,INT"


@pytest.mark.parametrize(
    "table, level, value",
    [("motor", "C5", 6), ("pin_prick", "C2", 3), ("light_touch", "T1", -1), ("motor", "L2", True)],
)
def test_bad_scores_are_rejected(table, level, value):
    with pytest.raises(WorksheetError, match=level):
        _scores(**{table: {level: value}})


def test_rows_follow_the_worksheet_order():
    sheet = worksheet_from_outcome(evaluate(CutSet(parse_specs(["ventral:left:C5"]))))
    rows = list(sheet.rows())
    assert [r.level for r in rows] == list(SENSORY_LEVELS)
    c5 = rows[3]
    assert (c5.level, c5.muscle) == ("C5", "elbow flexors")
    assert c5.left.motor == 3 and c5.right.motor == 5
    assert rows[0].muscle is None and rows[0].left.motor is None


def _sheet(*specs: str, model: str = "overlap") -> Worksheet:
    return worksheet_from_outcome(evaluate(CutSet(parse_specs(specs)), model))


def test_no_cuts_fill_a_normal_worksheet():
    data = _sheet().to_json()
    assert data["totals"]["light_touch"] == {"left": 56, "right": 56, "total": 112}
    assert data["totals"]["motor"] == {"left": 50, "right": 50, "total": 100}
    assert data["levels"] == {
        "sensory": {"left": "INT", "right": "INT"},
        "motor": {"left": "INT", "right": "INT"},
    }
    assert (data["vac"], data["dap"]) == ("yes", "yes")


def test_left_c5_c7_dorsal_cut_thumb_pin_prick_absent_touch_impaired():
    sheet = _sheet("left:C5-C7")
    assert sheet.left.pin_prick["C6"] == 0
    assert sheet.left.light_touch["C6"] == 1
    assert sheet.motor_total.total == 100  # dorsal cuts leave every grade at 5
    assert sheet.sensory_levels() == {"left": "C4", "right": "INT"}
    # the arm's key muscles are 5, so the motor level is taken at T1, not from sensation
    assert sheet.motor_levels()["left"] == "T1"


def test_left_c4_c8_dorsal_cut_takes_touch_from_the_thumb():
    sheet = _sheet("left:C4-C8")
    assert sheet.left.light_touch["C6"] == 0 and sheet.left.pin_prick["C6"] == 0


def test_anal_findings():
    assert not _sheet("S4-S5").dap
    assert _sheet("left:S4-S5").dap  # one side still feels it
    assert _sheet("ganglion:S4-S5").dap is False
    assert _sheet("ventral:S4-S5").dap
    assert not _sheet("ventral:S2-S4").vac
    assert _sheet("S2-S4").vac  # dorsal cuts leave the sphincter's motor supply
    assert _sheet("ventral:S2-S4@0.9").vac
