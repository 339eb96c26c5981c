"""`rhizoviz trainer sdr` through a real subprocess: JSON, parity with simulate, bad input."""

import json
import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "rhizoviz", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def trainer_json(*args):
    proc = run("trainer", "sdr", "--json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_lists_every_rootlet_the_cuts_and_their_fractions():
    data = trainer_json("--seed", "7", "--no-body", "--cut", "L5-left-2", "L5-left-1")
    assert data["seed"] == 7
    ids = [r["id"] for r in data["rootlets"]]
    assert len(ids) == len(set(ids)) and ids[0] == "L1-left-1"
    first = data["rootlets"][0]
    assert set(first) == {"id", "level", "side", "index", "grade", "threshold_ma", "sphincter"}
    assert all(
        r["grade"] in range(5) and isinstance(r["sphincter"], bool) for r in data["rootlets"]
    )
    n = sum(1 for r in data["rootlets"] if r["level"] == "L5" and r["side"] == "left")
    assert data["cut"] == ["L5-left-1", "L5-left-2"]
    assert data["fractions"] == [
        {"level": "L5", "side": "left", "fraction": 2 / n, "root": "dorsal"}
    ]
    assert 0.0 < data["spasticity_reduction"] < 1.0
    assert isinstance(data["warnings"], list)


def test_same_seed_same_output_different_seed_different_child():
    a = trainer_json("--seed", "123", "--no-body")
    assert trainer_json("--seed", "123", "--no-body") == a
    assert trainer_json("--seed", "124", "--no-body")["rootlets"] != a["rootlets"]


@pytest.mark.parametrize("body", [True, False])
def test_outcome_equals_simulate_for_the_same_fractions(body):
    cut = ["L4-right-1", "L5-left-1", "L5-left-2", "S1-left-1", "S1-right-2", "S2-left-1"]
    extra = [] if body else ["--no-body"]
    data = trainer_json("--seed", "7", *extra, "--cut", *cut)
    specs = [f"{f['side']}:{f['level']}@{f['fraction']!r}" for f in data["fractions"]]
    assert len(specs) == 5
    args = [a for spec in specs for a in ("--cut", spec)]
    proc = run("simulate", "--json", *extra, *args)
    assert proc.returncode == 0, proc.stderr
    assert data["outcome"] == json.loads(proc.stdout)
    assert ("body_surface" in data["outcome"]) == body


def test_cutting_too_much_of_s2_and_a_sphincter_rootlet_warns():
    rootlets = trainer_json("--seed", "7", "--no-body")["rootlets"]
    s2 = [r["id"] for r in rootlets if r["level"] == "S2" and r["side"] == "left"]
    pudendal = [r["id"] for r in rootlets if r["sphincter"]][0]
    data = trainer_json("--seed", "7", "--no-body", "--cut", *s2[: len(s2) // 2 + 1], pudendal)
    assert any("Left S2" in w and "more than half of S2" in w for w in data["warnings"])
    assert any(w.startswith(f"{pudendal} gave an anal-sphincter") for w in data["warnings"])


@pytest.mark.parametrize(
    "args, word",
    [
        (["--cut", "L5-left-99"], "L5-left-99"),
        (["--cut", "L6-left-1"], "L6"),
        (["--cut", "banana"], "banana"),
        (["--approach", "multilevel", "--cut", "S2-left-1"], "out of reach"),
        (["--seed", "x"], "seed"),
        (["--seed", "-3"], "seed"),
        (["--seed", str(2**63)], "seed"),
        (["--approach", "lateral"], "lateral"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, word):
    proc = run("trainer", "sdr", "--json", "--no-body", *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and word in proc.stderr


def test_text_mode_is_the_debrief():
    proc = run("trainer", "sdr", "--seed", "7", "--cut", "L5-left-1")
    assert proc.returncode == 0, proc.stderr
    assert "teaching simulation, not a clinical tool" in proc.stdout
    assert "Grade map" in proc.stdout and "Expected reduction of spasticity" in proc.stdout
    assert "Left L5 dorsal root:" in proc.stdout


def test_trainer_needs_a_kind():
    proc = run("trainer")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
