"""Deterministic writers: the same meshes always give the same bytes.

Coordinates are rounded to a micrometre before being written as float32; JSON is
written with sorted keys and fixed separators; the GLB carries no timestamps.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import trimesh

from rhizoviz.core.atlas import load_atlas
from rhizoviz.meshgen.body import Surface, quantise
from rhizoviz.meshgen.dermatomes import FACE, Labels

BODY_MESH = "body.ply"
BODY_LABELS = "body_labels.json"
SPINE_SCENE = "spine.glb"
SPINE_FACTS = "spine.json"
SPINE_COARSE = "spine_coarse.glb"
LABEL_SCHEMA = "rhizoviz.body-labels/1"
SIDE_CODES = {"left": 0, "right": 1, "midline": 2}


def ply_bytes(vertices: np.ndarray, faces: np.ndarray, comment: str) -> bytes:
    """A binary little-endian PLY: float32 x y z, faces as uchar count + int32 indices."""
    header = (
        "ply\nformat binary_little_endian 1.0\n"
        f"comment {comment}\n"
        f"element vertex {len(vertices)}\n"
        "property float x\nproperty float y\nproperty float z\n"
        f"element face {len(faces)}\n"
        "property list uchar int vertex_indices\nend_header\n"
    ).encode("ascii")
    v = np.ascontiguousarray(vertices, dtype="<f4").tobytes()
    rec = np.zeros(len(faces), dtype=[("n", "u1"), ("i", "<i4", (3,))])
    rec["n"] = 3
    rec["i"] = faces
    return header + v + rec.tobytes()


def dumps(data: object) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def body_label_doc(
    surface: Surface, labels: Labels, key_points: dict[tuple[str, str], int]
) -> dict:
    """The label sidecar: per-vertex level index, side code and supply bitmask."""
    levels = list(load_atlas().dermatome_levels)
    index = {name: i for i, name in enumerate(levels)}
    dermatome = [-1 if name == FACE else index[name] for name in labels.level.tolist()]
    supply_cache: dict[tuple[str, ...], int] = {}
    supply = []
    for s in labels.supply:
        if s not in supply_cache:
            supply_cache[s] = sum(1 << index[name] for name in s)
        supply.append(supply_cache[s])
    kps = []
    for (level, side), vertex in sorted(key_points.items()):
        pos = [float(c) for c in surface.vertices[vertex]]
        kps.append({"level": level, "side": side, "vertex": int(vertex), "position": pos})
    return {
        "schema": LABEL_SCHEMA,
        "mesh": BODY_MESH,
        "vertex_count": len(surface.vertices),
        "levels": levels,
        "dermatome": dermatome,
        "side": [SIDE_CODES[s] for s in labels.side.tolist()],
        "supply": supply,
        "key_points": kps,
    }


def write_body(out: Path, surface: Surface, labels: Labels, key_points) -> list[Path]:
    mesh_path, label_path = out / BODY_MESH, out / BODY_LABELS
    mesh_path.write_bytes(ply_bytes(surface.vertices, surface.faces, "rhizoviz body, RAS mm"))
    label_path.write_text(dumps(body_label_doc(surface, labels, key_points)), encoding="utf-8")
    return [mesh_path, label_path]


def glb_bytes(parts: dict[str, trimesh.Trimesh]) -> bytes:
    """A GLB scene with one node and one mesh per named part, in the given order."""
    scene = trimesh.Scene()
    for name, mesh in parts.items():
        clean = trimesh.Trimesh(quantise(np.asarray(mesh.vertices)), mesh.faces, process=False)
        scene.add_geometry(clean, geom_name=name, node_name=name)
    return scene.export(file_type="glb", include_normals=False)


def write_spine(
    out: Path, parts: dict[str, trimesh.Trimesh], facts: dict, coarse: dict[str, trimesh.Trimesh]
) -> list[Path]:
    """The full-detail scene, its facts, and the coarse bones (same part names)."""
    scene_path, facts_path = out / SPINE_SCENE, out / SPINE_FACTS
    coarse_path = out / SPINE_COARSE
    scene_path.write_bytes(glb_bytes(parts))
    facts_path.write_text(dumps(facts), encoding="utf-8")
    coarse_path.write_bytes(glb_bytes(coarse))
    return [scene_path, facts_path, coarse_path]
