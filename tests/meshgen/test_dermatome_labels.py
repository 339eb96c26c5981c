"""Dermatome labels on the body: the classic chart, mirrored, with honest overlap."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.outcome import RootMasks, level_bits, patch_status
from rhizoviz.mesh_loader import load_body


@pytest.fixture(scope="module")
def body():
    return load_body()


def _cut(levels_left=(), levels_right=()):
    left, right = level_bits(levels_left), level_bits(levels_right)
    full = np.array([left, right], dtype=np.int64)
    return RootMasks(full, full.copy())


def _status(body, masks):
    return patch_status(body.primary_bits, body.supply_bits, body.side_code, masks)


def test_every_level_c2_to_co1_has_skin_on_both_sides(body):
    for level in load_atlas().dermatome_levels:
        for side in ("left", "right"):
            count = int(((body.dermatome == level) & (body.side == side)).sum())
            assert count >= 10, f"{level} {side}: {count} vertices"


def test_face_is_trigeminal_and_only_on_the_head(body):
    face = body.dermatome == ""
    assert face.any()
    z = body.mesh.vertices[face, 2]
    assert z.min() > 1480
    assert body.mesh.vertices[face, 1].mean() > 0  # the front of the head


def test_labels_mirror_left_and_right(body):
    v = body.mesh.vertices
    _, twin = cKDTree(v).query(v * np.array([-1.0, 1.0, 1.0]))
    assert (body.dermatome == body.dermatome[twin]).all()
    swapped = {"left": "right", "right": "left", "midline": "midline"}
    assert (body.side == np.array([swapped[s] for s in body.side[twin]])).all()
    assert (body.side[v[:, 0] > 0] == "right").all() and (body.side[v[:, 0] < 0] == "left").all()


def _nearest(body, point, where=None):
    v = body.mesh.vertices
    idx = np.arange(len(v)) if where is None else np.flatnonzero(where)
    return idx[np.argmin(np.linalg.norm(v[idx] - np.asarray(point), axis=1))]


@pytest.mark.parametrize(
    ("level", "point"),
    [
        ("C2", (0, -120, 1640)),  # back of the head
        ("C3", (0, 80, 1480)),  # front of the neck
        ("C4", (160, -10, 1490)),  # top of the shoulder
        ("C5", (280, -5, 1250)),  # lateral upper arm
        ("C6", (330, 60, 740)),  # thumb tip
        ("C7", (262, 40, 660)),  # middle finger tip
        ("C8", (200, 30, 690)),  # little finger tip
        ("T1", (175, 0, 1060)),  # proximal medial forearm
        ("T2", (178, -5, 1220)),  # medial upper arm
        ("T4", (95, 200, 1278)),  # nipple line
        ("T10", (0, 200, 1050)),  # umbilicus
        ("L2", (140, 80, 720)),  # anterolateral mid-thigh
        ("L3", (40, 20, 520)),  # medial knee
        ("L4", (40, 0, 250)),  # medial leg
        ("L5", (140, 40, 250)),  # lateral leg
        ("L5", (100, 90, 80)),  # dorsum of the foot
        ("S1", (100, 40, -50)),  # sole
        ("S1", (160, 60, 20)),  # lateral edge of the foot
        ("S2", (92, -200, 495)),  # popliteal fossa
    ],
)
def test_classic_chart_landmarks(body, level, point):
    side_right = body.mesh.vertices[:, 0] >= 0
    assert body.dermatome[_nearest(body, point, side_right)] == level


def test_saddle_rings_are_concentric_round_the_anus(body):
    v = body.mesh.vertices
    centre = v[(body.dermatome == "S5")].mean(axis=0)
    radius = {
        lv: np.median(np.linalg.norm(v[body.dermatome == lv] - centre, axis=1))
        for lv in ("S5", "S4", "S3")
    }
    assert radius["S5"] < radius["S4"] < radius["S3"]
    assert v[body.dermatome == "Co1", 1].mean() < centre[1]  # behind, over the coccyx


def test_trunk_bands_descend_in_order_at_the_front(body):
    v = body.mesh.vertices
    front = (v[:, 1] > 60) & (np.abs(v[:, 0] - 60) < 20)
    heights = [np.median(v[front & (body.dermatome == f"T{i}"), 2]) for i in range(2, 13)]
    assert all(a > b for a, b in zip(heights, heights[1:], strict=False))


def test_bands_slope_down_toward_the_front(body):
    v = body.mesh.vertices
    t8 = body.dermatome == "T8"
    front = np.median(v[t8 & (v[:, 1] > 50) & (np.abs(v[:, 0]) < 40), 2])
    back = np.median(v[t8 & (v[:, 1] < -50) & (np.abs(v[:, 0]) < 40), 2])
    assert back > front


def test_supply_is_own_level_plus_neighbours_without_crossing_axial_lines(body):
    atlas = load_atlas()
    for i in np.random.default_rng(1).choice(len(body.supply), 2000, replace=False):
        level = body.dermatome[i]
        if level in ("", "C2"):
            continue
        assert set(body.supply[i]) == set(atlas.supply(level))
    # where C4 meets T2 on the chest, C4 skin is reached by C3, never by T2
    c4 = body.dermatome == "C4"
    assert all("T2" not in body.supply[i] for i in np.flatnonzero(c4))
    assert all("C3" in body.supply[i] for i in np.flatnonzero(c4))


def test_every_band_vertex_has_a_neighbour_except_the_occiput(body):
    sizes = np.array([len(s) for s in body.supply])
    spinal = body.dermatome != ""
    alone = spinal & (sizes == 1)
    assert (body.dermatome[alone] == "C2").all()
    assert alone.any()
    assert (body.mesh.vertices[alone, 1] < 0).all()  # the back of the head


@pytest.mark.parametrize("level", load_atlas().dermatome_levels[1:])
def test_a_single_cut_root_leaves_no_skin_absent(body, level):
    for side in ("left", "right"):
        masks = _cut(**{f"levels_{side}": (level,)})
        status = _status(body, masks)
        assert not (status == 2).any()
        own = (body.dermatome == level) & (body.side == side)
        assert (status[own] == 1).all()  # its own skin is impaired


def test_cutting_c2_alone_numbs_the_occiput(body):
    status = _status(body, _cut(levels_left=("C2",)))
    absent = status == 2
    assert absent.any()
    v = body.mesh.vertices[absent]
    assert (body.dermatome[absent] == "C2").all()
    assert (v[:, 0] < 0).all() and (v[:, 1] < 0).all() and (v[:, 2] > 1550).all()
    assert status[body.key_point_vertex[("C2", "left")]] == 2


def test_three_consecutive_roots_give_anaesthesia_of_the_middle_one(body):
    status = _status(body, _cut(levels_right=("C5", "C6", "C7")))
    c6 = (body.dermatome == "C6") & (body.side == "right")
    assert (status[c6] == 2).all()
    assert not (status[body.side == "left"] > 0).any()


@pytest.mark.parametrize(
    ("levels", "never"),
    [
        (("C5", "C6"), {"C8", "T1", "T2"}),  # preaxial arm: nothing from across the axial line
        (("C8", "T1", "T2"), {"C5", "C6"}),  # postaxial arm
        (("L2", "L3"), {"S1", "S2", "S3"}),  # front of the thigh / back of the thigh
        (("S2", "S3"), {"L2", "L3"}),
    ],
)
def test_no_overlap_across_the_axial_lines(body, levels, never):
    for i in np.flatnonzero(np.isin(body.dermatome, levels)):
        assert not set(body.supply[i]) & never, (body.dermatome[i], body.supply[i])
