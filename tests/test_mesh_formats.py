"""The numpy mesh readers: the same meshes trimesh reads from our files, and strict.

trimesh is the oracle here: whatever ``rhizoviz.mesh_formats`` reads must equal what
``trimesh.load(..., process=False)`` reads, vertex for vertex and name for name.
Anything the readers do not accept must be a one-line ``MeshFileError`` naming the file.
"""

from __future__ import annotations

import dataclasses
import json
import struct
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import trimesh

from rhizoviz.mesh_formats import MeshFileError, TriangleMesh, read_glb, read_ply
from rhizoviz.meshgen.writer import ply_bytes
from rhizoviz.resources import meshes_dir

JSON_CHUNK, BIN_CHUNK = 0x4E4F534A, 0x004E4942


def _assert_same(ours: TriangleMesh, oracle: trimesh.Trimesh) -> None:
    assert ours.vertices.dtype == np.float64 and ours.faces.dtype == np.int64
    assert ours.vertices.shape == oracle.vertices.shape
    assert np.array_equal(ours.vertices, oracle.vertices)
    assert np.array_equal(ours.faces, oracle.faces)


def _assert_same_scene(parts: dict[str, TriangleMesh], path: Path) -> None:
    scene = trimesh.load(path, force="scene", process=False)
    assert list(parts) == list(scene.geometry)
    for name, mesh in parts.items():
        _assert_same(mesh, scene.geometry[name])


# -- the shipped files ---------------------------------------------------------------


def test_shipped_body_reads_as_trimesh_reads_it() -> None:
    path = meshes_dir() / "body.ply"
    _assert_same(read_ply(path), trimesh.load(path, process=False))


def test_shipped_spine_reads_as_trimesh_reads_it() -> None:
    path = meshes_dir() / "spine.glb"
    parts = read_glb(path)
    assert "spinal_cord" in parts and len(parts) > 200
    _assert_same_scene(parts, path)


def test_meshes_are_read_only_and_know_their_triangle_areas() -> None:
    mesh = read_ply(meshes_dir() / "body.ply")
    oracle = trimesh.load(meshes_dir() / "body.ply", process=False)
    for arr in (mesh.vertices, mesh.faces, mesh.area_faces):
        assert not arr.flags.writeable
    with pytest.raises(dataclasses.FrozenInstanceError):
        mesh.vertices = np.zeros((3, 3))  # type: ignore[misc]
    assert np.allclose(mesh.area_faces, oracle.area_faces, rtol=1e-12, atol=0)


def test_to_trimesh_gives_the_same_surface_for_analysis() -> None:
    box = trimesh.creation.box(extents=(1.0, 2.0, 3.0))
    mesh = TriangleMesh(np.asarray(box.vertices), np.asarray(box.faces))
    same = mesh.to_trimesh()
    assert np.array_equal(same.vertices, box.vertices) and np.array_equal(same.faces, box.faces)
    assert same.is_watertight and same.volume == pytest.approx(6.0)
    with pytest.raises(AttributeError):
        mesh.volume  # noqa: B018 - analysis goes through to_trimesh(), never implicitly


# -- GLB written by trimesh, and by hand ----------------------------------------------


def test_trimesh_exported_scene_reads_back_as_trimesh_reads_it(tmp_path: Path) -> None:
    """Mesh names, not node names, key the parts; node transforms are not applied."""
    scene = trimesh.Scene()
    scene.add_geometry(trimesh.creation.box(extents=(1, 2, 3)), geom_name="box",
                       node_name="box_node")
    scene.add_geometry(trimesh.creation.icosphere(subdivisions=2), geom_name="ball",
                       node_name="ball_node", transform=trimesh.transformations.translation_matrix(
                           [10.0, 0.0, 0.0]))
    scene.add_geometry(trimesh.creation.cylinder(radius=0.5, height=4.0, sections=300),
                       geom_name="rod", node_name="rod")  # over 256 vertices
    path = tmp_path / "scene.glb"
    path.write_bytes(scene.export(file_type="glb"))
    parts = read_glb(path)
    assert sorted(parts) == ["ball", "box", "rod"]
    _assert_same_scene(parts, path)
    for name, geom in scene.geometry.items():
        assert np.array_equal(parts[name].vertices, geom.vertices.astype(np.float32))
        assert np.array_equal(parts[name].faces, geom.faces)


def _pack_glb(doc: dict | bytes, binary: bytes) -> bytes:
    """A GLB from a glTF document (or raw JSON chunk text) and its binary buffer."""
    text = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    text += b" " * (-len(text) % 4)
    binary += b"\0" * (-len(binary) % 4)
    chunks = struct.pack("<II", len(text), JSON_CHUNK) + text
    chunks += struct.pack("<II", len(binary), BIN_CHUNK) + binary
    return b"glTF" + struct.pack("<II", 2, 12 + len(chunks)) + chunks


def _unpack_glb(data: bytes) -> tuple[dict, bytes]:
    size = struct.unpack_from("<I", data, 12)[0]
    return json.loads(data[20 : 20 + size]), data[28 + size :]


def _two_triangles_glb() -> bytes:
    """Two meshes with uint8 and uint16 indices, positions interleaved with normals
    (``byteStride``) and reached through accessor and bufferView offsets."""
    square = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], dtype="<f4")
    interleaved = np.hstack([np.ones((4, 3), "<f4"), square]).tobytes()  # normal, position
    small = np.array([0, 1, 2, 0, 2, 3], dtype="u1").tobytes() + b"\0\0"
    wide = np.array([3, 2, 0, 2, 1, 0], dtype="<u2").tobytes()
    binary = b"\xee" * 8 + interleaved + small + wide
    doc = {
        "asset": {"version": "2.0"},
        "buffers": [{"byteLength": len(binary)}],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 8, "byteLength": 96, "byteStride": 24},
            {"buffer": 0, "byteOffset": 104, "byteLength": 8},
            {"buffer": 0, "byteOffset": 112, "byteLength": 12},
        ],
        "accessors": [
            {"bufferView": 0, "byteOffset": 12, "componentType": 5126, "type": "VEC3",
             "count": 4},
            {"bufferView": 1, "componentType": 5121, "type": "SCALAR", "count": 6},
            {"bufferView": 2, "componentType": 5123, "type": "SCALAR", "count": 6},
        ],
        "meshes": [
            {"name": "small", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]},
            {"name": "wide",
             "primitives": [{"attributes": {"POSITION": 0}, "indices": 2, "mode": 4}]},
        ],
        "nodes": [{"mesh": 0, "name": "a"}, {"mesh": 1, "name": "b"}],
        "scenes": [{"nodes": [0, 1]}],
        "scene": 0,
    }
    return _pack_glb(doc, binary)


def test_small_index_types_strides_and_offsets_read_as_trimesh_reads_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hand.glb"
    path.write_bytes(_two_triangles_glb())
    parts = read_glb(path)
    _assert_same_scene(parts, path)
    assert parts["small"].vertices.tolist() == [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]]
    assert parts["small"].faces.tolist() == [[0, 1, 2], [0, 2, 3]]
    assert parts["wide"].faces.tolist() == [[3, 2, 0], [2, 1, 0]]


# -- damaged or foreign files ----------------------------------------------------------


def _edited(edit: Callable[[dict], object]) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        doc, binary = _unpack_glb(data)
        edit(doc)
        return _pack_glb(doc, binary)

    return damage


def _set(*keys_then_value: object) -> Callable[[dict], object]:
    """An edit: ``_set("a", 0, "b", v)`` sets ``doc["a"][0]["b"] = v``."""
    *keys, last, value = keys_then_value

    def edit(doc: dict) -> None:
        target = doc
        for key in keys:
            target = target[key]
        target[last] = value

    return edit


def _truncated(at: int, fix_length: bool = False) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        cut = bytearray(data[:at])
        if fix_length and len(cut) >= 12:
            cut[8:12] = struct.pack("<I", len(cut))  # a header that agrees with the cut
        return bytes(cut)

    return damage


def _json_chunk(text: bytes) -> Callable[[bytes], bytes]:
    return lambda data: _pack_glb(text, _unpack_glb(data)[1])


def _bytes_at(offset: int, value: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data[:offset] + value + data[offset + len(value) :]


GLB_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    **{f"truncated at byte {n}": _truncated(n) for n in (3, 11, 12, 19, 20, 60, 140, 180)},
    **{f"truncated at byte {n}, header agreeing": _truncated(n, True) for n in (16, 60, 150)},
    "one byte short": lambda data: data[:-1],
    "one byte long": lambda data: data + b"\0",
    "wrong magic": _bytes_at(0, b"gltf"),
    "glTF version 1": _bytes_at(4, struct.pack("<I", 1)),
    "JSON chunk not JSON": _json_chunk(b"{this is not JSON"),
    "JSON chunk not UTF-8": _json_chunk(b'{"asset": "\xff\xfe"}'),
    "JSON chunk a list": _json_chunk(b"[1, 2, 3]"),
    "first chunk not JSON": _bytes_at(16, struct.pack("<I", BIN_CHUNK)),
    "accessor count past the buffer": _edited(_set("accessors", 0, "count", 5)),
    "accessor offset past the buffer": _edited(_set("accessors", 1, "byteOffset", 4)),
    "bufferView past the buffer": _edited(_set("bufferViews", 2, "byteOffset", 10**6)),
    "stride shorter than an element": _edited(_set("bufferViews", 0, "byteStride", 8)),
    "buffer longer than the binary chunk": _edited(_set("buffers", 0, "byteLength", 10**6)),
    "external buffer": _edited(_set("buffers", 0, "uri", "data.bin")),
    "second buffer": _edited(_set("bufferViews", 1, "buffer", 1)),
    "lines, not triangles": _edited(_set("meshes", 0, "primitives", 0, "mode", 1)),
    "points, not triangles": _edited(_set("meshes", 1, "primitives", 0, "mode", 0)),
    "two primitives": _edited(lambda d: d["meshes"][0]["primitives"].append(
        d["meshes"][1]["primitives"][0])),
    "mesh without a name": _edited(lambda d: d["meshes"][0].pop("name")),
    "two meshes of one name": _edited(_set("meshes", 1, "name", "small")),
    "no POSITION": _edited(_set("meshes", 0, "primitives", 0, "attributes", {})),
    "no indices": _edited(lambda d: d["meshes"][0]["primitives"][0].pop("indices")),
    "accessor that does not exist": _edited(_set("meshes", 0, "primitives", 0, "indices", 9)),
    "float indices": _edited(_set("accessors", 1, "componentType", 5126)),
    "VEC2 positions": _edited(_set("accessors", 0, "type", "VEC2")),
    "sparse accessor": _edited(_set("accessors", 0, "sparse", {"count": 1})),
    "count a string": _edited(_set("accessors", 0, "count", "4")),
    "negative offset": _edited(_set("bufferViews", 0, "byteOffset", -8)),
    "indices not whole triangles": _edited(_set("accessors", 1, "count", 5)),
    "index past the last vertex": _edited(_set("accessors", 0, "count", 3)),
    "required extension": _edited(_set("extensionsRequired", ["KHR_draco_mesh_compression"])),
    "meshes not a list": _edited(_set("meshes", {"small": 0})),
    "JSON nested too deep": _json_chunk(b"[" * 100_000),
}


def _expect_error(read: Callable[[Path], object], path: Path) -> str:
    with pytest.raises(MeshFileError) as err:
        read(path)
    message = str(err.value)
    assert path.name in message and "\n" not in message, message
    return message


def test_the_hand_built_glb_is_valid_before_it_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "hand.glb"
    path.write_bytes(_two_triangles_glb())
    assert sorted(read_glb(path)) == ["small", "wide"]


@pytest.mark.parametrize("case", list(GLB_DAMAGE))
def test_damaged_glb_is_a_one_line_error_naming_the_file(tmp_path: Path, case: str) -> None:
    path = tmp_path / "damaged.glb"
    path.write_bytes(GLB_DAMAGE[case](_two_triangles_glb()))
    _expect_error(read_glb, path)


def test_truncated_shipped_spine_is_an_error_at_every_offset(tmp_path: Path) -> None:
    data = (meshes_dir() / "spine.glb").read_bytes()
    path = tmp_path / "spine.glb"
    for at in (0, 7, 12, 20, 100_000, len(data) // 2, len(data) - 4):
        for fix in (False, True):
            path.write_bytes(_truncated(at, fix)(data))
            _expect_error(read_glb, path)


TRIANGLE = (
    b"ply\nformat binary_little_endian 1.0\nelement vertex 3\n"
    b"property float x\nproperty float y\nproperty float z\nelement face 1\n"
    b"property list uchar int vertex_indices\nend_header\n"
)
TRIANGLE_BODY = np.eye(3, dtype="<f4").tobytes() + b"\x03" + np.arange(3, dtype="<i4").tobytes()


def _quad_ply() -> bytes:
    """A valid PLY a general reader would accept: one face with four corners."""
    header = TRIANGLE.replace(b"vertex 3", b"vertex 4")
    vertices = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], "<f4").tobytes()
    return header + vertices + b"\x04" + np.arange(4, dtype="<i4").tobytes()


PLY_DAMAGE: dict[str, bytes] = {
    "ASCII PLY": TRIANGLE.replace(b"binary_little_endian", b"ascii")
    + b"0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n",
    "big-endian PLY": TRIANGLE.replace(b"little", b"big") + TRIANGLE_BODY,
    "double coordinates": TRIANGLE.replace(b"float", b"double") + TRIANGLE_BODY,
    "extra vertex property": TRIANGLE.replace(b"float z\n", b"float z\nproperty float nx\n")
    + TRIANGLE_BODY,
    "uint face indices": TRIANGLE.replace(b"uchar int", b"uchar uint") + TRIANGLE_BODY,
    "CRLF header": TRIANGLE.replace(b"\n", b"\r\n") + TRIANGLE_BODY,
    "face with four indices": _quad_ply(),
    "count byte says four": TRIANGLE + TRIANGLE_BODY.replace(b"\x03", b"\x04"),
    "no end_header": TRIANGLE.replace(b"end_header", b"end_heading") + TRIANGLE_BODY,
    "not a PLY": b"solid cube\nendsolid cube\n",
    "one byte long": TRIANGLE + TRIANGLE_BODY + b"\0",
    **{f"truncated at byte {n}": (TRIANGLE + TRIANGLE_BODY)[:n]
       for n in (3, 40, len(TRIANGLE) - 1, len(TRIANGLE), len(TRIANGLE) + 20,
                 len(TRIANGLE) + 40, len(TRIANGLE + TRIANGLE_BODY) - 1)},
}


def test_the_hand_built_ply_is_valid_before_it_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "tri.ply"
    path.write_bytes(TRIANGLE + TRIANGLE_BODY)
    _assert_same(read_ply(path), trimesh.load(path, process=False))


@pytest.mark.parametrize("case", list(PLY_DAMAGE))
def test_damaged_ply_is_a_one_line_error_naming_the_file(tmp_path: Path, case: str) -> None:
    path = tmp_path / "damaged.ply"
    path.write_bytes(PLY_DAMAGE[case])
    _expect_error(read_ply, path)


def test_truncated_and_quad_messages_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "body.ply"
    path.write_bytes(PLY_DAMAGE["count byte says four"])
    assert "4 corners" in _expect_error(read_ply, path)
    path.write_bytes(PLY_DAMAGE[f"truncated at byte {len(TRIANGLE) + 20}"])
    assert "truncated" in _expect_error(read_ply, path)


def test_writer_and_reader_agree_on_a_round_trip(tmp_path: Path) -> None:
    box = trimesh.creation.box(extents=(2.0, 4.0, 6.0))
    path = tmp_path / "box.ply"
    path.write_bytes(ply_bytes(box.vertices, box.faces, "round trip"))
    mesh = read_ply(path)
    assert np.array_equal(mesh.vertices, box.vertices) and np.array_equal(mesh.faces, box.faces)
