"""`rhizoviz quiz` through a real subprocess: same seed same output, the JSON, bad options."""

import json
import os
import subprocess
import sys

import pytest


def run(*args, command="quiz", **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "rhizoviz", command, *args],
        capture_output=True, text=True, timeout=300, **kwargs,
    )


def test_same_seed_gives_byte_identical_json_in_two_processes():
    # different hash seeds: nothing may depend on set order or hash values
    a = run("--seed", "42", "--count", "24", "--difficulty", "hard", "--json",
            env={**os.environ, "PYTHONHASHSEED": "1"})
    b = run("--seed", "42", "--count", "24", "--difficulty", "hard", "--json",
            env={**os.environ, "PYTHONHASHSEED": "2"})
    assert a.returncode == b.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    assert data["seed"] == 42 and len(data["questions"]) == 24
    for q in data["questions"]:
        assert list(q) == ["id", "kind", "difficulty", "prompt", "model", "cuts", "findings",
                           "answer"]


def test_kinds_and_count_select_questions():
    proc = run("--seed", "3", "--count", "5", "--kinds", "reflexes", "where-loss", "--json")
    kinds = {q["kind"] for q in json.loads(proc.stdout)["questions"]}
    assert kinds == {"reflexes", "where-loss"}
    comma = run("--seed", "3", "--count", "5", "--kinds", "reflexes,where-loss", "--json")
    assert comma.stdout == proc.stdout


def spec(cut):
    return f"{cut['side']}:{cut['level']}@{cut['fraction']}"


def test_findings_are_what_simulate_prints_for_the_same_cuts():
    data = json.loads(run("--seed", "8", "--count", "8", "--difficulty", "hard", "--json").stdout)
    for q in data["questions"][:4]:
        args = [a for c in q["cuts"] for a in ("--cut", spec(c))]
        sim = run(*args, "--model", q["model"], "--json", "--no-body", command="simulate")
        assert sim.returncode == 0, sim.stderr
        printed = json.loads(sim.stdout)
        assert q["findings"] == {k: printed[k] for k in q["findings"]}
        assert set(q["findings"]) == {k for k in ("dermatomes", "key_sensory_points",
                                                  "reflexes", "key_muscles") if k in printed}


def test_text_output_lists_questions_then_answers():
    proc = run("--seed", "1", "--count", "3")
    assert proc.returncode == 0
    assert proc.stdout.startswith("Quiz 1 (standard, 3 questions)")
    assert proc.stdout.index("Answers") > proc.stdout.index("3. [")


@pytest.mark.parametrize(
    "args, token",
    [
        (["--seed", "x"], "--seed"),
        (["--seed", "-4"], "--seed"),
        (["--seed", "1", "--count", "0"], "--count"),
        (["--seed", "1", "--count", "many"], "--count"),
        (["--seed", "1", "--kinds", "spelling"], "spelling"),
        (["--seed", "1", "--kinds", "reflexes,spelling"], "spelling"),
        (["--seed", "1", "--difficulty", "easy"], "easy"),
        (["--seed", "1", "--count", "60", "--kinds", "reflexes", "--difficulty", "starter"],
         "ask for fewer"),
        (["--seed", "1", "--handout", "/no/such/folder/q.pdf"], "does not exist"),
        (["--seed", "1", "--handout", "quiz.png"], ".pdf"),
    ],
)
def test_bad_options_exit_2_with_one_line(args, token):
    proc = run(*args)
    assert proc.returncode == 2
    assert token in proc.stderr and proc.stderr.count("\n") == 1 and proc.stdout == ""


def test_handout_has_question_pages_then_answer_key_pages(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "quiz.pdf"
    proc = run("--seed", "5", "--count", "4", "--handout", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    questions = json.loads(proc.stdout)["questions"]
    pages = [p.extract_text() for p in pypdf.PdfReader(out).pages]
    assert len(pages) == 4  # two questions a page, then two answers a page
    first_key = next(i for i, t in enumerate(pages) if "answer key" in t)
    assert first_key == 2
    assert all("answer key" in t for t in pages[first_key:])
    flat = [" ".join(t.split()) for t in pages]
    for q in questions:
        why = " ".join(q["answer"]["why"].split())
        assert not any(why in t for t in flat[:first_key])  # no answer on a question page
        assert any(why in t for t in flat[first_key:])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz.pdf"]
    # pictures: the truth for every answer, the cut spine for where-loss and reflexes
    # (matplotlib shares one resource table between pages: count distinct images)
    reader = pypdf.PdfReader(out)
    images = {im.name for page in reader.pages for im in page.images}
    spine = sum(q["kind"] in ("where-loss", "reflexes") for q in questions)
    assert spine > 0 and len(images) == len(questions) + spine
