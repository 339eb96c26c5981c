"""ISNCSCI key sensory points: on their own dermatome, where the landmarks put them."""

from __future__ import annotations

import numpy as np
import pytest

from rhizoviz.core.atlas import load_atlas
from rhizoviz.mesh_loader import load_body


@pytest.fixture(scope="module")
def body():
    return load_body()


def _at(body, level, side="right"):
    return body.key_points[(level, side)]


def test_each_key_point_is_on_a_vertex_of_its_own_level_and_side(body):
    for kp in load_atlas().key_points:
        for side in ("left", "right"):
            vertex = body.key_point_vertex[(kp.level, side)]
            assert body.dermatome[vertex] in kp.primary, (kp.level, side)
            assert body.side[vertex] == side


def test_key_points_mirror(body):
    for (level, side), xyz in body.key_points.items():
        if side == "right":
            other = body.key_points[(level, "left")]
            assert np.allclose(other, xyz * np.array([-1, 1, 1]), atol=1e-3)


def test_c6_thumb_is_lateral_to_c8_little_finger(body):
    for side, sign in (("right", 1), ("left", -1)):
        assert sign * _at(body, "C6", side)[0] > sign * _at(body, "C8", side)[0] + 40
        assert _at(body, "C7", side)[2] < 800  # on the middle finger, below the wrist


def test_trunk_points_descend_t4_t10_l1(body):
    z = {lv: _at(body, lv)[2] for lv in ("T2", "T4", "T6", "T10", "T12", "L1")}
    assert z["T4"] > z["T6"] > z["T10"] > z["T12"] > z["L1"]
    assert 1240 < z["T4"] < 1320  # nipple line
    assert 1020 < z["T10"] < 1080  # umbilicus
    for lv in [f"T{i}" for i in range(3, 12)]:
        x, y, _ = _at(body, lv)
        assert 80 < x < 110 and y > 40  # midclavicular line, at the front


def test_lower_limb_points(body):
    l3, l4, l5, s1, s2 = (_at(body, lv) for lv in ("L3", "L4", "L5", "S1", "S2"))
    assert 450 < l3[2] < 600 and l3[0] < 70  # medial femoral condyle, above the knee
    assert l4[2] < 130 and l4[0] < 80  # medial malleolus
    assert l5[2] < l3[2] - 300 and l5[1] > 100 and l5[2] > 15  # dorsum of the foot
    assert s1[1] < 0 and s1[0] > 100 and s1[2] < 90  # lateral heel
    assert s2[1] < -20 and 430 < s2[2] < 560  # back of the knee


def test_s3_is_posterior_and_s4_5_perianal(body):
    s3 = _at(body, "S3")
    assert s3[1] < -30 and 770 < s3[2] < 880
    s45r, s45l = _at(body, "S4-5", "right"), _at(body, "S4-5", "left")
    assert s45r[0] > 0 > s45l[0]
    assert np.linalg.norm(s45r - s45l) < 30  # near the midline on either side


def test_upper_limb_points(body):
    c5, t1, t2, c4, c3 = (_at(body, lv) for lv in ("C5", "T1", "T2", "C4", "C3"))
    assert c5[0] > t1[0] + 30  # lateral versus medial side of the elbow
    assert abs(c5[2] - t1[2]) < 80
    assert 1200 < t2[2] < 1340  # axilla
    assert c4[2] > 1440 and c4[0] > 150  # acromioclavicular joint
    assert c3[2] > c4[2] - 60 and c3[1] > 0  # supraclavicular fossa, in front
