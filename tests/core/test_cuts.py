"""Cut specs as typed on the command line and in lessons."""

import pytest

from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, make_cut, parse_spec


def test_single_level_defaults_to_both_sides_fully_cut():
    assert parse_spec("C6") == [Cut("C6", "left", 1.0), Cut("C6", "right", 1.0)]


def test_side_and_range():
    cuts = parse_spec("left:C5-C7")
    assert [(c.level, c.side) for c in cuts] == [("C5", "left"), ("C6", "left"), ("C7", "left")]


def test_range_across_regions_with_fraction():
    cuts = parse_spec("right:L2-S1@0.6")
    assert [c.level for c in cuts] == ["L2", "L3", "L4", "L5", "S1"]
    assert {c.side for c in cuts} == {"right"}
    assert all(c.fraction == 0.6 for c in cuts)


def test_both_and_case_insensitive_levels():
    assert parse_spec("both:co1") == [Cut("Co1", "left"), Cut("Co1", "right")]
    assert parse_spec("LEFT:t7")[0] == Cut("T7", "left")


@pytest.mark.parametrize(
    "spec, token",
    [
        ("L6", "L6"),
        ("T13", "T13"),
        ("C0", "C0"),
        ("X5", "X5"),
        ("middle:L5", "middle"),
        ("L5@0", "0"),
        ("L5@1.5", "1.5"),
        ("L5@-0.2", "-0.2"),
        ("L5@abc", "abc"),
        ("", "''"),
        ("   ", "''"),
        ("C5-", "C5-"),
        ("left:", "left:"),
    ],
)
def test_bad_specs_name_the_bad_token(spec, token):
    with pytest.raises(CutSpecError) as info:
        parse_spec(spec)
    message = str(info.value)
    assert token in message
    assert "\n" not in message


def test_cutset_keeps_the_larger_fraction_whatever_the_order():
    a = CutSet([Cut("L4", "left", 0.4), Cut("L4", "left", 1.0)])
    b = CutSet([Cut("L4", "left", 1.0), Cut("L4", "left", 0.4)])
    assert a == b
    assert a.fraction("L4", "left") == 1.0


def test_cutset_orders_cranio_caudally_and_restores():
    cs = CutSet(parse_spec("S1") + parse_spec("left:C5"))
    assert [c.level for c in cs.cuts()] == ["C5", "S1", "S1"]
    assert cs.without([("S1", "right")]).fraction("S1", "right") == 0.0
    assert cs.with_fraction("C5", "left", 0).fraction("C5", "left") == 0.0
    assert cs.with_fraction("C5", "left", 0.25).fraction("C5", "left") == 0.25


@pytest.mark.parametrize(
    "level, side, fraction",
    [("C9", "left", 1), ("C6", "up", 1), ("C6", "left", 0), ("C6", "left", True), (6, "left", 1)],
)
def test_make_cut_rejects_bad_values(level, side, fraction):
    with pytest.raises(CutSpecError):
        make_cut(level, side, fraction)


def test_huge_or_binary_specs_give_a_short_line():
    with pytest.raises(CutSpecError) as info:
        parse_spec("C" * 10_000)
    assert "too long" in str(info.value) and len(str(info.value)) < 120
    with pytest.raises(CutSpecError, match="control character"):
        parse_spec("L5\x00")
