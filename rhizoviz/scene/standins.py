"""Small synthetic stand-ins for the body and spine meshes.

They have the same shape of data as ``rhizoviz.mesh_loader`` (a trimesh body with
per-vertex level bitmasks, a dict of named spine parts) but only a few thousand
triangles, so scene and app tests run in a fraction of a second and do not depend
on the shipped meshes. The anatomy is crude on purpose: horizontal bands instead of
dermatomes, a right "thumb" that is C6.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyvista as pv
import trimesh

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.outcome import LEFT, MIDLINE, RIGHT, level_bits


@dataclass
class StandInBody:
    """The attributes of ``mesh_loader.Body`` that the scene uses."""

    mesh: trimesh.Trimesh
    primary_bits: np.ndarray
    supply_bits: np.ndarray
    side_code: np.ndarray
    key_points: dict[tuple[str, str], np.ndarray]
    key_point_vertex: dict[tuple[str, str], int] = field(default_factory=dict)


def _to_trimesh(mesh: pv.PolyData) -> trimesh.Trimesh:
    mesh = mesh.triangulate().clean()
    faces = np.asarray(mesh.faces).reshape(-1, 4)[:, 1:]
    return trimesh.Trimesh(np.asarray(mesh.points, dtype=float), faces, process=False)


THUMB = np.array([330.0, 40.0, 820.0])  # the right thumb of the stand-in (+X is the right)


def standin_body(atlas: Atlas | None = None) -> StandInBody:
    """A ~1750 mm capsule person: torso, head, arms with a right thumb, legs."""
    atlas = atlas or load_atlas()
    parts = [
        pv.Cylinder(center=(0, 0, 1150), direction=(0, 0, 1), radius=170, height=600,
                    resolution=48).scale((1.0, 0.6, 1.0)),
        pv.Sphere(radius=110, center=(0, 0, 1620), theta_resolution=32, phi_resolution=24),
        pv.Cylinder(center=(250, 0, 1120), direction=(0, 0, 1), radius=45, height=560,
                    resolution=24),
        pv.Cylinder(center=(-250, 0, 1120), direction=(0, 0, 1), radius=45, height=560,
                    resolution=24),
        pv.Sphere(radius=40, center=tuple(THUMB), theta_resolution=16, phi_resolution=12),
        pv.Cylinder(center=(95, 0, 430), direction=(0, 0, 1), radius=70, height=840,
                    resolution=24),
        pv.Cylinder(center=(-95, 0, 430), direction=(0, 0, 1), radius=70, height=840,
                    resolution=24),
    ]
    mesh = _to_trimesh(pv.merge([p.triangulate().subdivide(1) for p in parts]))
    v = mesh.vertices
    derm = atlas.dermatome_levels  # C2 .. Co1
    # bands from the head (C2) down to the feet (Co1), as a crude stand-in for the map
    t = np.clip((1730.0 - v[:, 2]) / 1730.0, 0.0, 0.999)
    level_idx = (t * len(derm)).astype(int)
    thumb = np.linalg.norm(v - THUMB, axis=1) < 45.0
    level_idx[thumb] = derm.index("C6")
    prim_table = np.array([level_bits([lv], atlas) for lv in derm], dtype=np.int64)
    sup_table = np.array([level_bits(atlas.supply(lv), atlas) for lv in derm], dtype=np.int64)
    side = np.where(v[:, 0] > 15, RIGHT, np.where(v[:, 0] < -15, LEFT, MIDLINE)).astype(np.int8)
    key_points: dict[tuple[str, str], np.ndarray] = {}
    kpv: dict[tuple[str, str], int] = {}
    for kp in atlas.key_points:
        for side_name, sign in (("left", -1), ("right", 1)):
            if kp.level == "C6":
                target = THUMB * np.array([sign, 1, 1]) + np.array([0, 40, 0])
            else:
                lv = kp.primary[0]
                z = 1730.0 - (derm.index(lv) + 0.5) / len(derm) * 1730.0
                target = np.array([sign * 80.0, 200.0, z])
            i = int(np.argmin(np.linalg.norm(v - target, axis=1)))
            key_points[(kp.level, side_name)] = v[i].copy()
            kpv[(kp.level, side_name)] = i
    return StandInBody(
        mesh=mesh,
        primary_bits=prim_table[level_idx],
        supply_bits=sup_table[level_idx],
        side_code=side,
        key_points=key_points,
        key_point_vertex=kpv,
    )


def _tube(points: np.ndarray, radius: float) -> pv.PolyData:
    return pv.Spline(points, 24).tube(radius=radius, n_sides=10, capping=True)


def standin_spine(atlas: Atlas | None = None) -> dict[str, trimesh.Trimesh]:
    """Vertebrae, discs, cord, filum, dural sac, both kinds of root and dorsal rootlets,
    named as the loader names them."""
    atlas = atlas or load_atlas()
    parts: dict[str, pv.PolyData] = {}
    z_top, step = 1560.0, 24.0
    vert_names = [lv for lv in atlas.level_names if lv[0] in "CTL"][:24]  # C1..L5
    for i, name in enumerate(vert_names):
        z = z_top - i * step
        parts[f"vertebra_{name}"] = pv.Box((-14, 14, 20, 45, z - 9, z + 9)).triangulate()
        if i + 1 < len(vert_names):
            parts[f"disc_{name}_{vert_names[i + 1]}"] = pv.Cylinder(
                center=(0, 32, z - 12), direction=(0, 0, 1), radius=13, height=5, resolution=16
            )
    z_sac = z_top - 24 * step
    parts["sacrum"] = pv.Cone(center=(0, 30, z_sac - 40), direction=(0, 0, 1), height=100,
                              radius=35, resolution=16)
    parts["coccyx"] = pv.Cone(center=(0, 30, z_sac - 110), direction=(0, 0, 1), height=30,
                              radius=10, resolution=12)
    z_conus = z_top - 20.5 * step
    parts["spinal_cord"] = pv.Cylinder(center=(0, 0, (z_top + 20 + z_conus) / 2),
                                       direction=(0, 0, 1), radius=6,
                                       height=z_top + 20 - z_conus, resolution=16)
    parts["dural_sac"] = pv.Cylinder(center=(0, 0, (z_top + 30 + z_sac - 20) / 2),
                                     direction=(0, 0, 1), radius=11,
                                     height=z_top + 30 - (z_sac - 20), resolution=20)
    parts["filum_terminale"] = _tube(np.array([[0, 0, z_conus], [0, 5, z_sac - 110]]), 1.0)
    for i, lv in enumerate(atlas.level_names):
        z_exit = z_top - i * step - 6
        for side, sign in (("left", -1), ("right", 1)):
            z_seg = max(z_top - i * 0.8 * step, z_conus + 10) if i >= 20 else z_top - i * step
            start = np.array([sign * 5.0, -3.0, z_seg])
            drg = np.array([sign * 32.0, 8.0, z_exit])
            if i >= 20:  # cauda equina: down first, then out
                mid = np.array([sign * 10.0, -2.0, (z_seg + z_exit) / 2])
            else:
                mid = (start + drg) / 2
            parts[f"dorsal_root_{lv}_{side}"] = _tube(np.array([start, mid, drg]), 1.6)
            for n, dz in enumerate((3.0, -3.0), start=1):  # a fan at the cord
                on_cord = np.array([sign * 4.0, -4.0, start[2] + dz])
                parts[f"dorsal_rootlet_{lv}_{side}_{n}"] = _tube(np.array([on_cord, start]), 0.5)
            parts[f"dorsal_root_ganglion_{lv}_{side}"] = pv.Sphere(
                radius=4.0, center=tuple(drg), theta_resolution=12, phi_resolution=10
            )
            vstart = start + np.array([0, 8.0, 0])
            parts[f"ventral_root_{lv}_{side}"] = _tube(
                np.array([vstart, mid + np.array([0, 8.0, 0]), drg + np.array([sign * 2, 4, 0])]),
                1.3,
            )
    return {name: _to_trimesh(p) for name, p in parts.items()}
