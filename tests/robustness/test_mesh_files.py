"""Damaged mesh files: each is a one-line ``MeshFileError`` naming the file, never a crash.

``tests/test_mesh_loader.py`` already covers a missing, empty, truncated or corrupt
body, NaN body coordinates, a short ``dermatome`` list and a damaged spine; this
suite adds the other ways a file can be wrong (infinite coordinates, files that are
something else, faces past the end, every label list, the spine's geometry) and what
the app does when it is started on such a folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import trimesh

from rhizoviz.mesh_loader import MeshFileError, load_body, load_spine
from rhizoviz.meshgen.writer import ply_bytes


def _body_with(vertex_value: float) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        mesh = trimesh.load(folder / "body.ply", process=False)
        v = np.array(mesh.vertices)
        v[123, 2] = vertex_value
        (folder / "body.ply").write_bytes(ply_bytes(v, mesh.faces, "damaged"))
        return "body.ply"

    return damage


def _body_face_past_end(folder: Path) -> str:
    mesh = trimesh.load(folder / "body.ply", process=False)
    faces = np.array(mesh.faces)
    faces[7, 1] = len(mesh.vertices) + 5
    (folder / "body.ply").write_bytes(ply_bytes(np.asarray(mesh.vertices), faces, "damaged"))
    return "body.ply"


def _body_is(content: bytes) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        (folder / "body.ply").write_bytes(content)
        return "body.ply"

    return damage


def _labels(edit: Callable[[dict], object]) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        path = folder / "body_labels.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        edit(doc)
        path.write_text(json.dumps(doc), encoding="utf-8")
        return "body_labels.json"

    return damage


def _labels_are(content: bytes) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        (folder / "body_labels.json").write_bytes(content)
        return "body_labels.json"

    return damage


def _spine_vertex(value: float) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        scene = trimesh.load(folder / "spine.glb", force="scene", process=False)
        geom = scene.geometry["spinal_cord"]
        v = np.array(geom.vertices)
        v[3, 0] = value
        geom.vertices = v
        (folder / "spine.glb").write_bytes(scene.export(file_type="glb"))
        return "spine.glb"

    return damage


def _spine_is(content: bytes) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        (folder / "spine.glb").write_bytes(content)
        return "spine.glb"

    return damage


def _spine_without_roots(folder: Path) -> str:
    box = trimesh.creation.box()
    scene = trimesh.Scene({"vertebra_L4": box})
    (folder / "spine.glb").write_bytes(scene.export(file_type="glb"))
    return "spine.glb"


def _pop(key: str, n: int = 1) -> Callable[[dict], object]:
    return lambda doc: doc.__setitem__(key, doc[key][:-n])


def _extend(key: str) -> Callable[[dict], object]:
    return lambda doc: doc[key].append(doc[key][-1])


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

BODY_DAMAGE: dict[str, Callable[[Path], str]] = {
    "body +inf coordinate": _body_with(float("inf")),
    "body -inf coordinate": _body_with(float("-inf")),
    "body face past the last vertex": _body_face_past_end,
    "body is a PNG": _body_is(PNG),
    "body is JSON": _body_is(b'{"vertices": []}'),
    "body PLY header only": _body_is(b"ply\nformat binary_little_endian 1.0\nend_header\n"),
    "body PLY with no vertices": _body_is(
        b"ply\nformat binary_little_endian 1.0\nelement vertex 0\n"
        b"property float x\nproperty float y\nproperty float z\nelement face 0\n"
        b"property list uchar int vertex_indices\nend_header\n"
    ),
    "body ASCII PLY": _body_is(
        b"ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        b"property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
        b"end_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"
    ),
    "labels side list short": _labels(_pop("side")),
    "labels supply list long": _labels(_extend("supply")),
    "labels dermatome out of range": _labels(
        lambda d: d["dermatome"].__setitem__(5, len(d["levels"]) + 3)
    ),
    "labels side code 7": _labels(lambda d: d["side"].__setitem__(9, 7)),
    "labels strings for integers": _labels(lambda d: d["side"].__setitem__(2, "left")),
    "labels wrong schema": _labels(lambda d: d.__setitem__("schema", "something/2")),
    "labels unknown level": _labels(lambda d: d["levels"].__setitem__(0, "Q9")),
    "labels key point off the mesh": _labels(
        lambda d: d["key_points"][0].__setitem__("vertex", 10**9)
    ),
    "labels list is a number": _labels(lambda d: d.__setitem__("supply", 5)),
    "labels not UTF-8": _labels_are(b'{"schema": "\xff\xfe"}'),
    "labels empty": _labels_are(b""),
    "labels a JSON list": _labels_are(b"[1, 2, 3]"),
}

SPINE_DAMAGE: dict[str, Callable[[Path], str]] = {
    "spine NaN coordinate": _spine_vertex(float("nan")),
    "spine +inf coordinate": _spine_vertex(float("inf")),
    "spine is a PNG": _spine_is(PNG),
    "spine is a PLY": _spine_is(
        b"ply\nformat ascii 1.0\nelement vertex 0\nelement face 0\nend_header\n"
    ),
    "spine without cord or roots": _spine_without_roots,
}


def _expect_error(load: Callable[[Path], object], folder: Path, name: str) -> str:
    with pytest.raises(MeshFileError) as err:
        load(folder)
    message = str(err.value)
    assert name in message, message
    assert "\n" not in message, message
    return message


@pytest.mark.parametrize("case", list(BODY_DAMAGE))
def test_damaged_body_is_a_one_line_error_naming_the_file(mesh_copy: Path, case: str) -> None:
    name = BODY_DAMAGE[case](mesh_copy)
    _expect_error(load_body, mesh_copy, name)


@pytest.mark.parametrize("case", list(SPINE_DAMAGE))
def test_damaged_spine_is_a_one_line_error_naming_the_file(mesh_copy: Path, case: str) -> None:
    name = SPINE_DAMAGE[case](mesh_copy)
    _expect_error(load_spine, mesh_copy, name)


def test_a_folder_named_like_a_mesh_is_an_error(mesh_copy: Path) -> None:
    (mesh_copy / "body.ply").unlink()
    (mesh_copy / "body.ply").mkdir()
    _expect_error(load_body, mesh_copy, "body.ply")


def test_an_unreadable_file_is_an_error_not_a_traceback(mesh_copy: Path) -> None:
    # a dangling symlink: exists by name, cannot be opened (works as root, unlike chmod)
    (mesh_copy / "spine.glb").unlink()
    (mesh_copy / "spine.glb").symlink_to(mesh_copy / "nowhere.glb")
    _expect_error(load_spine, mesh_copy, "spine.glb")


# -- the app on a broken mesh folder ---------------------------------------------------

LAUNCH_ON_FOLDER = """
import sys
from pathlib import Path
import rhizoviz.mesh_loader as loader
loader.meshes_dir = lambda: Path(sys.argv[1])
from rhizoviz.app.launch import launch
sys.exit(launch(["--screenshot", sys.argv[2]]))
"""


@pytest.mark.parametrize("case", ["body is a PNG", "labels side list short"])
def test_app_started_on_a_broken_mesh_folder_says_so_in_one_line(
    mesh_copy: Path, tmp_path: Path, case: str
) -> None:
    """The launcher has no mesh-folder option, so the data folder is swapped in a child
    process; it must end with one ``rhizoviz: error`` line naming the file, exit 1."""
    name = BODY_DAMAGE[case](mesh_copy)
    out = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCH_ON_FOLDER, str(mesh_copy), str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if "rhizoviz" in ln]
    assert lines and name in lines[-1], proc.stderr[-2000:]
    assert not out.exists()
