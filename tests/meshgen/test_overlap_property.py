"""Overlap on the body, as a property: no skin goes numb unless neighbouring roots go too."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.outcome import RootMasks, level_bits, patch_status
from rhizoviz.mesh_loader import load_body

LEVELS = load_atlas().dermatome_levels


def _masks(left: set[str], right: set[str]) -> RootMasks:
    full = np.array([level_bits(left), level_bits(right)], dtype=np.int64)
    return RootMasks(full, full.copy())


@st.composite
def scattered_cuts(draw):
    """Cut sets with no two neighbouring dermatome levels on the same side."""
    sides = []
    for _ in range(2):
        picks = draw(st.sets(st.integers(0, len(LEVELS) - 1), max_size=10))
        kept: list[int] = []
        for i in sorted(picks):
            if not kept or i - kept[-1] > 1:
                kept.append(i)
        sides.append({LEVELS[i] for i in kept})
    return sides


@settings(max_examples=60, deadline=None)
@given(scattered_cuts())
def test_cuts_without_neighbours_numb_nothing_but_the_occiput(cuts):
    body = load_body()
    left, right = cuts
    status = patch_status(body.primary_bits, body.supply_bits, body.side_code, _masks(left, right))
    absent = status == 2
    assert (body.dermatome[absent] == "C2").all()
    assert (body.mesh.vertices[absent, 1] < 0).all()  # only ever the back of the head


@settings(max_examples=40, deadline=None)
@given(st.integers(1, len(LEVELS) - 2), st.sampled_from(["left", "right"]))
def test_three_adjacent_cuts_numb_the_middle_band(i, side):
    body = load_body()
    cut = set(LEVELS[i - 1 : i + 2])
    status = patch_status(
        body.primary_bits,
        body.supply_bits,
        body.side_code,
        _masks(cut if side == "left" else set(), cut if side == "right" else set()),
    )
    middle = (body.dermatome == LEVELS[i]) & (body.side == side)
    assert (status[middle] == 2).all()
    other = "right" if side == "left" else "left"
    assert not status[body.side == other].any()
