"""Strict numpy readers for the two mesh formats rhizoviz ships: binary PLY and GLB.

``import trimesh`` costs about 0.85 s (its package imports scipy.spatial,
scipy.optimize and networkx), a quarter of a ``rhizoviz render``, while our files
have one fixed layout each, written by :mod:`rhizoviz.meshgen.writer`. So they are
read here with numpy alone. Anything outside that layout (another PLY encoding, a
glTF with external buffers, non-triangle primitives) and any truncated or corrupt
file is refused with a one-line :class:`MeshFileError` naming the file, never half
read. trimesh stays the writer and, in the tests, the oracle these readers must match.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import numpy as np


class MeshFileError(ValueError):
    """A mesh or label file is missing, empty, truncated, corrupt or inconsistent."""

    @classmethod
    def at(cls, path: Path, problem: str) -> MeshFileError:
        """The error for ``path``: one line that starts with the file's name."""
        return cls(f"{path}: {problem}")


@dataclass(frozen=True, eq=False)
class TriangleMesh:
    """A read-only triangle surface: float64 (n, 3) vertices, int64 (m, 3) faces.

    Shared by everyone who loads the meshes, so its arrays are read-only. Scripts and
    the mesh tests that want trimesh's geometry tools (volume, sections, splitting)
    ask for :meth:`to_trimesh`: only they pay for importing trimesh.
    """

    vertices: np.ndarray
    faces: np.ndarray

    @cached_property
    def area_faces(self) -> np.ndarray:
        """The area of each triangle (read-only)."""
        v, f = self.vertices, self.faces
        cross = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])
        area = 0.5 * np.linalg.norm(cross, axis=1)
        area.setflags(write=False)
        return area

    def to_trimesh(self) -> Any:
        """A new ``trimesh.Trimesh`` of the same surface (vertex order kept) on copies of
        the arrays: the caller may change it without touching the shared mesh."""
        import trimesh

        return trimesh.Trimesh(self.vertices.copy(), self.faces.copy(), process=False)


def read_mesh_file(path: Path) -> bytes:
    """The bytes of a shipped data file; missing, unreadable or empty is an error."""
    if not path.is_file():
        raise MeshFileError.at(
            path, "missing mesh file (run 'rhizoviz build-meshes' to regenerate)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MeshFileError.at(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise MeshFileError.at(path, "empty file")
    return data


def _checked_mesh(
    path: Path, vertices: np.ndarray, faces: np.ndarray, part: str | None = None
) -> TriangleMesh:
    """Float64/int64 read-only copies, refused if empty, non-finite or indexing past the end."""
    where = f"mesh {part!r}: " if part else ""
    v = np.array(vertices, dtype=np.float64)
    f = np.array(faces, dtype=np.int64).reshape(-1, 3)
    if len(v) == 0 or len(f) == 0:
        raise MeshFileError.at(path, f"{where}no triangles")
    if not np.isfinite(v).all():
        raise MeshFileError.at(path, f"{where}non-finite (NaN or infinite) vertex coordinates")
    if f.min() < 0 or f.max() >= len(v):
        raise MeshFileError.at(path, f"{where}face refers to a vertex that does not exist")
    v.setflags(write=False)
    f.setflags(write=False)
    return TriangleMesh(v, f)


# -- binary PLY ------------------------------------------------------------------------

_PLY_HEADER = re.compile(
    rb"ply\n"
    rb"format binary_little_endian 1\.0\n"
    rb"(?:comment[^\n]*\n)*"
    rb"element vertex (\d+)\n"
    rb"property float x\nproperty float y\nproperty float z\n"
    rb"element face (\d+)\n"
    rb"property list uchar int vertex_indices\n"
    rb"end_header\n"
)
_PLY_VERTEX = np.dtype(("<f4", (3,)))
_PLY_FACE = np.dtype([("count", "u1"), ("index", "<i4", (3,))])  # packed: 13 bytes


def read_ply(path: Path) -> TriangleMesh:
    """The binary little-endian PLY that ``meshgen.writer.ply_bytes`` writes, and only that."""
    data = read_mesh_file(path)
    if not data.startswith(b"ply\n"):
        raise MeshFileError.at(path, "not a PLY file (corrupt header)")
    if b"end_header\n" not in data:
        raise MeshFileError.at(path, "truncated or corrupt PLY header (no end_header)")
    header = _PLY_HEADER.match(data)
    if header is None:
        raise MeshFileError.at(
            path, "unsupported PLY layout (only binary little-endian float x y z vertices "
            "and uchar-counted int triangles are read)"
        )
    nv, nf = int(header[1]), int(header[2])
    start = header.end()
    expected = start + _PLY_VERTEX.itemsize * nv + _PLY_FACE.itemsize * nf
    if len(data) != expected:
        raise MeshFileError.at(
            path, f"truncated or corrupt ({len(data)} bytes, expected {expected})"
        )
    vertices = np.frombuffer(data, _PLY_VERTEX, count=nv, offset=start)
    faces = np.frombuffer(data, _PLY_FACE, count=nf, offset=start + vertices.nbytes)
    not_triangles = np.flatnonzero(faces["count"] != 3)
    if len(not_triangles):
        first = int(not_triangles[0])
        raise MeshFileError.at(
            path, f"face {first} has {faces['count'][first]} corners (only triangles are read)"
        )
    return _checked_mesh(path, vertices, faces["index"])


# -- glTF 2.0 binary (GLB) -------------------------------------------------------------

_GLB_MAGIC = b"glTF"
_CHUNK_JSON = 0x4E4F534A
_CHUNK_BIN = 0x004E4942
_TRIANGLES = 4
_FLOAT_VEC3 = {5126: np.dtype("<f4")}
_INDEX_TYPES = {5121: np.dtype("u1"), 5123: np.dtype("<u2"), 5125: np.dtype("<u4")}


def read_glb(path: Path) -> dict[str, TriangleMesh]:
    """Each mesh of a GLB as an untransformed triangle mesh, keyed by the mesh's name.

    The names are those ``trimesh.load(path, force="scene").geometry`` gives: the
    glTF mesh names (not the node names). A mesh must have a unique name and one
    indexed triangle primitive, as the meshgen writer makes them.
    """
    data = read_mesh_file(path)
    doc, binary = _glb_chunks(path, data)
    return _Gltf(path, doc, binary).meshes()


def _glb_chunks(path: Path, data: bytes) -> tuple[dict[str, Any], bytes]:
    """The JSON document and the binary chunk (empty if there is none)."""
    if len(data) < 12 or data[:4] != _GLB_MAGIC:
        raise MeshFileError.at(path, "not a glTF binary (GLB) file")
    version, length = struct.unpack_from("<II", data, 4)
    if version != 2:
        raise MeshFileError.at(path, f"glTF version {version} is not read (only 2)")
    if length != len(data):
        raise MeshFileError.at(
            path, f"truncated or corrupt ({len(data)} bytes, header says {length})"
        )
    kind, text, offset = _glb_chunk(path, data, 12)
    if kind != _CHUNK_JSON:
        raise MeshFileError.at(path, "the first chunk is not the JSON chunk")
    try:
        doc = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise MeshFileError.at(path, f"corrupt JSON chunk ({exc})") from None
    if not isinstance(doc, dict):
        raise MeshFileError.at(path, "the JSON chunk is not a glTF document")
    if offset == len(data):
        return doc, b""
    kind, binary, _ = _glb_chunk(path, data, offset)
    if kind != _CHUNK_BIN:
        raise MeshFileError.at(path, "the second chunk is not the binary chunk")
    return doc, binary


def _glb_chunk(path: Path, data: bytes, offset: int) -> tuple[int, bytes, int]:
    """The chunk at ``offset``: its type, its bytes, and where the next one starts."""
    if offset + 8 > len(data):
        raise MeshFileError.at(path, f"truncated or corrupt (chunk header at byte {offset})")
    size, kind = struct.unpack_from("<II", data, offset)
    end = offset + 8 + size
    if end > len(data):
        raise MeshFileError.at(
            path, f"truncated or corrupt (chunk at byte {offset} runs past the end)"
        )
    return kind, data[offset + 8 : end], end


class _Gltf:
    """Walks a parsed glTF document, checking every field it uses before trusting it."""

    def __init__(self, path: Path, doc: dict[str, Any], binary: bytes) -> None:
        self.path, self.doc = path, doc
        required = doc.get("extensionsRequired")
        if required:
            self._fail(f"needs glTF extensions {required!r}, which are not read")
        self.buffer = self._buffer(binary) if doc.get("buffers") else b""

    def _fail(self, problem: str) -> NoReturn:
        raise MeshFileError.at(self.path, problem)

    def _item(self, key: str, index: Any) -> dict[str, Any]:
        items = self.doc.get(key)
        if type(index) is not int or not isinstance(items, list) or not 0 <= index < len(items):
            self._fail(f"'{key}' has no entry {index!r}")
        if not isinstance(items[index], dict):
            self._fail(f"'{key}' entry {index} is not an object")
        return items[index]

    def _int(self, obj: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
        value = obj.get(key, default)
        if type(value) is not int or value < 0:
            self._fail(f"{where}: '{key}' is missing or not a non-negative integer")
        return value

    def _buffer(self, binary: bytes) -> bytes:
        """Buffer 0, which a GLB keeps in its binary chunk."""
        buffer = self._item("buffers", 0)
        if "uri" in buffer:
            self._fail("buffer 0 is an external file (only the GLB's own binary chunk is read)")
        length = self._int(buffer, "byteLength", "buffer 0")
        if length > len(binary):
            self._fail(f"truncated or corrupt (buffer 0 needs {length} bytes, "
                       f"the binary chunk has {len(binary)})")
        return binary[:length]

    def meshes(self) -> dict[str, TriangleMesh]:
        meshes = self.doc.get("meshes", [])
        if not isinstance(meshes, list):
            self._fail("'meshes' is not a list")
        parts: dict[str, TriangleMesh] = {}
        for index in range(len(meshes)):
            name, mesh = self._mesh(index)
            if name in parts:
                self._fail(f"two meshes are named {name!r}")
            parts[name] = mesh
        return parts

    def _mesh(self, index: int) -> tuple[str, TriangleMesh]:
        mesh = self._item("meshes", index)
        name = mesh.get("name")
        if not isinstance(name, str) or not name:
            self._fail(f"mesh {index} has no name")
        what = f"mesh {name!r}"
        primitives = mesh.get("primitives")
        if not isinstance(primitives, list) or len(primitives) != 1:
            self._fail(f"{what} does not have exactly one primitive")
        primitive = primitives[0]
        if not isinstance(primitive, dict) or primitive.get("mode", _TRIANGLES) != _TRIANGLES:
            self._fail(f"{what} is not a triangle list")
        attributes = primitive.get("attributes")
        if not isinstance(attributes, dict) or "POSITION" not in attributes:
            self._fail(f"{what} has no POSITION attribute")
        if "indices" not in primitive:
            self._fail(f"{what} has no indices (only indexed triangles are read)")
        vertices = self._accessor(attributes.get("POSITION"), _FLOAT_VEC3, "VEC3", 3)
        indices = self._accessor(primitive.get("indices"), _INDEX_TYPES, "SCALAR", 1)
        if indices.size % 3:
            self._fail(f"{what}: {indices.size} indices are not whole triangles")
        return name, _checked_mesh(self.path, vertices, indices, name)

    def _accessor(
        self, index: Any, types: dict[int, np.dtype], shape: str, width: int
    ) -> np.ndarray:
        """An accessor's elements as a (count, width) view into the buffer, stride honoured."""
        accessor = self._item("accessors", index)
        where = f"accessor {index}"
        dtype = types.get(accessor.get("componentType"))
        if "sparse" in accessor:
            self._fail(f"{where} is sparse (not read)")
        if dtype is None or accessor.get("type") != shape:
            names = "/".join(t.name for t in types.values())
            self._fail(f"{where} is not a {shape} of {names}")
        count = self._int(accessor, "count", where)
        view_index = self._int(accessor, "bufferView", where)
        view = self._item("bufferViews", view_index)
        view_where = f"bufferView {view_index}"
        if self._int(view, "buffer", view_where) != 0:
            self._fail(f"{view_where} is not in buffer 0 (the GLB's own binary chunk)")
        item = dtype.itemsize * width
        stride = self._int(view, "byteStride", view_where, default=item)
        view_start = self._int(view, "byteOffset", view_where, default=0)
        view_length = self._int(view, "byteLength", view_where)
        start = self._int(accessor, "byteOffset", where, default=0)
        if stride < item:
            self._fail(f"{view_where}: byteStride {stride} is shorter than an element ({item})")
        extent = (count - 1) * stride + item if count else 0
        if start + extent > view_length or view_start + view_length > len(self.buffer):
            self._fail(f"{where} reaches past the end of its buffer")
        return np.ndarray((count, width), dtype, self.buffer, view_start + start,
                          (stride, dtype.itemsize))
