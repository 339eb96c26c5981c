"""The sentences about cuts and the model: one wording, wherever they are shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.core.cuts import Cut, CutSet, parse_spec
from rhizoviz.core.outcome import MODELS, evaluate
from rhizoviz.core.report import (
    count_cuts,
    default_caption,
    describe_cut,
    describe_cuts,
    describe_key_point,
    describe_root,
    describe_skin,
    elide,
    model_sentence,
    outcome_text,
    short_caption,
    status_line,
)
from rhizoviz.core.session import State

ATLAS = load_atlas()
LEVELS = ATLAS.level_names


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_one_sentence_and_the_report_opens_with_it(model: str) -> None:
    sentence = model_sentence(model)
    assert sentence.startswith(f"{model.capitalize()} model: ") and sentence.endswith(".")
    text = outcome_text(evaluate(CutSet(parse_spec("left:C6")), model))
    assert text.splitlines()[0] == sentence


def test_the_models_say_what_one_cut_does() -> None:
    assert "dulls" in model_sentence("overlap") and "neighbour" not in model_sentence("overlap")
    assert "one root, one dermatome" in model_sentence("textbook")


@pytest.mark.parametrize(
    ("fraction", "words"),
    [(0.0, "intact"), (1.0, "fully cut"), (0.4, "40% of rootlets cut")],
)
def test_a_root_is_described_alike_as_a_cut_and_as_a_root(fraction: float, words: str) -> None:
    assert describe_root("C6", "left", fraction) == f"Left C6 dorsal root: {words}"
    if fraction > 0:
        assert describe_cut(Cut("C6", "left", fraction)) == describe_root("C6", "left", fraction)


def test_counts_and_the_status_line() -> None:
    assert [count_cuts(n) for n in (0, 1, 3)] == ["no roots cut", "1 root cut", "3 roots cut"]
    state = State(CutSet(parse_spec("both:C5-C7")), "textbook", "C5-C7")
    assert status_line(state) == "Scenario: C5-C7 · 6 roots cut · textbook model"
    assert status_line(state, "Overlap").endswith(" · lesson: Overlap")


def test_captions_name_the_scenario_cuts_and_model_and_elide_long_names() -> None:
    state = State(CutSet(parse_spec("right:C5-C7")), "overlap", "N" * 150)
    caption = default_caption(state)
    assert caption.startswith("N" * 79 + "…") and "right C5–C7" in caption
    assert caption.endswith("overlap model")
    assert short_caption(state) == elide(state.name) + "  ·  overlap model"
    unnamed = State(CutSet(parse_spec("right:C6")))
    assert default_caption(unnamed) == "Cut: right C6  ·  overlap model"


def test_describe_cuts_merges_sides_and_runs() -> None:
    cuts = CutSet(parse_spec("both:L2-S1@0.4") + parse_spec("right:C6"))
    assert describe_cuts(cuts) == "Cut: right C6; both L2–S1 at 40%"
    assert describe_cuts(CutSet()) == "No roots cut"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.builds(Cut, st.sampled_from(LEVELS), st.sampled_from(SIDES),
                          st.just(1.0)), max_size=20))
def test_describe_cuts_names_every_cut_level(cuts: list[Cut]) -> None:
    text = describe_cuts(CutSet(cuts), ATLAS)
    for cut in cuts:  # a level shows by name or inside a run "A–B" that spans it
        runs = [part.split()[-1] for chunk in text[5:].split("; ") for part in chunk.split(", ")]
        assert any(
            ATLAS.index(r.split("–")[0]) <= ATLAS.index(cut.level) <= ATLAS.index(r.split("–")[-1])
            for r in runs
        ), (cut, text)


def test_key_points_and_skin() -> None:
    outcome = evaluate(CutSet(parse_spec("left:C6")), "textbook")
    line = describe_key_point("C6", "left", outcome.key_points)
    assert line.startswith("Left C6 key sensory point, ") and line.endswith("sensation absent")
    assert describe_key_point("C6", "left", ()) == "Left C6 key sensory point"
    skin = describe_skin("C6", "left", "impaired",
                         (("C7", "left"), ("C5", "left"), ("C6", "left")), "overlap")
    assert skin == ("Left C6 dermatome, sensation impaired: supplied by the left C5, C6 and C7 "
                    "dorsal roots (overlap model)")
    both = describe_skin("T4", "midline", "normal", (("T4", "left"), ("T4", "right")), "textbook")
    assert "both sides' T4 dorsal root (" in both
    assert "trigeminal" in describe_skin("", "midline", "normal", (), "overlap")
