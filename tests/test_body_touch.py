"""Light touch over the body mesh: the mesh stores pin-prick supply sets, and the
touch sets grown from them agree with the atlas's key points and keep the occiput C2 only."""

import numpy as np
import pytest

from rhizoviz.body_outcome import body_status
from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.cuts import CutSet, parse_specs
from rhizoviz.core.outcome import ABSENT, level_bits, widen_supply
from rhizoviz.mesh_loader import load_body


@pytest.fixture(scope="module")
def body():
    return load_body()


def test_widened_supply_matches_the_atlas_touch_sets_at_every_key_point():
    atlas = load_atlas()
    kps = atlas.key_points
    primary = np.array([level_bits(k.primary) for k in kps])
    supply = np.array([level_bits(k.supply) for k in kps])
    touch = widen_supply(primary, supply, "light_touch")
    assert touch.tolist() == [level_bits(k.touch_supply) for k in kps]
    assert widen_supply(primary, supply, "pin_prick").tolist() == supply.tolist()


def test_touch_on_the_body_is_never_worse_than_pin_prick(body):
    for specs in (["left:C5-C7"], ["C4-C8"], ["right:T4-T8@0.5", "ganglion:left:C2"]):
        cuts = CutSet(parse_specs(specs))
        pp = body_status(body, cuts, "overlap")
        lt = body_status(body, cuts, "overlap", "light_touch")
        assert (lt <= pp).all()


def test_left_c5_c7_numbs_the_thumb_to_pin_but_not_to_touch(body):
    cuts = CutSet(parse_specs(["left:C5-C7"]))
    c6_left = (body.primary_bits == level_bits(["C6"])) & (body.side_code == 0)
    assert (body_status(body, cuts, "overlap")[c6_left] == ABSENT).any()
    assert not (body_status(body, cuts, "overlap", "light_touch")[c6_left] == ABSENT).any()
    wider = CutSet(parse_specs(["left:C4-C8"]))
    assert (body_status(body, wider, "overlap", "light_touch")[c6_left] == ABSENT).any()


def test_the_occiput_loses_touch_to_a_c2_ganglionectomy(body):
    cuts = CutSet(parse_specs(["ganglion:left:C2"]))
    pp = body_status(body, cuts, "overlap")
    lt = body_status(body, cuts, "overlap", "light_touch")
    assert (pp == ABSENT).sum() > 0
    assert ((lt == ABSENT) == (pp == ABSENT)).all()
