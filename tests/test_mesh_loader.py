"""The mesh loader: the documented Body API, caching, and clear errors for bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import trimesh

from rhizoviz import mesh_loader
from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.outcome import RootMasks, patch_status
from rhizoviz.mesh_loader import MeshFileError, load_body, load_spine, surface_fractions
from rhizoviz.resources import meshes_dir

FILES = ("body.ply", "body_labels.json", "spine.glb", "spine_coarse.glb")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the shipped meshes that a test may damage."""
    for name in FILES:
        shutil.copy(meshes_dir() / name, tmp_path / name)
    return tmp_path


def test_load_body_reads_its_files_once(monkeypatch: pytest.MonkeyPatch):
    """The body is read on the first call only: later calls (every render, every window)
    share it and open no file."""
    reads: list[str] = []
    real_read = mesh_loader.read_mesh_file

    def counted(path: Path) -> bytes:
        reads.append(path.name)
        return real_read(path)

    monkeypatch.setattr(mesh_loader, "read_mesh_file", counted)
    monkeypatch.setattr("rhizoviz.mesh_formats.read_mesh_file", counted)
    mesh_loader._load_body_cached.cache_clear()
    first = load_body()
    assert sorted(reads) == ["body.ply", "body_labels.json"]
    assert load_body() is first and load_body(meshes_dir()) is first
    assert len(reads) == 2, reads


def test_load_spine_is_cached():
    a, b = load_spine(), load_spine()
    assert a == b and a is not b  # a fresh dict ...
    assert a["spinal_cord"] is b["spinal_cord"]  # ... of the same cached meshes


def test_coarse_spine_has_the_same_names_with_lighter_bones():
    full, coarse = load_spine(), load_spine(detail="coarse")
    assert set(coarse) == set(full)
    bones = [n for n in full if n.startswith("vertebra_") or n in ("sacrum", "coccyx")]
    assert sum(len(coarse[n].faces) for n in bones) <= 30_000
    assert sum(len(coarse[n].faces) for n in bones) < 0.5 * sum(len(full[n].faces) for n in bones)
    for name in full:  # nerves, cord and sac are shared, not copied
        if name not in bones:
            assert coarse[name] is full[name], name
    for name in bones:  # the same bone in the same place: bounding boxes agree
        a, b = np.asarray(full[name].vertices), np.asarray(coarse[name].vertices)
        assert np.abs(a.min(axis=0) - b.min(axis=0)).max() < 1.5, name
        assert np.abs(a.max(axis=0) - b.max(axis=0)).max() < 1.5, name
    with pytest.raises(ValueError, match="detail"):
        load_spine(detail="medium")


def test_damaged_coarse_spine_file_names_the_file(copy: Path):
    (copy / "spine_coarse.glb").write_bytes(b"glTF" + bytes(range(256)) * 10)
    load_spine(copy)  # the full detail does not need it
    with pytest.raises(MeshFileError) as err:
        load_spine(copy, detail="coarse")
    assert str(err.value).startswith(str(copy / "spine_coarse.glb"))


def test_body_arrays_line_up_with_the_mesh():
    body = load_body()
    n = len(body.mesh.vertices)
    for arr in (
        body.dermatome,
        body.side,
        body.primary_bits,
        body.supply_bits,
        body.side_code,
        body.vertex_area,
    ):
        assert arr.shape == (n,)
        assert not arr.flags.writeable
    assert len(body.supply) == n
    assert body.primary_bits.dtype == np.int64 and body.supply_bits.dtype == np.int64
    assert body.side_code.dtype == np.int8
    oracle = trimesh.load(meshes_dir() / "body.ply", process=False)
    assert body.vertex_area.sum() == pytest.approx(oracle.area, rel=1e-9)
    assert set(np.unique(body.side)) == {"left", "right", "midline"}
    assert ((body.side == "left") == (body.side_code == 0)).all()


def test_bits_encode_the_level_names_in_atlas_order():
    body = load_body()
    atlas = load_atlas()
    rng = np.random.default_rng(0)
    for i in rng.choice(len(body.dermatome), 400, replace=False):
        name = body.dermatome[i]
        expect = 0 if name == "" else 1 << atlas.index(name)
        assert body.primary_bits[i] == expect
        assert body.supply_bits[i] == sum(1 << atlas.index(s) for s in body.supply[i])
        if name:
            assert name in body.supply[i]
        else:
            assert body.supply[i] == ()


def test_key_points_have_both_sides_and_sit_on_their_vertex():
    body = load_body()
    levels = [kp.level for kp in load_atlas().key_points]
    assert set(body.key_points) == {(lv, s) for lv in levels for s in ("left", "right")}
    for key, xyz in body.key_points.items():
        assert np.array_equal(xyz, body.mesh.vertices[body.key_point_vertex[key]])


def test_surface_fractions_follow_the_cuts():
    body = load_body()
    atlas = load_atlas()
    none = RootMasks(np.zeros(2, np.int64), np.zeros(2, np.int64))
    status = patch_status(body.primary_bits, body.supply_bits, body.side_code, none)
    assert surface_fractions(body, status) == {
        "left": {"absent": 0.0, "impaired": 0.0},
        "right": {"absent": 0.0, "impaired": 0.0},
    }
    every = sum(1 << atlas.index(n) for n in atlas.level_names)
    left_all = RootMasks(np.array([every, 0], np.int64), np.array([every, 0], np.int64))
    status = patch_status(body.primary_bits, body.supply_bits, body.side_code, left_all)
    frac = surface_fractions(body, status)
    assert frac["right"]["absent"] == 0.0
    assert 0.8 < frac["left"]["absent"] < 1.0  # all but the face and the midline seam


# --- damaged files -----------------------------------------------------------------


def _expect_error(folder: Path, name: str, loader=load_body) -> str:
    with pytest.raises(MeshFileError) as err:
        loader(folder)
    message = str(err.value)
    assert name in message and "\n" not in message
    return message


def test_missing_body_file(copy: Path):
    (copy / "body.ply").unlink()
    assert "missing" in _expect_error(copy, "body.ply")


def test_empty_body_file(copy: Path):
    (copy / "body.ply").write_bytes(b"")
    assert "empty" in _expect_error(copy, "body.ply")


def test_truncated_body_file(copy: Path):
    data = (copy / "body.ply").read_bytes()
    (copy / "body.ply").write_bytes(data[: len(data) // 2])
    assert "truncated" in _expect_error(copy, "body.ply")


def test_corrupt_body_file(copy: Path):
    (copy / "body.ply").write_bytes(b"\x00\xffnot a mesh at all" * 100)
    _expect_error(copy, "body.ply")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_body_with_non_finite_coordinates(copy: Path, bad: float):
    from rhizoviz.meshgen.writer import ply_bytes

    mesh = trimesh.load(copy / "body.ply", process=False)
    v = np.array(mesh.vertices)
    v[17, 1] = bad
    (copy / "body.ply").write_bytes(ply_bytes(v, mesh.faces, "damaged"))
    assert "non-finite" in _expect_error(copy, "body.ply")


def test_label_sidecar_of_the_wrong_length(copy: Path):
    doc = json.loads((copy / "body_labels.json").read_text())
    doc["dermatome"] = doc["dermatome"][:-1]
    (copy / "body_labels.json").write_text(json.dumps(doc))
    assert "vertices" in _expect_error(copy, "body_labels.json")


def test_truncated_label_sidecar(copy: Path):
    text = (copy / "body_labels.json").read_text()
    (copy / "body_labels.json").write_text(text[: len(text) // 3])
    _expect_error(copy, "body_labels.json")


def test_missing_label_sidecar(copy: Path):
    (copy / "body_labels.json").unlink()
    _expect_error(copy, "body_labels.json")


def test_missing_spine_file(copy: Path):
    (copy / "spine.glb").unlink()
    _expect_error(copy, "spine.glb", load_spine)


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage"])
def test_damaged_spine_file(copy: Path, damage: str):
    path = copy / "spine.glb"
    data = path.read_bytes()
    path.write_bytes(
        {
            "empty": b"",
            "truncated": data[: len(data) // 2],
            "garbage": b"glTF" + bytes(range(256)) * 10,
        }[damage]
    )
    _expect_error(copy, "spine.glb", load_spine)


def test_loader_needs_no_vtk_trimesh_or_scipy():
    """``simulate``, ``render`` and the app load the meshes without paying for VTK,
    pyvista or Qt, nor for trimesh and the scipy and networkx it imports (~0.85 s)."""
    import subprocess
    import sys

    code = (
        "import sys, rhizoviz.mesh_loader as m\n"
        "m.load_body(); m.load_spine()\n"
        "heavy = ('vtk', 'vtkmodules', 'pyvista', 'PyQt6', 'trimesh', 'scipy', 'networkx')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_shared_body_cannot_be_changed_by_a_caller():
    body = load_body()
    assert isinstance(body.key_points, dict) and isinstance(body.key_point_vertex, dict)
    with pytest.raises(TypeError):
        body.key_points[("C6", "left")] = np.zeros(3)
    with pytest.raises(TypeError):
        body.key_point_vertex.update({})
    with pytest.raises(ValueError):
        body.primary_bits[0] = 1
    with pytest.raises(AttributeError):
        body.mesh = None  # frozen dataclass
    with pytest.raises(ValueError):
        body.mesh.vertices[0, 0] = 1.0
    with pytest.raises(ValueError):
        load_spine()["spinal_cord"].faces[0, 0] = 1
