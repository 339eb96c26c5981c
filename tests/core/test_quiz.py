"""Quiz generation: seeded, generated from the model, no repeats, the JSON the CLI prints."""

import json

import pytest

from rhizoviz.cli.simulate import simulate_json
from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.findings import FINDING_KEYS, findings
from rhizoviz.core.lessons import load_lessons
from rhizoviz.core.quiz import KINDS, QuizError, generate_quiz, question_for
from rhizoviz.core.quiz_draw import DIFFICULTIES, root_kinds
from rhizoviz.core.quiz_explain import resolve_lesson_link

ATLAS = load_atlas()


def as_json(quiz):
    return json.dumps(quiz.to_json(), sort_keys=True)


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_same_seed_same_quiz_and_other_seeds_differ(difficulty):
    a = generate_quiz(42, 24, difficulty=difficulty)
    assert as_json(a) == as_json(generate_quiz(42, 24, difficulty=difficulty))
    assert as_json(a) != as_json(generate_quiz(43, 24, difficulty=difficulty))


def test_order_of_kinds_given_does_not_change_the_quiz():
    a = generate_quiz(7, 10, ["reflexes", "where-loss"])
    b = generate_quiz(7, 10, ["where-loss", "reflexes"])
    assert as_json(a) == as_json(b)


def test_json_has_exactly_the_documented_keys():
    data = generate_quiz(5, 8).to_json()
    assert set(data) == {"seed", "questions"} and data["seed"] == 5
    for q in data["questions"]:
        assert set(q) == {"id", "kind", "difficulty", "prompt", "model", "cuts", "findings",
                          "answer"}
        assert q["kind"] in KINDS
        assert q["cuts"] and all(set(c) >= {"level", "side", "fraction"} for c in q["cuts"])
        assert set(q["findings"]) == {k for k in FINDING_KEYS if k in q["findings"]}
        assert {"dermatomes", "key_sensory_points", "reflexes"} <= set(q["findings"])
        assert q["answer"]["why"].endswith(".") and q["answer"]["lesson"]
    assert len({q["id"] for q in data["questions"]}) == 8


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_findings_are_the_outcome_json_for_the_questions_cuts(difficulty):
    for q in generate_quiz(11, 16, difficulty=difficulty).questions:
        full = simulate_json(CutSet(q.cuts), q.model, body=False)
        assert q.findings == {k: full[k] for k in FINDING_KEYS if k in full}
        assert full["cuts"] == [c.to_dict() for c in q.cuts]


@pytest.mark.parametrize("seed", [0, 1, 42, 2**40])
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_no_question_repeats_what_the_student_sees(seed, difficulty):
    quiz = generate_quiz(seed, 24, difficulty=difficulty)
    shown = []
    for q in quiz.questions:
        if q.kind == "which-roots":
            shown.append((q.kind, json.dumps(q.findings, sort_keys=True)))
        elif q.kind == "name-dermatome":
            shown.append((q.kind, q.prompt, tuple(q.answer["levels"]), q.answer["side"]))
        else:
            shown.append((q.kind, q.model, tuple(q.cuts)))
    assert len(shown) == len(set(shown))


def test_kinds_take_turns():
    quiz = generate_quiz(3, 12)
    counts = {k: sum(q.kind == k for q in quiz.questions) for k in KINDS}
    assert counts == dict.fromkeys(KINDS, 3)


def test_starter_is_one_root_on_the_textbook_map():
    for q in generate_quiz(9, 24, difficulty="starter").questions:
        assert q.model == "textbook"
        assert len({(c.level, c.side) for c in q.cuts}) <= 2  # S4-5 lights two roots
        assert all(c.fraction == 1.0 for c in q.cuts)


def test_standard_uses_overlap_ranges_and_both_sides():
    qs = generate_quiz(21, 48, difficulty="standard").questions
    assert {q.model for q in qs} == {"overlap"}
    assert any(len({c.level for c in q.cuts}) > 1 for q in qs)
    assert any({c.side for c in q.cuts} == {"left", "right"} for q in qs)


def test_hard_uses_two_regions_and_partial_cuts():
    qs = [q for q in generate_quiz(21, 48, difficulty="hard").questions
          if q.kind != "name-dermatome"]
    assert all(len(q.regions) == 2 for q in qs)
    assert any(c.fraction < 1.0 for q in qs for c in q.cuts)
    if len(root_kinds()) > 1:  # once the cut model has ventral roots and ganglia
        assert any(getattr(c, "root", "dorsal") != "dorsal" for q in qs for c in q.cuts)


def test_reflex_questions_always_change_a_reflex():
    for difficulty in DIFFICULTIES:
        # starter: 8 reflex levels on 2 sides are all the different questions there are
        for q in generate_quiz(4, 16, ["reflexes"], difficulty).questions:
            assert q.answer["reflexes"]
            assert all(r["status"] in ("absent", "diminished") for r in q.answer["reflexes"])


def test_name_dermatome_lights_what_it_asks_for():
    for difficulty in DIFFICULTIES:
        for q in generate_quiz(8, 20, ["name-dermatome"], difficulty).questions:
            side = q.answer["side"]
            absent = [d["level"] for d in q.findings["dermatomes"]
                      if d["side"] == side and d["status"] == "absent"]
            if "landmark" in q.answer:  # a key point lights up: it is absent
                (level,) = q.answer["levels"]
                kp = {(k["level"], k["side"]): k for k in q.findings["key_sensory_points"]}
                assert kp[(level, side)]["status"] == "absent"
                assert kp[(level, side)]["landmark"] == q.answer["landmark"]
            else:  # a numb band: exactly the levels named
                assert q.answer["levels"] == absent and len(absent) >= 2


def test_where_loss_asks_about_points_near_the_cuts():
    for q in generate_quiz(12, 16, ["where-loss"], "hard").questions:
        points = q.answer["key_sensory_points"]
        truth = {(k["level"], k["side"]): k["status"] for k in q.findings["key_sensory_points"]}
        assert points and all(truth[(p["level"], p["side"])] == p["status"] for p in points)
        assert any(p["status"] != "normal" for p in points)


def test_every_lesson_link_resolves_to_a_shipped_heading():
    lessons = load_lessons()
    for difficulty in DIFFICULTIES:
        for q in generate_quiz(17, 24, difficulty=difficulty).questions:
            assert resolve_lesson_link(q.lesson, lessons) is not None, q.lesson


def test_question_for_given_cuts_and_its_limits():
    q = question_for("where-loss", [Cut("C6", "left")])
    assert q.findings == findings([Cut("C6", "left")], "overlap")
    with pytest.raises(QuizError, match="name-dermatome"):
        question_for("name-dermatome", [Cut("C6", "left")])
    with pytest.raises(QuizError, match="at least one cut"):
        question_for("reflexes", [])


@pytest.mark.parametrize(
    "kwargs, token",
    [
        ({"seed": -1}, "seed"),
        ({"seed": "4"}, "seed"),
        ({"seed": 1, "count": 0}, "count"),
        ({"seed": 1, "count": 101}, "count"),
        ({"seed": 1, "kinds": ["spelling"]}, "spelling"),
        ({"seed": 1, "difficulty": "easy"}, "easy"),
    ],
)
def test_bad_arguments_give_one_line(kwargs, token):
    with pytest.raises(QuizError) as err:
        generate_quiz(**kwargs)
    assert token in str(err.value) and "\n" not in str(err.value)


def test_asking_for_more_questions_than_exist_says_so():
    # starter name-dermatome: 28 key points on 2 sides
    assert len(generate_quiz(1, 56, ["name-dermatome"], "starter").questions) == 56
    with pytest.raises(QuizError, match="different name-dermatome questions"):
        generate_quiz(1, 57, ["name-dermatome"], "starter")
