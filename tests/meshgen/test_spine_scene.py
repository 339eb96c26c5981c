"""The spine scene: named parts, roots leaving by their own foramina, cord and cauda equina."""

from __future__ import annotations

import numpy as np
import pytest

from rhizoviz.core.atlas import load_atlas
from rhizoviz.mesh_loader import load_spine

VERTEBRAE = [
    *(f"C{i}" for i in range(1, 8)),
    *(f"T{i}" for i in range(1, 13)),
    *(f"L{i}" for i in range(1, 6)),
]


@pytest.fixture(scope="module")
def spine():
    return load_spine()


def _centre_z(spine, bone):
    return float(spine[bone].vertices[:, 2].mean()) if bone != "skull" else 1700.0


def test_every_part_is_there_by_name(spine):
    expected = {f"vertebra_{v}" for v in VERTEBRAE} | {"sacrum", "coccyx"}
    expected |= {f"disc_{a}_{b}" for a, b in zip(VERTEBRAE[1:], VERTEBRAE[2:], strict=False)}
    expected |= {"disc_L5_S1", "disc_L4_L5", "spinal_cord", "filum_terminale"}
    for level in load_atlas().level_names:
        for side in ("left", "right"):
            for kind in ("dorsal_root", "dorsal_root_ganglion", "ventral_root"):
                expected.add(f"{kind}_{level}_{side}")
    assert expected <= set(spine)


def test_triangle_budget(spine):
    assert sum(len(m.faces) for m in spine.values()) <= 150_000


def test_vertebrae_stack_downwards_and_grow(spine):
    z = [_centre_z(spine, f"vertebra_{v}") for v in VERTEBRAE]
    assert all(a > b for a, b in zip(z, z[1:], strict=False))
    width = {v: np.ptp(spine[f"vertebra_{v}"].vertices[:, 2]) for v in ("C4", "T6", "L3")}
    assert width["C4"] < width["T6"] < width["L3"]


def test_natural_curves(spine):
    """Body centres: cervical and lumbar spine bow forward, thoracic backward."""
    y = {v: spine[f"vertebra_{v}"].vertices[:, 1].max() for v in VERTEBRAE}  # front of the body
    assert y["C4"] > y["T1"]  # cervical lordosis
    assert y["T7"] < y["T1"] and y["T7"] < y["T12"]  # thoracic kyphosis
    assert y["L3"] > y["T12"] and y["L3"] > y["L5"]  # lumbar lordosis


def _exit_bones(level: str) -> tuple[str, str]:
    """The textbook rule, written independently of the generator."""
    region, num = level[0], level[1:]
    if level == "Co1":
        return "coccyx", "coccyx"
    if region == "S":
        return ("sacrum", "coccyx") if level == "S5" else ("sacrum", "sacrum")
    if region == "C" and int(num) <= 7:
        upper = "skull" if num == "1" else f"vertebra_C{int(num) - 1}"
        return upper, f"vertebra_C{num}"
    if level == "C8":
        return "vertebra_C7", "vertebra_T1"
    if region in "TL":
        order = [f"vertebra_{v}" for v in VERTEBRAE] + ["sacrum"]
        i = order.index(f"vertebra_{level}")
        return order[i], order[i + 1]
    raise ValueError(level)


def _root_end(spine, level, side):
    """The end of the dorsal root at its ganglion."""
    root = spine[f"dorsal_root_{level}_{side}"].vertices
    drg = spine[f"dorsal_root_ganglion_{level}_{side}"].vertices.mean(axis=0)
    return root[np.argmin(np.linalg.norm(root - drg, axis=1))], drg


@pytest.mark.parametrize("level", load_atlas().level_names)
def test_each_dorsal_root_ends_at_its_own_foramen(spine, level):
    upper, lower = _exit_bones(level)
    for side, sign in (("left", -1), ("right", 1)):
        end, drg = _root_end(spine, level, side)
        assert np.linalg.norm(end - drg) < 8.0  # the ganglion sits on the root's end
        assert sign * end[0] > 8.0  # out at the side of the canal
        if level[0] in "CTL" and level != "Co1" and upper != "skull":
            z_up, z_low = _centre_z(spine, upper), _centre_z(spine, lower)
            assert z_low < end[2] < z_up, (level, side, end[2], z_low, z_up)
            # ... and nearer that gap than any other
            gaps = [
                (_centre_z(spine, f"vertebra_{a}") + _centre_z(spine, f"vertebra_{b}")) / 2
                for a, b in zip(VERTEBRAE, VERTEBRAE[1:], strict=False)
            ]
            mine = (z_up + z_low) / 2
            assert min(abs(end[2] - g) for g in gaps) >= abs(end[2] - mine) - 1e-6
        elif level[0] == "S" or level == "Co1":
            sacrum = spine["sacrum"].vertices
            coccyx = spine["coccyx"].vertices
            bone_z = np.concatenate([sacrum[:, 2], coccyx[:, 2]])
            assert bone_z.min() - 5 < end[2] < bone_z.max()


def test_lower_roots_leave_lower_and_run_longer(spine):
    ends = [_root_end(spine, lv, "right")[0][2] for lv in load_atlas().level_names]
    assert all(a > b for a, b in zip(ends, ends[1:], strict=False))
    span = {
        lv: np.ptp(spine[f"dorsal_root_{lv}_right"].vertices[:, 2])
        for lv in ("C5", "T6", "L5", "S2")
    }
    assert span["C5"] < 25 < span["L5"] < span["S2"]


def test_cord_ends_at_about_l1_l2_and_the_filum_goes_on(spine):
    cord_end = spine["spinal_cord"].vertices[:, 2].min()
    assert _centre_z(spine, "vertebra_L2") < cord_end < _centre_z(spine, "vertebra_T12")
    assert spine["filum_terminale"].vertices[:, 2].min() < spine["sacrum"].vertices[:, 2].mean()


def test_cauda_equina_runs_inside_the_canal(spine):
    cord_end = spine["spinal_cord"].vertices[:, 2].min()
    for level in ("L3", "S1", "S3"):
        root = spine[f"dorsal_root_{level}_right"].vertices
        in_canal = root[root[:, 2] < cord_end - 10]
        assert len(in_canal) > 0
        assert np.median(np.abs(in_canal[:, 0])) < 12


def test_cord_has_enlargements(spine):
    cord = spine["spinal_cord"].vertices

    def width(z):
        ring = cord[np.abs(cord[:, 2] - z) < 3]
        return np.ptp(ring[:, 0])

    cervical = max(width(z) for z in np.arange(1480, 1540, 5))
    thoracic = width(_centre_z(spine, "vertebra_T5"))
    lumbar = max(width(z) for z in np.arange(1160, 1230, 5))
    assert cervical > thoracic * 1.3 and lumbar > thoracic * 1.15


def test_spine_lies_inside_the_body():
    """Every spine vertex is behind the skin: on the inner side of the nearest skin vertex."""
    from scipy.spatial import cKDTree

    from rhizoviz.mesh_loader import load_body

    skin = load_body().mesh.to_trimesh()
    tree = cKDTree(skin.vertices)
    normals = skin.vertex_normals
    for name, part in load_spine().items():
        p = np.asarray(part.vertices)[::3]
        dist, idx = tree.query(p)
        outward = np.einsum("ij,ij->i", p - skin.vertices[idx], normals[idx])
        assert (outward < 0).all(), f"{name} pokes through the skin"
        assert dist.min() > 2.0, f"{name} touches the skin"


def test_spine_facts_sidecar_agrees_with_the_meshes(spine):
    import json

    from rhizoviz.resources import meshes_dir

    facts = json.loads((meshes_dir() / "spine.json").read_text())
    assert set(facts["levels"]) == set(load_atlas().level_names)
    for level, entry in facts["levels"].items():
        upper, lower = _exit_bones(level)
        names = [n.removeprefix("vertebra_") for n in (upper, lower)]
        assert entry["exits_between"] == names, level
        for side in ("left", "right"):
            end, _ = _root_end(spine, level, side)
            assert np.linalg.norm(end - np.array(entry["foramen"][side])) < 8.0, (level, side)
    cord_end = spine["spinal_cord"].vertices[:, 2].min()
    assert abs(facts["conus_z"] - cord_end) < 3.0


def test_every_part_is_a_closed_surface(spine):
    """Closed parts pick and shade cleanly, and their volumes mean something."""
    for name, part in spine.items():
        closed = part.to_trimesh()
        assert closed.is_watertight, name
        assert closed.volume > 0, name
