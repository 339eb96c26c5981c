"""Properties of the three kinds of cut, for any cut set, in both models (hypothesis):
touch vs pin prick, ventral cuts and the skin, muscle grades, reflex arcs, the worksheet."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL, Cut, CutSet
from rhizoviz.core.exam import SCAN, worksheet_from_outcome
from rhizoviz.core.motor import grade
from rhizoviz.core.outcome import evaluate

ATLAS = load_atlas()
LEVELS = ATLAS.level_names
RANK = {"normal": 0, "impaired": 1, "diminished": 1, "absent": 2}

fractions = st.one_of(st.just(1.0), st.floats(min_value=0.01, max_value=1.0))
levels, sides = st.sampled_from(LEVELS), st.sampled_from(SIDES)


def cuts_of(*kinds: str):
    options = []
    for kind in kinds:
        f = st.just(1.0) if kind == GANGLION else fractions
        options.append(st.builds(Cut, levels, sides, f, st.just(kind)))
    return st.one_of(*options)


any_cut = cuts_of(DORSAL, VENTRAL, GANGLION)
any_cuts = st.lists(any_cut, max_size=25)
models = st.sampled_from(["overlap", "textbook"])
SETTINGS = settings(max_examples=120, deadline=None)


def skin(out):
    table = {}
    for d in out.dermatomes:
        table[("d", d.level, d.side)] = (d.pin_prick, d.light_touch)
    for k in out.key_points:
        table[("k", k.level, k.side)] = (k.pin_prick, k.light_touch)
    return table


def grades(out):
    return {(m.level, m.side): m.grade for m in out.key_muscles}


def reflexes(out):
    return {(r.name, r.side): r.status for r in out.reflexes}


@SETTINGS
@given(any_cuts, models)
def test_touch_is_never_worse_than_pin_prick(cut_list, model):
    """Touch overlaps more, so touch absent implies pin prick absent, and so on."""
    for pp, lt in skin(evaluate(CutSet(cut_list), model)).values():
        assert RANK[lt] <= RANK[pp]


@SETTINGS
@given(any_cuts, st.lists(cuts_of(VENTRAL), min_size=1, max_size=15), models)
def test_ventral_cuts_never_change_the_skin(cut_list, ventral, model):
    before = evaluate(CutSet(cut_list), model)
    after = evaluate(CutSet([*cut_list, *ventral]), model)
    assert skin(before) == skin(after)
    assert before.dap == after.dap


@SETTINGS
@given(any_cuts, st.lists(cuts_of(DORSAL, GANGLION), min_size=1, max_size=15), models)
def test_dorsal_cuts_and_ganglia_never_change_a_grade(cut_list, sensory, model):
    before = evaluate(CutSet(cut_list), model)
    after = evaluate(CutSet([*cut_list, *sensory]), model)
    assert grades(before) == grades(after)
    assert before.vac == after.vac


@SETTINGS
@given(any_cuts, any_cut, models)
def test_adding_any_cut_never_restores_anything(cut_list, extra, model):
    before = evaluate(CutSet(cut_list), model)
    after = evaluate(CutSet([*cut_list, extra]), model)
    b, a = skin(before), skin(after)
    assert all(RANK[a[k][i]] >= RANK[b[k][i]] for k in b for i in (0, 1))
    gb, ga = grades(before), grades(after)
    assert all(ga[k] <= gb[k] for k in gb)
    rb, ra = reflexes(before), reflexes(after)
    assert all(RANK[ra[k]] >= RANK[rb[k]] for k in rb)
    assert (after.dap <= before.dap) and (after.vac <= before.vac)


@SETTINGS
@given(any_cuts, models, st.randoms())
def test_order_of_cuts_of_every_kind_does_not_matter(cut_list, model, rnd):
    shuffled = list(cut_list)
    rnd.shuffle(shuffled)
    a, b = evaluate(CutSet(cut_list), model), evaluate(CutSet(shuffled), model)
    assert (skin(a), grades(a), reflexes(a)) == (skin(b), grades(b), reflexes(b))


@SETTINGS
@given(any_cuts, models)
def test_a_ganglion_acts_on_the_skin_as_a_fully_cut_dorsal_root(cut_list, model):
    as_dorsal = [Cut(c.level, c.side, 1.0) if c.root == GANGLION else c for c in cut_list]
    a, b = evaluate(CutSet(cut_list), model), evaluate(CutSet(as_dorsal), model)
    assert skin(a) == skin(b) and reflexes(a) == reflexes(b) and a.dap == b.dap


@SETTINGS
@given(any_cuts)
def test_reflex_rule(cut_list):
    cuts = CutSet(cut_list)
    out = evaluate(cuts)
    for rf in ATLAS.reflexes:
        for side in SIDES:

            def broken(level, side=side):
                return (
                    cuts.fraction(level, side, DORSAL) >= 1
                    or cuts.fraction(level, side, VENTRAL) >= 1
                    or cuts.fraction(level, side, GANGLION) > 0
                )

            def touched(level, side=side):
                return any(
                    cuts.fraction(level, side, kind) > 0 for kind in (DORSAL, VENTRAL, GANGLION)
                )

            if all(broken(lv) for lv in rf.levels):
                want = "absent"
            elif any(touched(lv) for lv in rf.levels):
                want = "diminished"
            else:
                want = "normal"
            assert reflexes(out)[(rf.name, side)] == want


root_fractions = st.floats(min_value=0.0, max_value=1.0)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ATLAS.key_muscles),
    st.lists(root_fractions, min_size=3, max_size=3),
    st.integers(min_value=0, max_value=2),
    root_fractions,
)
def test_grade_is_monotone_in_every_roots_fraction(muscle, values, which, more):
    fractions = dict(zip(muscle.roots, values, strict=False))
    root = muscle.roots[which % len(muscle.roots)]
    raised = dict(fractions, **{root: max(fractions[root], more)})
    assert grade(muscle, raised) <= grade(muscle, fractions)
    g = grade(muscle, fractions)
    if not any(fractions.values()):
        assert g == 5
    elif all(f >= 1 for f in fractions.values()):
        assert g == 0
    else:
        assert 1 <= g <= 4


def test_grade_anchors_for_every_key_muscle():
    for m in ATLAS.key_muscles:
        assert grade(m, {}) == 5
        assert grade(m, dict.fromkeys(m.roots, 1.0)) == 0
        assert grade(m, {m.dominant: 1.0}) == 3, m
        for other in m.roots[1:]:
            assert grade(m, {other: 1.0}) == 4, (m, other)


def _rank(level: str) -> int:
    """Position of a level from the top; INT is below everything."""
    return len(SCAN) if level == "INT" else SCAN.index(level)


@SETTINGS
@given(any_cuts, any_cut, models)
def test_more_cuts_never_lower_the_levels_or_raise_the_totals(cut_list, extra, model):
    before = worksheet_from_outcome(evaluate(CutSet(cut_list), model))
    after = worksheet_from_outcome(evaluate(CutSet([*cut_list, extra]), model))
    for name in ("light_touch_total", "pin_prick_total", "motor_total"):
        assert getattr(after, name).total <= getattr(before, name).total
    for side in SIDES:
        assert _rank(after.sensory_levels()[side]) <= _rank(before.sensory_levels()[side])
        assert _rank(after.motor_levels()[side]) <= _rank(before.motor_levels()[side])
