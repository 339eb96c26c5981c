"""The body surface: one closed symmetric figure within budget, standing on Z = 0."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from rhizoviz.mesh_loader import load_body
from rhizoviz.resources import meshes_dir


def test_one_watertight_surface_within_the_triangle_budget():
    mesh = load_body().mesh.to_trimesh()
    assert mesh.is_watertight and mesh.is_winding_consistent
    assert len(mesh.faces) <= 150_000
    assert len(mesh.split(only_watertight=False)) == 1
    assert mesh.volume > 0  # normals point outward
    assert 0.045e9 < mesh.volume < 0.09e9  # 45-90 litres: an adult, in mm^3


def test_adult_size_in_the_ras_frame_feet_on_the_floor():
    v = load_body().mesh.vertices
    assert v[:, 2].min() == 0.0
    assert 1700 < v[:, 2].max() < 1800
    width = v[:, 0].max() - v[:, 0].min()
    assert 500 < width < 750  # hands hang beside the thighs
    nose = v[v[:, 2] > 1550]
    assert nose[:, 1].max() > 100  # the face points to +Y (anterior)


def test_surface_is_mirror_symmetric_vertex_for_vertex():
    v = load_body().mesh.vertices
    dist, _ = cKDTree(v).query(v * np.array([-1.0, 1.0, 1.0]))
    assert dist.max() < 1e-3


def test_committed_files_fit_the_size_budget():
    total = sum(p.stat().st_size for p in meshes_dir().iterdir() if p.is_file())
    assert total <= 15 * 1024 * 1024


def _lowest_midline_point_between_the_legs(v: np.ndarray) -> np.ndarray:
    mid = v[(np.abs(v[:, 0]) < 1e-9) & (v[:, 2] > 500)]
    return mid[np.argmin(mid[:, 2])]


def test_perineum_is_visible_from_below():
    v = load_body().mesh.vertices
    perineum = _lowest_midline_point_between_the_legs(v)
    assert 750 < perineum[2] < 900
    # nothing lies under it: the legs are apart, so a view from below sees the saddle
    column = v[(np.abs(v[:, 0]) < 10) & (np.abs(v[:, 1] - perineum[1]) < 40)]
    assert (column[:, 2] > perineum[2] - 10).all()


def _right_pieces(mesh, origin, normal):
    section = mesh.section(plane_origin=origin, plane_normal=normal)
    assert section is not None
    return [p for p in section.discrete if p[:, 0].mean() > 0]


def test_four_fingers_hang_apart_with_the_thumb_lateral():
    mesh = load_body().mesh.to_trimesh()
    fingers = [p for p in _right_pieces(mesh, [0, 0, 705], [0, 0, 1]) if p[:, 0].min() > 150]
    assert len(fingers) == 4
    thumb = [p for p in _right_pieces(mesh, [0, 0, 770], [0, 0, 1]) if p[:, 0].min() > 150]
    hand_and_thumb = sorted(thumb, key=lambda p: p[:, 0].mean())
    assert len(hand_and_thumb) == 2  # the palm and, lateral to it, the thumb
    assert hand_and_thumb[1][:, 0].mean() > max(f[:, 0].mean() for f in fingers)


def test_big_toe_is_a_separate_medial_digit():
    mesh = load_body().mesh.to_trimesh()
    pieces = sorted(_right_pieces(mesh, [0, 165, 0], [0, 1, 0]), key=lambda p: p[:, 0].mean())
    assert len(pieces) >= 2
    hallux = pieces[0]
    assert 55 < hallux[:, 0].mean() < 80  # medial: nearer the midline than the other toes
    height = hallux[:, 2].max() - hallux[:, 2].min()
    assert height > max(p[:, 2].max() - p[:, 2].min() for p in pieces[1:])  # the stoutest
