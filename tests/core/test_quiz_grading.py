"""Grading: which-roots accepts every answer with the same findings and nothing else."""

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.findings import findings
from rhizoviz.core.quiz import generate_quiz, question_for
from rhizoviz.core.quiz_draw import DIFFICULTIES
from rhizoviz.core.quiz_grading import (
    equivalent_alternatives,
    grade,
    grade_name_dermatome,
    grade_reflexes,
    grade_where_loss,
    normalise_level,
    same_findings,
)

ATLAS = load_atlas()
SKIN_LEVELS = ATLAS.dermatome_levels
OVERLAPPED = [lv for lv in SKIN_LEVELS if lv not in ATLAS.no_overlap]
fractions = st.one_of(st.just(1.0), st.sampled_from([0.2, 0.35, 0.5, 0.65, 0.9]))
cuts = st.builds(Cut, st.sampled_from(SKIN_LEVELS), st.sampled_from(SIDES), fractions)
cut_lists = st.lists(cuts, min_size=1, max_size=8)
models = st.sampled_from(["overlap", "textbook"])
seeds = st.integers(min_value=0, max_value=2**32)
difficulties = st.sampled_from(DIFFICULTIES)


def which_roots(cut_list, model):
    return question_for("which-roots", cut_list, model)


@settings(max_examples=60, deadline=None)
@given(seeds, difficulties)
def test_the_answer_key_of_every_generated_question_is_right(seed, difficulty):
    for q in generate_quiz(seed, 8, difficulty=difficulty).questions:
        if q.kind == "which-roots":
            g = grade(q, q.cuts)
        elif q.kind == "where-loss":
            g = grade(q, {(p["level"], p["side"]): p["status"]
                          for p in q.answer["key_sensory_points"]})
        elif q.kind == "name-dermatome":
            g = grade(q, q.answer["levels"])
        else:
            g = grade(q, ({(r["name"], r["side"]): r["status"] for r in q.answer["reflexes"]},
                          {(m["name"], m["side"]): m["grade"]
                           for m in q.answer.get("key_muscles", ())}))
        assert g.correct and g.score == 1.0 and not g.wrong, (q.kind, g.wrong)


@settings(max_examples=150, deadline=None)
@given(cut_lists, models, st.lists(st.builds(Cut, st.just("C1"), st.sampled_from(SIDES),
                                             fractions), min_size=1, max_size=2))
def test_key_plus_cuts_that_change_nothing_visible_is_right(cut_list, model, c1_cuts):
    # C1 has no skin and carries no tested reflex: cutting it shows nothing
    q = which_roots(cut_list, model)
    answer = [*cut_list, *c1_cuts]
    assert CutSet(answer) != CutSet(cut_list)
    assert grade(q, answer).correct


@settings(max_examples=150, deadline=None)
@given(cut_lists, models)
def test_every_alternative_the_search_finds_is_accepted_though_the_cuts_differ(cut_list, model):
    q = which_roots(cut_list, model)
    for alt in equivalent_alternatives(q.cuts, model):
        assert CutSet(alt) != CutSet(q.cuts)
        assert grade(q, alt).correct


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(OVERLAPPED), st.sampled_from(SIDES), st.floats(0.01, 1.0))
def test_one_root_cut_alone_fully_or_partly_looks_the_same_under_overlap(level, side, f):
    q = which_roots([Cut(level, side, 1.0)], "overlap")
    assert grade(q, [Cut(level, side, f)]).correct


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SKIN_LEVELS), st.sampled_from(SIDES), st.floats(0.01, 0.99))
def test_on_the_textbook_map_a_partial_cut_is_not_a_full_one(level, side, f):
    q = which_roots([Cut(level, side, 1.0)], "textbook")
    assert not grade(q, [Cut(level, side, f)]).correct


@settings(max_examples=150, deadline=None)
@given(cut_lists, models, st.data())
def test_leaving_out_a_root_with_skin_is_wrong(cut_list, model, data):
    q = which_roots(cut_list, model)
    dropped = data.draw(st.sampled_from(q.cuts))
    answer = [c for c in q.cuts if c != dropped]
    g = grade(q, answer)
    assert not g.correct and g.score < 1.0 and g.wrong


@settings(max_examples=150, deadline=None)
@given(cut_lists, models, st.data())
def test_a_root_moved_to_the_other_side_is_wrong(cut_list, model, data):
    q = which_roots(cut_list, model)
    moved = data.draw(st.sampled_from(q.cuts))
    other = "right" if moved.side == "left" else "left"
    assume(CutSet(q.cuts).fraction(moved.level, other) == 0)
    answer = [replace(c, side=other) if c == moved else c for c in q.cuts]
    assert not grade(q, answer).correct


@settings(max_examples=150, deadline=None)
@given(cut_lists, models, st.sampled_from(SKIN_LEVELS), st.sampled_from(SIDES))
def test_cutting_one_more_root_with_skin_is_wrong(cut_list, model, level, side):
    q = which_roots(cut_list, model)
    assume(CutSet(q.cuts).fraction(level, side) == 0)
    assert not grade(q, [*q.cuts, Cut(level, side, 1.0)]).correct


@settings(max_examples=200, deadline=None)
@given(cut_lists, cut_lists, models)
def test_grading_agrees_with_comparing_outcomes(key, answer, model):
    q = which_roots(key, model)
    assert grade(q, answer).correct == (findings(answer, model) == findings(key, model))
    assert same_findings(key, answer, model) == grade(q, answer).correct


def test_where_loss_is_scored_per_point():
    q = question_for("where-loss", [Cut(lv, "left") for lv in ("C5", "C6", "C7")])
    truth = {(p["level"], p["side"]): p["status"] for p in q.answer["key_sensory_points"]}
    assert truth[("C6", "left")] == "absent"
    assert grade_where_loss(q, truth).score == 1.0
    one_wrong = {**truth, ("C6", "left"): "impaired"}
    g = grade_where_loss(q, one_wrong)
    n = len(truth)
    assert not g.correct and abs(g.score - (n - 1) / n) < 1e-9
    assert g.wrong == ("left C6: you said impaired, it is absent",)
    # unmarked points count as normal: marking only the changed ones is right
    only_changed = {k: v for k, v in truth.items() if v != "normal"}
    assert grade_where_loss(q, only_changed).correct


def test_name_dermatome_accepts_spellings_and_scores_each_level():
    assert normalise_level(" c6 ") == "C6"
    assert {normalise_level(x) for x in ("S4", "s5", "S4\u20135", "S4-S5")} == {"S4-5"}
    assert normalise_level("co1") == "Co1"
    q = generate_quiz(3, 4, ["name-dermatome"], "hard").questions[0]
    levels = q.answer["levels"]
    assert grade_name_dermatome(q, [lv.lower() for lv in levels]).correct
    half = grade_name_dermatome(q, levels[:1])
    assert not half.correct and abs(half.score - 1 / len(levels)) < 1e-9
    assert not grade_name_dermatome(q, [*levels, "C2"]).correct


def test_reflexes_saying_all_normal_or_all_absent_earns_nothing_free():
    q = question_for("reflexes", [Cut("C5", "left"), Cut("C6", "left")])
    truth = {(r["name"], r["side"]): r["status"] for r in q.answer["reflexes"]}
    assert truth == {("biceps", "left"): "absent", ("brachioradialis", "left"): "absent"}
    assert grade_reflexes(q, truth).correct
    assert grade_reflexes(q, {}).score == 0.0
    everything = {(rf.name, s): "absent" for rf in ATLAS.reflexes for s in SIDES}
    assert grade_reflexes(q, everything).score == 0.2  # 2 right of 10 named
