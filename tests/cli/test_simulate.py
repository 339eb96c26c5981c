"""`rhizoviz simulate` through a real subprocess: exit codes, JSON shape, bad input."""

import json
import subprocess
import sys

import pytest


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "rhizoviz", "simulate", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_left_c5_c7_json_as_the_readme_promises():
    proc = run("--cut", "left:C5-C7", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["model"] == "overlap"
    assert data["cuts"] == [
        {"level": lv, "side": "left", "fraction": 1.0, "root": "dorsal"}
        for lv in ("C5", "C6", "C7")
    ]
    kp = {(k["level"], k["side"]): k for k in data["key_sensory_points"]}
    assert kp[("C6", "left")]["status"] == "absent"
    assert "thumb" in kp[("C6", "left")]["landmark"]
    assert kp[("C5", "left")]["status"] == "impaired"
    assert kp[("C6", "right")]["status"] == "normal"
    assert len(kp) == 56
    reflexes = {(r["name"], r["side"]): r for r in data["reflexes"]}
    assert reflexes[("biceps", "left")] == {
        "name": "biceps",
        "side": "left",
        "levels": ["C5", "C6"],
        "status": "absent",
    }
    assert reflexes[("triceps", "left")]["status"] == "diminished"
    derm = {(d["level"], d["side"]): d["status"] for d in data["dermatomes"]}
    assert derm[("C6", "left")] == "absent" and derm[("C7", "left")] == "impaired"
    assert len(derm) == 60


def test_textbook_model_and_scenario_file(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"name": "x", "model": "textbook", "cuts": [{"level": "C6", "side": "left"}]})
    )
    data = json.loads(run("--scenario", str(path), "--json").stdout)
    assert data["model"] == "textbook"
    kp = {(k["level"], k["side"]): k["status"] for k in data["key_sensory_points"]}
    assert kp[("C6", "left")] == "absent"
    # --model overrides the file's model
    data = json.loads(run("--scenario", str(path), "--model", "overlap", "--json").stdout)
    kp = {(k["level"], k["side"]): k["status"] for k in data["key_sensory_points"]}
    assert kp[("C6", "left")] == "impaired"


def test_readable_table_names_what_changed():
    proc = run("--cut", "right:L3-L4")
    assert proc.returncode == 0
    assert "Right Patellar (knee) jerk (L3-L4): absent" in proc.stdout
    assert "L3: impaired" in proc.stdout


@pytest.mark.parametrize(
    "args, token",
    [
        (["--cut", "L6"], "L6"),
        (["--cut", "T13"], "T13"),
        (["--cut", "C0"], "C0"),
        (["--cut", "X5"], "X5"),
        (["--cut", "middle:L5"], "middle"),
        (["--cut", "L5@0"], "L5@0"),
        (["--cut", "L5@1.5"], "1.5"),
        (["--cut", ""], "empty"),
        (["--model", "foerster"], "foerster"),
        (["--scenario", "/no/such/file.json"], "/no/such/file.json"),
        (["--frobnicate"], "--frobnicate"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, token):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and token in lines[0]
    assert "Traceback" not in proc.stderr


def test_unknown_command_exits_2():
    proc = subprocess.run(
        [sys.executable, "-m", "rhizoviz", "dissect"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "dissect" in proc.stderr
