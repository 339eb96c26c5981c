"""Properties the outcome model must keep for any set of cuts (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.outcome import evaluate

RANK = {"normal": 0, "impaired": 1, "diminished": 1, "absent": 2}
LEVELS = load_atlas().level_names

fractions = st.one_of(st.just(1.0), st.floats(min_value=0.01, max_value=1.0))
cuts = st.builds(Cut, st.sampled_from(LEVELS), st.sampled_from(SIDES), fractions)
cut_lists = st.lists(cuts, max_size=25)
models = st.sampled_from(["overlap", "textbook"])


def statuses(out):
    table = {("d", d.level, d.side): d.status for d in out.dermatomes}
    table |= {("k", k.level, k.side): k.status for k in out.key_points}
    table |= {("r", r.name, r.side): r.status for r in out.reflexes}
    return table


@settings(max_examples=150, deadline=None)
@given(cut_lists, models, st.randoms())
def test_order_of_cuts_does_not_matter(cut_list, model, rnd):
    shuffled = list(cut_list)
    rnd.shuffle(shuffled)
    assert statuses(evaluate(CutSet(cut_list), model)) == statuses(
        evaluate(CutSet(shuffled), model)
    )


@settings(max_examples=150, deadline=None)
@given(cut_lists, cuts, models)
def test_adding_a_cut_never_restores_sensation(cut_list, extra, model):
    before = statuses(evaluate(CutSet(cut_list), model))
    after = statuses(evaluate(CutSet([*cut_list, extra]), model))
    assert all(RANK[after[k]] >= RANK[before[k]] for k in before)


@settings(max_examples=150, deadline=None)
@given(cut_lists, st.lists(st.builds(Cut, st.sampled_from(LEVELS), st.just("left"), fractions)))
def test_left_cuts_never_change_the_right_side(cut_list, left_cuts):
    before = statuses(evaluate(CutSet(cut_list)))
    after = statuses(evaluate(CutSet([*cut_list, *left_cuts])))
    right = [k for k in before if k[2] == "right"]
    assert all(before[k] == after[k] for k in right)


@settings(max_examples=150, deadline=None)
@given(cut_lists)
def test_absent_under_overlap_is_absent_under_textbook(cut_list):
    overlap = statuses(evaluate(CutSet(cut_list), "overlap"))
    textbook = statuses(evaluate(CutSet(cut_list), "textbook"))
    assert all(textbook[k] == "absent" for k, v in overlap.items() if v == "absent")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.builds(
            Cut,
            st.sampled_from(LEVELS),
            st.sampled_from(SIDES),
            st.floats(min_value=0.01, max_value=0.99),
        ),
        max_size=62,
    ),
    models,
)
def test_partial_cuts_alone_never_make_anything_absent(cut_list, model):
    assert "absent" not in statuses(evaluate(CutSet(cut_list), model)).values()
