"""The anatomy a student should find: holes through each vertebra, the cord inside its
foramen, rootlets at the right sulcus, the dural sac round the cauda equina, sacral foramina."""

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
SDR = ("L1", "L2", "L3", "L4", "L5", "S1", "S2")


@pytest.fixture(scope="module")
def spine():
    return load_spine()


def _polydata(mesh):
    import pyvista as pv

    faces = np.hstack([np.full((len(mesh.faces), 1), 3), mesh.faces]).ravel()
    return pv.PolyData(np.asarray(mesh.vertices, dtype=float), faces)


def _inside(mesh, points: np.ndarray) -> np.ndarray:
    """Which points lie inside a closed mesh (VTK's enclosed-points test)."""
    import pyvista as pv

    probe = pv.PolyData(np.asarray(points, dtype=float))
    sel = probe.select_interior_points(_polydata(mesh), check_surface=False)
    return np.asarray(sel.point_data["selected_points"]).astype(bool)


@pytest.mark.parametrize("name", [*VERTEBRAE, "sacrum"])
def test_each_vertebra_is_one_closed_surface_with_a_hole(spine, name):
    part = spine[name if name == "sacrum" else f"vertebra_{name}"].to_trimesh()
    assert part.is_watertight and part.is_winding_consistent and part.volume > 0
    assert len(part.split(only_watertight=False)) == 1
    genus = (2 - part.euler_number) // 2
    assert genus >= 1, (name, part.euler_number)
    if name in ("C1", "C2", "C3", "C4", "C5", "C6"):
        assert genus >= 3, (name, "needs a transverse foramen on each side")


def _rays_hit(mesh, origin: np.ndarray, directions: np.ndarray, reach: float) -> list[bool]:
    poly = _polydata(mesh)
    hits = []
    for d in directions:
        points, _ = poly.ray_trace(origin, origin + reach * d)
        hits.append(len(points) > 0)
    return hits


def _cord_centre(spine, z: float) -> np.ndarray:
    cord = np.asarray(spine["spinal_cord"].vertices)
    ring = cord[np.abs(cord[:, 2] - z) < 2.5]
    return ring.mean(axis=0)


@pytest.mark.parametrize("name", VERTEBRAE)
def test_the_cord_runs_through_the_vertebral_foramen(spine, name):
    """At the vertebra's level the cord (or the cauda equina, below the conus) is ringed by
    bone: horizontal rays from the canal's centre hit the vertebra all round, and no
    cord point of that level lies inside the bone."""
    bone = spine[f"vertebra_{name}"]
    z = float(np.asarray(bone.vertices)[:, 2].mean())
    cord = np.asarray(spine["spinal_cord"].vertices)
    if cord[:, 2].min() < z - 2:
        centre = _cord_centre(spine, z)
        level_pts = cord[np.abs(cord[:, 2] - z) < 6]
        assert not _inside(bone, level_pts).any(), f"cord inside {name}'s bone"
    else:  # below the conus: the canal's centre is where the filum runs
        filum = np.asarray(spine["filum_terminale"].vertices)
        centre = filum[np.argmin(np.abs(filum[:, 2] - z))]
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    dirs = np.stack([np.cos(angles), np.sin(angles), np.zeros_like(angles)], axis=1)
    assert all(_rays_hit(bone, centre, dirs, 80.0)), name
    assert not _inside(bone, centre[None, :])[0]


def _rootlets(spine, kind, level, side):
    names = sorted(
        (n for n in spine if n.startswith(f"{kind}_rootlet_{level}_{side}_")),
        key=lambda n: int(n.rsplit("_", 1)[1]),
    )
    return [spine[n] for n in names]


def test_rootlet_counts(spine):
    for level in load_atlas().level_names:
        for side in ("left", "right"):
            dorsal = _rootlets(spine, "dorsal", level, side)
            ventral = _rootlets(spine, "ventral", level, side)
            assert len(dorsal) >= (4 if level in SDR else 2), (level, side)
            assert len(ventral) >= 2, (level, side)
            # numbered from 1 without gaps
            names = {n for n in spine if n.startswith(f"dorsal_rootlet_{level}_{side}_")}
            expected = {f"dorsal_rootlet_{level}_{side}_{i}" for i in range(1, len(dorsal) + 1)}
            assert names == expected


@pytest.mark.parametrize("level", ["C5", "T6", "L1", "L4", "S1", "S2"])
def test_rootlets_reach_the_cord_at_the_right_sulcus(spine, level):
    import pyvista as pv

    cord = _polydata(spine["spinal_cord"])
    for side, sign in (("left", -1.0), ("right", 1.0)):
        for kind in ("dorsal", "ventral"):
            for rootlet in _rootlets(spine, kind, level, side):
                pts = np.asarray(rootlet.vertices)
                dist = np.abs(pv.PolyData(pts).compute_implicit_distance(cord)["implicit_distance"])
                end = pts[np.argmin(dist)]
                assert dist.min() < 1.0, (level, side, kind, "does not reach the cord")
                rel = end - _cord_centre(spine, end[2])
                assert sign * rel[0] > 0.5, (level, side, kind, "wrong side")
                angle = np.degrees(np.arctan2(abs(rel[0]), abs(rel[1])))
                assert 15 < angle < 75, (level, side, kind, angle)  # lateral, not midline
                if kind == "dorsal":
                    assert rel[1] < 0, (level, side, "dorsal rootlet not posterolateral")
                else:
                    assert rel[1] > 0, (level, side, "ventral rootlet not anterolateral")


def test_dural_sac_holds_the_cord_and_the_cauda_equina(spine):
    sac = spine["dural_sac"].to_trimesh()
    assert sac.is_watertight and sac.volume > 0
    l2 = float(np.asarray(spine["vertebra_L2"].vertices)[:, 2].mean())
    s2_end = float(np.asarray(sac.vertices)[:, 2].min())
    sacrum = np.asarray(spine["sacrum"].vertices)[:, 2]
    assert sacrum.min() < s2_end < sacrum.max()  # ends within the sacrum
    facts_foramen = {}
    for level in ("L3", "L4", "L5", "S1", "S2"):
        for side in ("left", "right"):
            root = np.asarray(spine[f"dorsal_root_{level}_{side}"].vertices)
            drg = np.asarray(spine[f"dorsal_root_ganglion_{level}_{side}"].vertices).mean(axis=0)
            facts_foramen[level] = drg
            course = root[(root[:, 2] < l2) & (root[:, 2] > drg[2] + 20) & (root[:, 2] > s2_end)]
            assert len(course) > 10, (level, side)
            assert _inside(spine["dural_sac"], course).all(), (level, side)
    cord = np.asarray(spine["spinal_cord"].vertices)[::7]
    assert _inside(spine["dural_sac"], cord).mean() > 0.97


def test_sac_lies_inside_the_canal(spine):
    sac = np.asarray(spine["dural_sac"].vertices)[::5]
    for name in (*(f"vertebra_{v}" for v in VERTEBRAE), "sacrum"):
        assert not _inside(spine[name], sac).any(), f"the dural sac pokes into {name}"


def test_roots_ganglia_and_the_sac_pass_through_foramina_not_bone(spine):
    """No nerve part or the dura enters a bone by more than a grazing contact (1 mm):
    the ganglia lie in their foramina, the roots leave through them."""
    import pyvista as pv

    bones = [f"vertebra_{v}" for v in VERTEBRAE] + ["sacrum", "coccyx"]
    boxes = {b: (np.asarray(spine[b].vertices).min(0), np.asarray(spine[b].vertices).max(0))
             for b in bones}
    nerves = [n for n in spine if n.startswith(("dorsal_root", "ventral_root", "dorsal_rootlet",
                                                  "ventral_rootlet"))]
    for name in [*nerves, "spinal_cord", "filum_terminale", "dural_sac"]:
        pts = np.asarray(spine[name].vertices)
        for bone in bones:
            lo, hi = boxes[bone]
            near = pts[np.all((pts > lo - 1) & (pts < hi + 1), axis=1)]
            if len(near) == 0:
                continue
            depth = pv.PolyData(near).compute_implicit_distance(_polydata(spine[bone]))
            assert depth["implicit_distance"].min() > -1.0, (name, bone)
    for level in load_atlas().level_names:
        for side in ("left", "right"):
            centre = np.asarray(spine[f"dorsal_root_ganglion_{level}_{side}"].vertices).mean(0)
            for bone in bones:
                assert not _inside(spine[bone], centre[None, :])[0], (level, side, bone)


def test_sacrum_has_four_pairs_of_anterior_and_posterior_foramina(spine):
    """The canal (one tunnel) and 8 anterior + 8 posterior foramina: genus >= 17; each S1-S4
    ventral root runs out in front of the sacrum without touching bone."""
    sacrum = spine["sacrum"]
    closed = sacrum.to_trimesh()
    assert (2 - closed.euler_number) // 2 >= 17
    front = np.percentile(np.asarray(sacrum.vertices)[:, 1], 60)
    for level in ("S1", "S2", "S3", "S4"):
        for side in ("left", "right"):
            ventral = np.asarray(spine[f"ventral_root_{level}_{side}"].vertices)
            assert not _inside(sacrum, ventral[::2]).any(), (level, side)
            assert ventral[:, 1].max() > front, (level, side)


def test_coarse_bones_keep_every_foramen():
    """The whole-body level of detail is lighter but has the same holes."""
    full, coarse = load_spine(), load_spine(detail="coarse")
    for name in [*(f"vertebra_{v}" for v in VERTEBRAE), "sacrum", "coccyx"]:
        a, b = full[name].to_trimesh(), coarse[name].to_trimesh()
        assert b.is_watertight and len(b.faces) < len(a.faces), name
        assert b.euler_number == a.euler_number, name
