"""`rhizoviz simulate` with ventral and ganglion cuts: the spec grammar's errors and the
JSON keys the bedside exam adds (touch, pin prick, key muscles, the worksheet)."""

import json
import subprocess
import sys

import pytest

from rhizoviz.core.exam import MOTOR_LEVELS, SENSORY_LEVELS


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "rhizoviz", "simulate", "--no-body", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def simulate_json(*specs: str) -> dict:
    proc = run(*(a for s in specs for a in ("--cut", s)), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(
    "spec, token",
    [
        ("ganglion:left:C2@0.5", "@0.5"),
        ("ganglion:C2@1", "@1"),
        ("spinal:left:L5", "spinal"),
        ("left:ventral:L5", "ventral"),
        ("ventral:dorsal:L5", "dorsal"),
        ("ventral:middle:L5", "middle"),
        ("dorsal:left:right:L5", "dorsal:left:right:L5"),
        ("root:L5", "root"),
    ],
)
def test_bad_root_specs_exit_2_with_one_line_naming_the_token(spec, token):
    proc = run("--cut", spec)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and token in lines[0], proc.stderr


def test_cuts_carry_their_root_and_dorsal_is_the_default():
    data = simulate_json("L2-S1@0.4", "dorsal:both:L2-S1@0.4")
    assert data["cuts"] == simulate_json("L2-S1@0.4")["cuts"]
    assert all(c["root"] == "dorsal" for c in data["cuts"])
    data = simulate_json("ventral:left:L5", "ganglion:left:C2", "left:L5")
    assert [(c["level"], c["root"]) for c in data["cuts"]] == [
        ("C2", "ganglion"),
        ("L5", "dorsal"),
        ("L5", "ventral"),
    ]


def test_skin_items_gain_light_touch_and_pin_prick_and_status_is_pin_prick():
    data = simulate_json("left:C5-C7")
    for key in ("dermatomes", "key_sensory_points"):
        for item in data[key]:
            assert item["pin_prick"] == item["status"]
            assert item["light_touch"] in ("normal", "impaired", "absent")
    thumb = next(k for k in data["key_sensory_points"] if (k["level"], k["side"]) == ("C6", "left"))
    assert (thumb["pin_prick"], thumb["light_touch"]) == ("absent", "impaired")


def test_key_muscles_twenty_items():
    data = simulate_json("ventral:left:C5")
    muscles = data["key_muscles"]
    assert len(muscles) == 20
    assert muscles[0] == {
        "level": "C5",
        "side": "left",
        "name": "elbow flexors",
        "roots": ["C5", "C6"],
        "grade": 3,
    }
    assert {m["grade"] for m in muscles[1:]} == {5}


def test_exam_object_has_the_documented_layout():
    exam = simulate_json()["exam"]
    assert list(exam) == [
        "light_touch", "pin_prick", "motor", "vac", "dap", "totals", "levels"
    ]  # fmt: skip
    for key in ("light_touch", "pin_prick"):
        assert list(exam[key]) == ["left", "right"]
        assert list(exam[key]["left"]) == list(SENSORY_LEVELS)
        assert set(exam[key]["right"].values()) == {2}
    assert list(exam["motor"]["right"]) == list(MOTOR_LEVELS)
    assert (exam["vac"], exam["dap"]) == ("yes", "yes")
    assert exam["totals"] == {
        "light_touch": {"left": 56, "right": 56, "total": 112},
        "pin_prick": {"left": 56, "right": 56, "total": 112},
        "upper_motor": {"left": 25, "right": 25, "total": 50},
        "lower_motor": {"left": 25, "right": 25, "total": 50},
        "motor": {"left": 50, "right": 50, "total": 100},
    }
    assert exam["levels"] == {
        "sensory": {"left": "INT", "right": "INT"},
        "motor": {"left": "INT", "right": "INT"},
    }


def test_exam_after_a_ventral_cut_and_a_ganglionectomy():
    exam = simulate_json("ventral:right:L4-L5", "ganglion:left:C2")["exam"]
    assert exam["motor"]["right"]["L4"] == 0 and exam["motor"]["right"]["L5"] < 5
    assert exam["levels"]["motor"]["right"] == "L3"
    assert exam["pin_prick"]["left"]["C2"] == 0 and exam["light_touch"]["left"]["C2"] == 0
    assert exam["levels"]["sensory"] == {"left": "C1", "right": "INT"}


def test_readable_report_says_what_the_examiner_finds():
    proc = run("--cut", "both:L2-S1@0.4", "--cut", "ventral:left:L4")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Left ankle dorsiflexors (L4): grade 3 of 5" in out
    assert "clumsy, not weak" in out
    assert "Light touch and pin prick:" in out
    assert "Sensory level:" in out and "Motor level:" in out
