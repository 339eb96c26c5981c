"""`rhizoviz case` through a real subprocess: the list, one case as data, bad names."""

import json
import subprocess
import sys

import pytest

from rhizoviz.core.cases import STEPS


def run(*args):
    return subprocess.run([sys.executable, "-m", "rhizoviz", "case", *args],
                          capture_output=True, text=True, timeout=120)


def test_list_json_names_and_titles():
    proc = run("--list", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert all(set(r) == {"name", "title"} for r in rows)
    names = [r["name"] for r in rows]
    assert names == sorted(names) and len(names) >= 5
    assert "occipital-neuralgia" in names and "misleading-block" in names


def test_one_case_as_data_has_the_seven_steps():
    proc = run("post-thoracotomy-pain", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["name"] == "post-thoracotomy-pain"
    assert [s["step"] for s in data["steps"]] == list(STEPS)
    pres, exam, _, blk, dec, out, disc = data["steps"]
    assert {(a["level"], a["side"]) for a in pres["pain_map"]} == {
        ("T4", "right"), ("T5", "right"), ("T6", "right")}
    assert len(exam["findings"]["key_sensory_points"]) == 56
    assert [r["roots"][0]["level"] for r in blk["single_root_results"]] == [
        "T3", "T4", "T5", "T6", "T7"]
    assert dec["expected"]["operation"] == "dorsal-rhizotomy"
    assert out["expected_result"]["relief"] > 0.5 and out["risks"]
    assert disc["sources"] and disc["uncertain"]


def test_readable_text_walks_the_steps():
    proc = run("misleading-block")
    assert proc.returncode == 0
    text = proc.stdout
    assert [text.index(f"## {s.capitalize()}") for s in STEPS] == sorted(
        text.index(f"## {s.capitalize()}") for s in STEPS)
    assert "block right S1: usual symptom eased by 60% (positive)" in text


@pytest.mark.parametrize(
    "args, token",
    [(["no-such-case"], "no-such-case"), (["NoSuch"], "NoSuch"), ([], "--list"),
     (["occipital-neuralgia", "--list"], "not both")],
)
def test_bad_names_exit_2_with_one_line(args, token):
    proc = run(*args)
    assert proc.returncode == 2
    assert token in proc.stderr and proc.stderr.count("\n") == 1
