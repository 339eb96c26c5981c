"""Load the shipped meshes: the labelled body and the named spine parts.

Only numpy and the standard library: the files are read by the strict readers in
:mod:`rhizoviz.mesh_formats`, not by trimesh, whose import alone (scipy, networkx)
cost about 0.85 s of every ``render``, ``simulate`` and app start. No VTK either.
trimesh remains the writer (:mod:`rhizoviz.meshgen`), the tests' oracle, and what
scripts get from ``rhizoviz.load_body()`` (:mod:`rhizoviz.scripting` converts). Each
loader reads its files once per folder and caches the result; any problem with a
file becomes a :class:`MeshFileError` whose one-line message names the file, so the
app can report it instead of drawing half a scene.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from rhizoviz.mesh_formats import MeshFileError, TriangleMesh, read_glb, read_mesh_file, read_ply
from rhizoviz.resources import meshes_dir

BODY_MESH = "body.ply"
BODY_LABELS = "body_labels.json"
SPINE_SCENE = "spine.glb"
SPINE_COARSE = "spine_coarse.glb"
SPINE_DETAILS = ("full", "coarse")
LABEL_SCHEMA = "rhizoviz.body-labels/1"
SIDE_NAMES = ("left", "right", "midline")


class FrozenDict(dict):
    """A dict that refuses changes: the loaded body is shared by everyone who asks for it."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the loaded body is shared and read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class Body:
    """The skin surface with its per-vertex dermatome labels.

    ``mesh`` is the numpy :class:`TriangleMesh` here; the scripting API
    (``rhizoviz.load_body()``) hands out the same body with a ``trimesh.Trimesh``.
    ``dermatome`` holds a level name per vertex (``""`` for trigeminal skin),
    ``side`` ``"left"``/``"right"``/``"midline"``, ``supply`` the overlap supply set.
    The ``*_bits`` arrays encode levels as bits of the atlas order (bit i is
    ``load_atlas().level_names[i]``) so :func:`rhizoviz.core.outcome.patch_status`
    colours the whole body in a few numpy operations. Arrays are read-only.
    """

    mesh: TriangleMesh
    dermatome: np.ndarray
    side: np.ndarray
    supply: tuple[tuple[str, ...], ...]
    key_points: dict[tuple[str, str], np.ndarray]  # (level, side) -> xyz, read-only
    key_point_vertex: dict[tuple[str, str], int]  # (level, side) -> vertex index, read-only
    primary_bits: np.ndarray  # int64 per vertex, 0 for trigeminal skin
    supply_bits: np.ndarray  # int64 per vertex
    side_code: np.ndarray  # int8: 0 left, 1 right, 2 midline
    vertex_area: np.ndarray  # float64 mm^2: a third of each incident triangle


def _read_labels(path: Path) -> dict[str, Any]:
    data = read_mesh_file(path)
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MeshFileError.at(path, f"corrupt or truncated JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("schema") != LABEL_SCHEMA:
        raise MeshFileError.at(path, f"not a label file (expected schema {LABEL_SCHEMA!r})")
    for key in ("levels", "dermatome", "side", "supply", "key_points"):
        if not isinstance(doc.get(key), list):
            raise MeshFileError.at(path, f"missing list '{key}'")
    return doc


def _atlas_bits(names: list[str], path: Path) -> np.ndarray:
    from rhizoviz.core.atlas import load_atlas

    atlas = load_atlas()
    try:
        return np.array([1 << atlas.index(n) for n in names], dtype=np.int64)
    except KeyError as exc:
        raise MeshFileError.at(path, f"unknown level {exc}") from None


def _body_from(mesh: TriangleMesh, doc: dict[str, Any], mesh_path: Path, path: Path) -> Body:
    n = len(mesh.vertices)
    levels = doc["levels"]
    try:
        derm = np.asarray(doc["dermatome"], dtype=np.int64)
        side_code = np.asarray(doc["side"], dtype=np.int8)
        supply_file = np.asarray(doc["supply"], dtype=np.int64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise MeshFileError.at(path, f"labels are not integers ({exc})") from None
    for key, arr in (("dermatome", derm), ("side", side_code), ("supply", supply_file)):
        if arr.shape != (n,):
            raise MeshFileError.at(
                path, f"'{key}' has {arr.size} entries but {mesh_path.name} has {n} vertices"
            )
    if derm.min() < -1 or derm.max() >= len(levels) or side_code.min() < 0 or side_code.max() > 2:
        raise MeshFileError.at(path, "label index out of range")
    if (supply_file >> len(levels)).any() or (supply_file < 0).any():
        raise MeshFileError.at(path, "supply bitmask names a level outside 'levels'")
    level_bits = _atlas_bits(levels, path)
    names = np.array([*levels, ""])
    dermatome = names[derm]  # -1 picks the trailing ""
    primary_bits = np.where(derm >= 0, level_bits[derm], 0).astype(np.int64)
    supply_bits = np.zeros(n, dtype=np.int64)
    supply_sets: dict[int, tuple[str, ...]] = {}
    for code in np.unique(supply_file).tolist():
        members = [k for k in range(len(levels)) if code >> k & 1]
        supply_sets[code] = tuple(levels[k] for k in members)
        supply_bits[supply_file == code] = int(np.bitwise_or.reduce(level_bits[members], initial=0))
    supply = tuple(supply_sets[c] for c in supply_file.tolist())
    key_points, key_vertex = {}, {}
    for kp in doc["key_points"]:
        try:
            key = (str(kp["level"]), str(kp["side"]))
            vertex = int(kp["vertex"])
        except (KeyError, TypeError, ValueError):
            raise MeshFileError.at(path, f"malformed key point {kp!r}") from None
        if not 0 <= vertex < n:
            raise MeshFileError.at(path, f"key point {key} refers to vertex {vertex} of {n}")
        key_vertex[key] = vertex
        key_points[key] = np.array(mesh.vertices[vertex], dtype=np.float64)
        key_points[key].setflags(write=False)
    faces = np.asarray(mesh.faces)
    area = np.bincount(faces.ravel(), np.repeat(mesh.area_faces / 3.0, 3), minlength=n)
    side = np.array(SIDE_NAMES)[side_code]
    arrays = [dermatome, side, primary_bits, supply_bits, side_code, area]
    for arr in arrays:
        arr.setflags(write=False)
    return Body(
        mesh=mesh,
        dermatome=arrays[0],
        side=arrays[1],
        supply=supply,
        key_points=FrozenDict(key_points),
        key_point_vertex=FrozenDict(key_vertex),
        primary_bits=primary_bits,
        supply_bits=supply_bits,
        side_code=side_code,
        vertex_area=area,
    )


@lru_cache(maxsize=4)
def _load_body_cached(folder: Path) -> Body:
    mesh_path, label_path = folder / BODY_MESH, folder / BODY_LABELS
    mesh = read_ply(mesh_path)
    doc = _read_labels(label_path)
    return _body_from(mesh, doc, mesh_path, label_path)


def load_body(folder: str | Path | None = None) -> Body:
    """The labelled body from ``meshes/`` (or ``folder``); loaded once, then cached."""
    return _load_body_cached(Path(folder).resolve() if folder else meshes_dir().resolve())


@lru_cache(maxsize=4)
def _load_spine_cached(folder: Path) -> MappingProxyType:
    path = folder / SPINE_SCENE
    parts = read_glb(path)
    if "spinal_cord" not in parts or not any(k.startswith("dorsal_root_") for k in parts):
        raise MeshFileError.at(
            path, "does not hold the spine parts (no spinal_cord or dorsal roots)"
        )
    return MappingProxyType(dict(sorted(parts.items())))


@lru_cache(maxsize=4)
def _load_coarse_cached(folder: Path) -> MappingProxyType:
    path = folder / SPINE_COARSE
    parts = read_glb(path)
    full = _load_spine_cached(folder)
    strangers = sorted(set(parts) - set(full))
    if strangers or not parts:
        raise MeshFileError.at(
            path, f"coarse parts must be parts of {SPINE_SCENE} (unknown: {strangers[:3]})"
        )
    return MappingProxyType(dict(sorted(parts.items())))


def load_spine(folder: str | Path | None = None, detail: str = "full") -> dict[str, TriangleMesh]:
    """Named spine parts (``vertebra_L4``, ``dorsal_root_L5_left`` ...); loaded once.

    ``detail="coarse"`` gives the same names with the bones decimated (from
    ``spine_coarse.glb``), for views where the spine is small on screen. Returns a
    new dict each call, holding the same cached (shared) meshes.
    """
    if detail not in SPINE_DETAILS:
        raise ValueError(f"unknown spine detail {detail!r}: choose from {', '.join(SPINE_DETAILS)}")
    where = Path(folder).resolve() if folder else meshes_dir().resolve()
    parts = dict(_load_spine_cached(where))
    if detail == "coarse":
        parts.update(_load_coarse_cached(where))
    return parts


def surface_fractions(body: Body, status: np.ndarray) -> dict[str, dict[str, float]]:
    """Fraction of each side's skin area that is absent or impaired.

    ``status`` is per vertex (0 normal, 1 impaired, 2 absent), as from
    :func:`rhizoviz.core.outcome.patch_status`. Midline vertices count half to
    each side; trigeminal skin is part of the area (it is never affected).
    """
    status = np.asarray(status)
    out = {}
    for code, side in ((0, "left"), (1, "right")):
        weight = body.vertex_area * np.where(
            body.side_code == code, 1.0, np.where(body.side_code == 2, 0.5, 0.0)
        )
        total = float(weight.sum())
        out[side] = {
            "absent": round(float(weight[status == 2].sum()) / total, 4),
            "impaired": round(float(weight[status == 1].sum()) / total, 4),
        }
    return out
