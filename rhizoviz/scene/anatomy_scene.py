"""The 3D scene: body and spine built once on any pyvista plotter, recoloured in place.

Why it is shaped this way:

* One builder for every surface. The app passes a pyvistaqt ``QtInteractor``, the
  ``render`` command and the tests an off-screen ``pyvista.Plotter``; the scene never
  imports Qt, so figures, tests and the app show the same pixels.
* Build once, then only recolour. A cut writes new status codes into the body's
  existing scalar array (a gather from a few hundred precomputed label combinations,
  not a per-vertex rule), rewrites the roots' colour codes and nudges their points.
  No mesh is rebuilt, no file re-read.
* Few actors. All 62 dorsal roots are one mesh, their ganglia another, the cut flags
  two point clouds: each actor costs a draw call and its state changes every frame,
  and on software OpenGL some 250 small actors drew about 20 % slower than the same
  triangles in a few. A root's colour is a per-point code through a lookup table; its
  middle segment, the gap a cut leaves, is hidden by collapsing its points; a pick
  finds the root from the picked cell's owner.
* One renderer, one camera. The spine is drawn enlarged beside the body (the real
  roots are a few millimetres thick: too thin to see or click at body scale), placed
  by an actor matrix on the side of the body that faces the camera's right, so every
  preset view shows both without hunting and picking needs no viewport bookkeeping.
* Colours are categorical lookup tables indexed by the core's status codes, so a
  palette switch rewrites three table entries and never touches a mesh.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkCellPicker,
    vtkTextActor,
)

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.outcome import (
    LEFT,
    MIDLINE,
    RIGHT,
    STATUS_NAMES,
    RootMasks,
    bits_to_levels,
    level_bits,
    model_supply,
    patch_status,
)
from rhizoviz.core.session import State
from rhizoviz.core.views import VIEW_NAMES
from rhizoviz.scene.legend import Legend
from rhizoviz.scene.level_labels import LevelLabels
from rhizoviz.scene.palette import DEFAULT_PALETTE, Palette, get_palette, hex_to_rgb
from rhizoviz.scene.text_image import window_dpi
from rhizoviz.scene.vtkmesh import (
    Mesh,
    address,
    as_mesh,
    as_meshes,
    categorical_lut,
    codes_modified,
    fill_lut,
    map_status_colours,
    matrix,
    merge,
    merge_parts,
    nearest,
    point_codes,
    points_view,
    polydata,
    set_points,
    submesh,
    surface_actor,
    tube_radius,
    vertex_cells,
    vtk_array,
)

Root = tuple[str, str]  # (level, side)

VIEWS: tuple[str, ...] = VIEW_NAMES  # the names are data (scenarios, CLI); cameras are here
VERTEBRAE_MODES: tuple[str, ...] = ("opaque", "translucent", "hidden")
SIDE_NAMES = {LEFT: "left", RIGHT: "right", MIDLINE: "midline"}

# direction from the focal point to the camera, and the screen's rightward direction
_VIEW_GEOMETRY: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "anterior": ((0.0, 1.0, 0.0), (-1.0, 0.0, 0.0)),
    "posterior": ((0.0, -1.0, 0.0), (1.0, 0.0, 0.0)),
    "left": ((-1.0, 0.0, 0.0), (0.0, -1.0, 0.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
}

SPINE_SCALE_OF_BODY = 0.78  # the enlarged spine is this fraction of the body's height
TRANSLUCENT_OPACITY = 0.22
BASE_MARKER_PX = 11.0
FLAG_PX = 13.0  # the dot marking a cut root in whole-body views
REFERENCE_HEIGHT_PX = 1080.0  # sizes in pixels are given for a 1080-line window
# the roots' lookup table: palette fields in code order
ROOT_COLOURS: tuple[str, ...] = ("root_intact", "root_partial", "root_cut", "highlight", "drg")
INTACT, PARTIAL, CUT, HIGHLIGHT, GANGLION = range(len(ROOT_COLOURS))


def configure_plotter(plotter: pv.Plotter, anti_aliasing: str | None = None) -> None:
    """Deliberate render settings: no multisampling; optionally FXAA.

    pyvista's default 4x multisampling makes software OpenGL (llvmpipe) 3-5x slower.
    FXAA is one cheap full-screen pass (measured here: about +0.1-0.3 s a 1080p frame
    on two busy cores), fine for a figure, optional for interaction. pyvista refuses
    FXAA on EGL and silently substitutes costly SSAA, so it is switched on directly;
    it was checked by eye to work there. Call before the first render (a Qt
    interactor fixes its sample count when built: pass ``multi_samples=0`` to it).
    """
    if anti_aliasing not in (None, "none", "fxaa"):
        raise SceneError(f"unknown anti-aliasing {anti_aliasing!r}: use None or 'fxaa'")
    window = plotter.render_window
    if window is not None:
        window.SetMultiSamples(0)
    plotter.renderer.SetUseFXAA(anti_aliasing == "fxaa")


class BodyLike(Protocol):
    """What the scene needs of ``mesh_loader.Body`` (and of the test stand-ins)."""

    mesh: Any  # trimesh.Trimesh
    primary_bits: np.ndarray
    supply_bits: np.ndarray
    side_code: np.ndarray
    key_points: Mapping[tuple[str, str], Any]


class SceneError(ValueError):
    """A bad view, level, mode or palette was asked for."""


@dataclass(frozen=True)
class SkinLookup:
    """What the reverse look-up says about one point of skin."""

    vertex: int
    dermatome: str  # e.g. "C6"; "" where no spinal root supplies the skin (the face)
    side: str  # "left", "right" or "midline"
    roots: tuple[Root, ...]  # the dorsal roots supplying it under the current model
    status: str  # "normal", "impaired" or "absent" for the current cuts


@dataclass(frozen=True)
class Pick:
    """What is under a screen position: a root, a key sensory point or skin."""

    kind: str  # "root", "key_point" or "skin"
    root: Root | None = None
    key_point: tuple[str, str] | None = None
    skin: SkinLookup | None = None


@dataclass
class _RootParts:
    """One dorsal root: where its points lie in the merged root mesh, and its state."""

    level: str
    side: str
    body: slice  # its points in the merged roots mesh: the root minus its middle...
    gap: slice  # ...and the middle segment, collapsed (not drawn) while the root is cut
    radius: float
    samples: np.ndarray  # points along the root (spine frame), for screen-space picking
    anchor: np.ndarray  # on its surface, away from the gap: where clicks aim, flags sit
    fraction: float = 0.0
    highlighted: bool = False


class AnatomyScene:
    """The body, the enlarged spine beside it, markers, legend and caption on one plotter.

    Build once with ``AnatomyScene(plotter, body, spine)``; then call :meth:`update`
    with the session's state whenever it changes. Building draws nothing; each method
    draws one frame when it is done unless given ``render=False``, so a caller can
    batch several changes into one frame.
    """

    def __init__(
        self,
        plotter: pv.Plotter,
        body: BodyLike,
        spine: Mapping[str, Any],
        palette: str | Palette = DEFAULT_PALETTE,
        *,
        atlas: Atlas | None = None,
        caption: str | None = None,
        show_legend: bool = True,
    ) -> None:
        self.plotter = plotter
        self.atlas = atlas or load_atlas()
        self.palette = get_palette(palette)
        self._body_src = body
        self._presentation = False
        self._vertebrae_mode = "opaque"
        self._view = "anterior"
        self._placement = "anterior"
        self._highlight: set[Root] = set()
        self._state = State()
        self._model = self._state.model
        self._pixel_scale = 1.0
        self._fixed_pixel_scale: float | None = None
        self._frame_request: tuple[Any, Any, float] | None = None
        self._spine_m = np.eye(4)
        self._framed_size = (0, 0)
        self._framed_mtime = 0

        self._build_body(body)
        self._build_markers(body)
        self._build_spine(spine)
        self._build_overlays(caption, show_legend)
        # a weak reference: VTK holding a bound method would keep the whole scene alive
        this = weakref.ref(self)

        def on_start(*_args: object) -> None:
            scene = this()
            if scene is not None:
                scene._apply_pixel_scale()
                scene._refit_if_resized()
                scene._pin_labels()

        self._observer: int | None = self.plotter.renderer.AddObserver("StartEvent", on_start)
        self.set_palette(self.palette, render=False)
        self.set_vertebrae("translucent", render=False)
        self.update(self._state, render=False)
        self.set_view("anterior", render=False)
        self._apply_pixel_scale(force=True)

    # ------------------------------------------------------------------ build
    def _build_body(self, body: BodyLike) -> None:
        pd = pv.wrap(polydata(as_mesh(body.mesh)))
        n = pd.n_points
        primary = np.asarray(body.primary_bits, dtype=np.int64)
        supply = np.asarray(body.supply_bits, dtype=np.int64)
        side = np.asarray(body.side_code, dtype=np.int64)
        if not (len(primary) == len(supply) == len(side) == n):
            raise SceneError("body labels do not match the mesh's vertex count")
        # A body has a few hundred distinct (primary, supply, side) labels: the rule runs
        # on those, and update() gathers the answer into the per-vertex array.
        # one uint64 key per vertex (levels < 31 bits each, side 2 bits): a 1-D unique is
        # ~50x faster than np.unique(axis=0)
        if primary.max(initial=0) >= 1 << 31 or supply.max(initial=0) >= 1 << 31:
            raise SceneError("more than 31 levels do not fit the scene's label key")
        u = np.uint64
        key = (primary.astype(u) << u(33)) | (side.astype(u) << u(31)) | supply.astype(u)
        ukey, inverse = np.unique(key, return_inverse=True)
        self._combo_primary = (ukey >> np.uint64(33)).astype(np.int64)
        self._combo_supply = (ukey & np.uint64((1 << 31) - 1)).astype(np.int64)
        self._combo_side = ((ukey >> np.uint64(31)) & np.uint64(3)).astype(np.int8)
        self._combo_index = inverse.reshape(-1).astype(np.intp)
        pd.point_data["status"] = np.zeros(n, dtype=np.float32)
        pd.point_data.active_scalars_name = "status"
        self._body_lut = categorical_lut(self.palette.status_colours)
        self.body_actor = self.plotter.add_mesh(
            pd,
            scalars="status",
            show_scalar_bar=False,
            smooth_shading=False,  # the loader's normals are already smooth
            interpolate_before_map=True,  # crisp borders between dermatomes
            specular=0.15,
            specular_power=12.0,
            diffuse=0.85,
            ambient=0.12,
            pickable=True,
            name="body",
            reset_camera=False,
            render=False,
        )
        map_status_colours(self.body_actor, self._body_lut)
        self.body_mesh: pv.PolyData = self.body_actor.mapper.dataset
        self.body_status: np.ndarray = self.body_mesh.point_data["status"]
        self._body_combo: np.ndarray | None = None  # the label statuses drawn now
        self._body_vtk_array = vtk_array(self.body_mesh, "status")
        self._body_points = np.asarray(self.body_mesh.points, dtype=np.float64)
        self._body_normals = np.asarray(self.body_mesh.point_data["Normals"])
        self._body_primary = primary
        self._body_supply = supply
        self._body_side = side

    def _build_markers(self, body: BodyLike) -> None:
        keys = list(body.key_points)
        self.key_point_keys: list[tuple[str, str]] = keys
        pts, normals = [], []
        kpv = getattr(body, "key_point_vertex", None) or {}
        for key in keys:
            p = np.asarray(body.key_points[key], dtype=np.float64)
            v = kpv.get(key) if hasattr(kpv, "get") else None
            if v is None:
                v = nearest(self._body_points, p)
            # lift the marker off the skin so that the sphere is not half buried
            pts.append(p + 6.0 * self._body_normals[int(v)])
            normals.append(self._body_normals[int(v)])
        self._marker_points = np.array(pts, dtype=np.float64).reshape(-1, 3)
        self._marker_normals = np.array(normals, dtype=np.float64).reshape(-1, 3)
        # a marker's status follows the core's rule for its patch of skin, as the body's
        # does: (primary, supply) level bits per marker, for the atlas's key points
        atlas_points = {k.level: k for k in self.atlas.key_points}
        known = [i for i, (level, _side) in enumerate(keys) if level in atlas_points]
        self._marker_known = np.array(known, dtype=np.intp)
        self._marker_primary = np.array(
            [level_bits(atlas_points[keys[i][0]].primary, self.atlas) for i in known], np.int64)
        self._marker_supply = np.array(
            [level_bits(atlas_points[keys[i][0]].supply, self.atlas) for i in known], np.int64)
        codes = {name: code for code, name in SIDE_NAMES.items()}
        self._marker_side = np.array([codes[keys[i][1]] for i in known], np.int8)
        self.marker_actor: pv.Actor | None = None
        if not keys:
            return
        cloud = pv.PolyData(self._marker_points.astype(np.float32))
        cloud.point_data["status"] = np.zeros(len(keys), dtype=np.float32)
        self._marker_lut = categorical_lut(self.palette.marker_colours)
        self.marker_actor = self.plotter.add_mesh(
            cloud,
            scalars="status",
            show_scalar_bar=False,
            style="points",
            render_points_as_spheres=True,
            point_size=BASE_MARKER_PX,
            interpolate_before_map=False,
            pickable=True,
            name="key_points",
            reset_camera=False,
            render=False,
        )
        map_status_colours(self.marker_actor, self._marker_lut)
        markers = self.marker_actor.mapper.dataset
        self.marker_status: np.ndarray = markers.point_data["status"]
        self._marker_vtk_array = vtk_array(markers, "status")

    def _build_spine(self, spine: Mapping[str, Any]) -> None:
        groups: dict[str, list[Mesh]] = {
            "bone": [], "disc": [], "cord": [], "ventral": [], "other": []
        }
        roots: dict[Root, Mesh] = {}
        ganglia: dict[Root, Mesh] = {}
        self._ganglion_centres: dict[Root, np.ndarray] = {}
        for (name, source), mesh in zip(spine.items(), as_meshes(spine.values()), strict=True):
            if name.startswith("dorsal_root_ganglion_"):
                key = _root_key(name, "dorsal_root_ganglion_")
                ganglia[key] = mesh
                self._ganglion_centres[key] = np.asarray(source.vertices, np.float64).mean(axis=0)
            elif name.startswith("dorsal_root_"):
                roots[_root_key(name, "dorsal_root_")] = mesh
            elif name.startswith("ventral_root_"):
                groups["ventral"].append(mesh)
            elif name.startswith("vertebra_") or name in ("sacrum", "coccyx"):
                groups["bone"].append(mesh)
            elif name.startswith("disc_"):
                groups["disc"].append(mesh)
            elif name in ("spinal_cord", "filum_terminale") or name.startswith("cord"):
                groups["cord"].append(mesh)
            else:
                groups["other"].append(mesh)

        all_pts = [np.asarray(m.vertices) for m in spine.values()] or [np.zeros((1, 3))]
        pts = np.concatenate(all_pts)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        self._spine_centre = (lo + hi) / 2.0
        self._spine_extent = hi - lo
        body_lo = np.asarray(self.body_mesh.bounds[::2])
        body_hi = np.asarray(self.body_mesh.bounds[1::2])
        self._body_lo, self._body_hi = body_lo, body_hi
        height = max(float(self._spine_extent[2]), 1.0)
        self.spine_scale = float(SPINE_SCALE_OF_BODY * (body_hi[2] - body_lo[2]) / height)

        self.spine_actors: list[vtkActor] = []
        self._group_actors: dict[str, vtkActor] = {}
        self._ventral_base: np.ndarray | None = None
        for group, meshes in groups.items():
            merged = merge(meshes)
            if merged is None:
                continue
            pd = polydata(merged)
            actor = surface_actor(self.plotter.renderer, pd,
                                   specular=0.2 if group in ("bone", "disc") else 0.35)
            self._group_actors[group] = actor
            self.spine_actors.append(actor)
            if group == "ventral":
                self._ventral_pd = pd
                self._ventral_base = merged.points.copy()
                self._ventral_normals = merged.normals.copy()

        self._build_roots(roots, ganglia)
        self._build_labels()
        self._root_samples = np.concatenate(
            [self.roots[k].samples for k in self._root_keys]
        ) if self.roots else np.zeros((0, 3))
        # segments between consecutive samples of the same root, and whose they are
        counts = np.array([len(self.roots[k].samples) for k in self._root_keys], dtype=int)
        ends = np.cumsum(counts)
        starts = ends - counts
        seg_a = np.concatenate([np.arange(a, b - 1) for a, b in zip(starts, ends, strict=True)]
                               or [np.zeros(0, int)]).astype(int)
        self._seg_a, self._seg_b = seg_a, seg_a + 1
        self._seg_owner = np.repeat(np.arange(len(counts)), np.maximum(counts - 1, 0))
        self._root_radii = np.array([self.roots[k].radius for k in self._root_keys])

    def _build_roots(self, roots: Mapping[Root, Mesh], ganglia: Mapping[Root, Mesh]) -> None:
        """Every dorsal root in one actor, every ganglion in another (see the module notes)."""
        self._root_keys: list[Root] = sorted(
            roots, key=lambda k: (self.atlas.index(k[0]) if self.atlas.has_level(k[0]) else 99,
                                  k[1]))
        self.roots: dict[Root, _RootParts] = {}
        pieces: list[Mesh] = []
        owners: list[int] = []
        is_gap: list[np.ndarray] = []
        start = 0
        for i, key in enumerate(self._root_keys):
            body_mesh, gap_mesh, parts = self._split_root(key, roots[key], start)
            self.roots[key] = parts
            pieces += [body_mesh, gap_mesh]
            owners += [i, i]
            is_gap += [np.zeros(len(body_mesh.points), bool), np.ones(len(gap_mesh.points), bool)]
            start = parts.gap.stop
        merged = merge_parts(pieces, owners)
        self._roots_base = merged.mesh.points
        self._roots_normals = merged.mesh.normals
        self._roots_point_owner = merged.point_owner
        self._roots_cell_owner = merged.cell_owner
        self._roots_is_gap = np.concatenate(is_gap) if is_gap else np.zeros(0, bool)
        self._roots_pd = polydata(merged.mesh)
        self._roots_points = points_view(self._roots_pd)
        self._roots_codes = point_codes(self._roots_pd)
        # a cut root's gap collapses onto its middle: zero-area triangles draw nothing
        self._gap_centre = np.array([
            self._roots_base[p.gap].mean(axis=0) if p.gap.stop > p.gap.start else p.anchor
            for p in self.roots.values()
        ]).reshape(-1, 3)
        ren = self.plotter.renderer
        self._root_lut = categorical_lut(getattr(self.palette, f) for f in ROOT_COLOURS)
        self.roots_actor = surface_actor(ren, self._roots_pd, specular=0.4, pickable=True)
        map_status_colours(self.roots_actor, self._root_lut)

        # a ganglion without a root still shows, and picks as no root (owner -1)
        index = {key: i for i, key in enumerate(self._root_keys)}
        gkeys = sorted(ganglia, key=lambda k: index.get(k, len(index)))
        gmerged = merge_parts([ganglia[k] for k in gkeys],
                              [index.get(k, -1) for k in gkeys])
        self._ganglia_point_owner = gmerged.point_owner
        self._ganglia_cell_owner = gmerged.cell_owner
        self._ganglia_pd = polydata(gmerged.mesh)
        self._ganglia_codes = point_codes(self._ganglia_pd)
        self.ganglia_actor = surface_actor(ren, self._ganglia_pd, specular=0.3, pickable=True)
        map_status_colours(self.ganglia_actor, self._root_lut)
        self._build_flags()
        self.spine_actors += [self.roots_actor, self.ganglia_actor, *self._flag_actors.values()]
        self._root_code: np.ndarray | None = None  # as drawn now, to skip what is unchanged
        self._shaped: tuple[np.ndarray, float] | None = None  # (fractions, inflate) drawn
        self._flags_placed: tuple[str, str] | None = None
        self._flag_ids = {kind: np.zeros(0, np.intp) for kind in self._flag_actors}

    def _split_root(self, key: Root, root: Mesh, start: int) -> tuple[Mesh, Mesh, _RootParts]:
        """A root's mesh as (body, gap) and where its points will lie from ``start`` on."""
        points = root.points.astype(np.float64)
        far_end = self._ganglion_centres.get(key)
        if far_end is None:  # the lateral end: the point farthest from the midline
            far_end = points[np.argmax(np.abs(points[:, 0] - self._spine_centre[0]))]
        d = np.linalg.norm(points - far_end, axis=1)
        d_lo, d_hi = float(d.min()), float(d.max())
        span = max(d_hi - d_lo, 1e-6)
        # samples along the root, from bands of equal distance to the ganglion
        bins = np.minimum(((d - d_lo) / span * 12).astype(int), 11)
        samples = [points[bins == b].mean(axis=0) for b in range(12) if (bins == b).any()]
        radius = tube_radius(points, root.normals)
        # the segment that disappears when the root is cut: a third of the way from the
        # ganglion, so that a close-up of the level shows the gap even in the cauda equina
        mid = d_lo + 0.35 * span
        width = float(np.clip(0.16 * span, 3.0 * radius, 24.0))
        face_d = d[root.faces].mean(axis=1)
        gap_mask = np.abs(face_d - mid) < width / 2.0
        if gap_mask.all() or not gap_mask.any():
            gap_mask = np.zeros(len(face_d), dtype=bool)
        body_mesh = submesh(root, ~gap_mask)
        gap_mesh = submesh(root, gap_mask)
        # an anchor for clicking: on the stretch between the ganglion and the gap, where
        # the root stands apart from its neighbours on screen, whether cut or not; the
        # cut flag sits there too, level with the root's own foramen and its label (a
        # cauda equina root's cut lies several vertebrae higher)
        target_d = d_lo + 0.12 * span
        anchor = points[int(np.argmin(np.abs(d - target_d)))]
        split = start + len(body_mesh.points)
        parts = _RootParts(
            level=key[0],
            side=key[1],
            body=slice(start, split),
            gap=slice(split, split + len(gap_mesh.points)),
            radius=radius,
            samples=np.array(samples),
            anchor=anchor,
        )
        return body_mesh, gap_mesh, parts

    def _build_flags(self) -> None:
        """Screen-sized dots at the cut roots: at whole-body scale a 2 mm root is two
        pixels wide, but a dot of the cut colour shows from the back of a hall where
        (and whether) each root was cut. One point per root, shared by two clouds (full
        cuts drawn larger than partial ones); a cloud draws only its roots' points."""
        pd = vtkPolyData()
        pts = vtkPoints()
        pts.SetNumberOfPoints(len(self._root_keys))
        pd.SetPoints(pts)
        self._flag_points = points_view(pd)
        self._root_anchors = np.array([self.roots[k].anchor for k in self._root_keys]
                                      ).reshape(-1, 3)
        self._flag_points[:] = self._root_anchors
        self._flag_codes = point_codes(pd)
        self._flagged = np.zeros(len(self._root_keys), dtype=bool)
        self._flag_actors: dict[str, vtkActor] = {}
        for kind in ("cut", "partial"):
            cloud = vtkPolyData()
            cloud.SetPoints(pts)
            cloud.GetPointData().SetScalars(pd.GetPointData().GetScalars())
            cloud.SetVerts(vertex_cells(np.zeros(0, np.int64)))
            actor = surface_actor(self.plotter.renderer, cloud, specular=0.3)
            map_status_colours(actor, self._root_lut)
            prop = actor.GetProperty()
            prop.SetRepresentationToPoints()
            prop.SetRenderPointsAsSpheres(True)
            actor.SetVisibility(False)
            self._flag_actors[kind] = actor
        self._flag_pd = pd
        self._set_flag_sizes()

    def _build_labels(self) -> None:
        """Level names beside the left ganglia, so a student can find "L5" unaided."""
        levels: list[str] = []
        ends: list[np.ndarray] = []
        for level, side in self._root_keys:
            if side == "left" and level not in levels:
                levels.append(level)
                ends.append(self.roots[(level, side)].samples[0])  # the ganglion end
        self._label_anchor = np.array(ends).reshape(-1, 3) + np.array([-20.0, 0.0, 0.0])
        self.labels = LevelLabels(self.plotter.renderer, levels)
        self._labels_all = False
        starts = {r.prefix + "1" for r in self.atlas.regions}
        self._label_starts = np.array([level in starts for level in levels], dtype=bool)
        # each root's label (its level's), -1 for none: a cut on either side names it
        index = {level: i for i, level in enumerate(levels)}
        self._label_of_root = np.array([index.get(level, -1) for level, _ in self._root_keys],
                                       dtype=np.intp)

    def _place_labels(self) -> None:
        """Labels stand beside the left ganglia, their text running away from the spine,
        so neither a cut's dot nor the sacrum covers the first letter."""
        labels = getattr(self, "labels", None)
        if labels is None:
            return
        geometry = _VIEW_GEOMETRY.get(self._view)
        outward = self._spine_m[:3, :3] @ np.array([-1.0, 0.0, 0.0])  # the left, as drawn
        across = float(outward @ np.asarray(geometry[1])) if geometry else 0.0
        labels.set_anchors(self.to_scene(self._label_anchor))
        tp = labels.text
        if across > 0.5:
            tp.SetJustificationToLeft()
        elif across < -0.5:
            tp.SetJustificationToRight()
        else:
            tp.SetJustificationToCentered()

    def _pin_labels(self) -> None:
        """Before each frame: the level names to where their anchors are on screen."""
        self.labels.place(self._display_points, window_dpi(self.plotter.renderer))

    def _show_labels(self, all_levels: bool | None = None) -> None:
        """Every level in the spine views; in body views where each region starts and
        the levels that are cut, so the dots at the cuts are named."""
        if all_levels is not None:
            self._labels_all = all_levels
        fraction = np.array([self.roots[k].fraction for k in self._root_keys])
        cut_level = np.zeros(len(self._label_starts), dtype=bool)
        cut_level[self._label_of_root[(fraction > 0.0) & (self._label_of_root >= 0)]] = True
        self.labels.show(self._labels_all | self._label_starts | cut_level)

    def _build_overlays(self, caption: str | None, show_legend: bool) -> None:
        self.legend = Legend(self.plotter.renderer)
        self.legend.set_visible(show_legend)

        self.caption_actor = vtkTextActor()
        self.caption_actor.SetInput(caption or "")
        ctp = self.caption_actor.GetTextProperty()
        ctp.SetFontFamilyToArial()
        ctp.BoldOn()
        ctp.SetJustificationToLeft()
        ctp.SetVerticalJustificationToTop()
        ccoord = self.caption_actor.GetPositionCoordinate()
        ccoord.SetCoordinateSystemToNormalizedViewport()
        ccoord.SetValue(0.02, 0.975)
        self.caption_actor.SetPickable(False)
        self.plotter.add_actor(self.caption_actor, reset_camera=False, name="caption",
                               pickable=False, render=False)

        self.note_actor = vtkTextActor()
        ntp = self.note_actor.GetTextProperty()
        ntp.SetFontFamilyToArial()
        ntp.SetJustificationToLeft()
        ntp.SetVerticalJustificationToBottom()
        ncoord = self.note_actor.GetPositionCoordinate()
        ncoord.SetCoordinateSystemToNormalizedViewport()
        ncoord.SetValue(0.02, 0.02)
        self.note_actor.SetPickable(False)
        self.plotter.add_actor(self.note_actor, reset_camera=False, name="note",
                               pickable=False, render=False)

    # ----------------------------------------------------------- recolouring
    def update(self, state: State, *, render: bool = True) -> None:
        """Show ``state``: recolour skin and markers, restyle the cut roots. No rebuilds.

        Skin and markers take the core's rule on their precomputed label combinations
        (well under a millisecond); the whole outcome is not needed to draw a cut.
        """
        masks = RootMasks.from_cuts(state.cuts, self.atlas)
        supply = model_supply(state.model, self._combo_primary, self._combo_supply)
        combo = patch_status(self._combo_primary, supply, self._combo_side, masks)
        # an array VTK is told about is uploaded again before the next frame: only
        # what changed is marked (measured with ``rhizoviz bench``)
        combo = combo.astype(np.float32)
        if not np.array_equal(combo, self._body_combo):
            self._body_combo = combo
            np.take(combo, self._combo_index, out=self.body_status)
            self._body_vtk_array.Modified()

        if self.marker_actor is not None:
            supply = model_supply(state.model, self._marker_primary, self._marker_supply)
            status = patch_status(self._marker_primary, supply, self._marker_side, masks)
            if not np.array_equal(status, self.marker_status[self._marker_known]):
                self.marker_status[self._marker_known] = status
                self._marker_vtk_array.Modified()

        for key, parts in self.roots.items():
            parts.fraction = float(state.cuts.get(key, 0.0))
        self._restyle_roots()
        self._show_labels()
        self._state, self._model = state, state.model
        if render:
            self.render()

    def _restyle_roots(self) -> None:
        """Draw every root as its state says: colour codes, thickness, gaps, flags.

        All roots at once in a few numpy operations, and each of these is rewritten only
        when it changed, so VTK re-uploads only the buffers that did.
        """
        parts = self.roots.values()
        fraction = np.array([p.fraction for p in parts])
        highlighted = np.array([p.highlighted for p in parts], dtype=bool)
        code = np.select([highlighted, fraction >= 1.0, fraction > 0.0],
                         [HIGHLIGHT, CUT, PARTIAL], INTACT).astype(np.float32)
        if not np.array_equal(code, self._root_code):
            self._root_code = code
            self._show_codes(code, highlighted)
        self._shape_roots(fraction, self._root_inflate())
        self._show_flags(fraction)

    def _show_codes(self, code: np.ndarray, highlighted: np.ndarray) -> None:
        np.take(code, self._roots_point_owner, out=self._roots_codes)
        codes_modified(self._roots_pd)
        # owner -1 (a ganglion without a root) reads the appended False
        ganglia = np.where(
            np.append(highlighted, False)[self._ganglia_point_owner], HIGHLIGHT, GANGLION)
        if not np.array_equal(ganglia, self._ganglia_codes):  # a highlight, not a cut
            self._ganglia_codes[:] = ganglia
            codes_modified(self._ganglia_pd)
        self._flag_codes[:] = code
        codes_modified(self._flag_pd)

    def _shape_roots(self, fraction: np.ndarray, inflate: float) -> None:
        """Thicker for the projector; a partly cut root's middle thinned in proportion, a
        cut one's collapsed. A cut moves only its own root's gap: only those points are
        recomputed (a thickness change recomputes all)."""
        if self._shaped is not None and self._shaped[1] == inflate:
            changed = np.flatnonzero(fraction != self._shaped[0])
            if not len(changed):
                return
            parts = list(self.roots.values())
            where: slice | np.ndarray = np.concatenate(
                [np.arange(parts[i].gap.start, parts[i].gap.stop) for i in changed])
        else:
            where = slice(None)
        self._shaped = (fraction, inflate)
        owner = self._roots_point_owner[where]
        gap = self._roots_is_gap[where]
        partial = (fraction > 0.0) & (fraction < 1.0)
        thin = np.where(partial, -0.55 * (self._root_radii + inflate) * fraction, 0.0)
        offset = inflate + thin[owner] * gap
        points = self._roots_base[where] + offset[:, None] * self._roots_normals[where]
        collapsed = gap & (fraction[owner] >= 1.0)
        points[collapsed] = self._gap_centre[owner[collapsed]]
        self._roots_points[where] = points
        self._roots_pd.GetPoints().Modified()

    def _show_flags(self, fraction: np.ndarray) -> None:
        """Flags at the cut roots in whole-body views, in front of the bones and ventral
        roots as seen from this view; in the spine views the gap itself is big enough."""
        overview = self._view in ("anterior", "posterior", "left", "right")
        self._flagged = (fraction > 0.0) & overview
        where = (self._view, self._placement)
        if overview and where != self._flags_placed:
            self._flags_placed = where
            toward = self._spine_m[:3, :3].T @ np.asarray(_VIEW_GEOMETRY[self._view][0])
            toward /= max(float(np.linalg.norm(toward)), 1e-9)
            self._flag_points[:] = self._root_anchors + 35.0 * toward
            self._flag_pd.GetPoints().Modified()
        for kind, mask in (("cut", fraction >= 1.0), ("partial", fraction < 1.0)):
            ids = np.flatnonzero(self._flagged & mask)
            if np.array_equal(ids, self._flag_ids[kind]):
                continue
            self._flag_ids[kind] = ids
            actor = self._flag_actors[kind]
            actor.GetMapper().GetInput().SetVerts(vertex_cells(ids))
            actor.SetVisibility(len(ids) > 0)

    def _set_flag_sizes(self) -> None:
        self._flag_actors["cut"].GetProperty().SetPointSize(FLAG_PX * self._pixel_scale)
        self._flag_actors["partial"].GetProperty().SetPointSize(
            0.75 * FLAG_PX * self._pixel_scale)

    def _root_inflate(self) -> float:
        """Millimetres added to every root's radius (in the spine's own frame).

        Real roots are ~2 mm thick: in a whole-body view they would be two pixels wide,
        too thin to see a cut from a lecture seat. Overviews draw them thicker, the
        spine view a little, a close-up true to size; presentation mode adds more.
        """
        if self._view.startswith("level:"):
            base = 0.0
        elif self._view == "spine":
            base = 0.4
        else:
            base = 1.0
        return base + (0.6 if self._presentation else 0.0)

    def highlight_roots(self, roots: Iterable[Root], *, render: bool = True) -> None:
        """Draw these roots (and ganglia) in the highlight colour; an empty list clears it."""
        wanted = {tuple(r) for r in roots}
        for key, parts in self.roots.items():
            parts.highlighted = key in wanted
        self._restyle_roots()
        self._highlight = {k for k in wanted if k in self.roots}
        if render:
            self.render()

    @property
    def highlighted_roots(self) -> tuple[Root, ...]:
        return tuple(k for k in self._root_keys if k in self._highlight)

    def set_palette(self, palette: str | Palette, *, render: bool = True) -> None:
        """Switch every colour at once: four lookup tables, a few properties, no meshes."""
        p = get_palette(palette)
        self.palette = p
        fill_lut(self._body_lut, p.status_colours)
        if self.marker_actor is not None:
            fill_lut(self._marker_lut, p.marker_colours)
        for group, field in (("bone", "bone"), ("disc", "disc"), ("cord", "cord"),
                             ("ventral", "ventral_root"), ("other", "bone")):
            actor = self._group_actors.get(group)
            if actor is not None:
                actor.GetProperty().SetColor(hex_to_rgb(getattr(p, field)))
        fill_lut(self._root_lut, (getattr(p, f) for f in ROOT_COLOURS))
        self.legend.set_palette(p)
        self.labels.text.SetColor(hex_to_rgb(p.text))
        self.caption_actor.GetTextProperty().SetColor(hex_to_rgb(p.text))
        self.note_actor.GetTextProperty().SetColor(hex_to_rgb(p.text))
        self.note_actor.GetTextProperty().SetOpacity(0.75)
        # a solid background: a gradient costs ~100 ms a frame on software OpenGL
        ren = self.plotter.renderer
        ren.GradientBackgroundOff()
        ren.SetBackground(hex_to_rgb(p.background))
        if render:
            self.render()

    def set_vertebrae(self, mode: str, *, render: bool = True) -> None:
        """Bones (and discs) opaque, see-through to show the roots, or hidden."""
        if mode not in VERTEBRAE_MODES:
            raise SceneError(f"unknown vertebrae mode {mode!r}: choose from "
                             f"{', '.join(VERTEBRAE_MODES)}")
        self._vertebrae_mode = mode
        for group in ("bone", "disc", "other"):
            actor = self._group_actors.get(group)
            if actor is None:
                continue
            actor.SetVisibility(mode != "hidden")
            opacity = TRANSLUCENT_OPACITY if mode == "translucent" else 1.0
            if group == "disc" and mode == "translucent":
                opacity = 0.35
            actor.GetProperty().SetOpacity(opacity)
        if render:
            self.render()

    @property
    def vertebrae_mode(self) -> str:
        return self._vertebrae_mode

    def set_presentation(self, on: bool, *, render: bool = True) -> None:
        """Thicker roots and larger markers and text for the back of a lecture hall."""
        self._presentation = bool(on)
        self._restyle_roots()
        if self._ventral_base is not None:
            inflate = 0.8 if on else 0.0
            set_points(self._ventral_pd, self._ventral_base + inflate * self._ventral_normals)
        self._apply_pixel_scale(force=True)
        if render:
            self.render()

    @property
    def presentation(self) -> bool:
        return self._presentation

    def set_caption(self, text: str | None, *, render: bool = True) -> None:
        """The line across the top: the scenario's name, for slides and presentation mode."""
        self.caption_actor.SetInput(text or "")
        self._layout_legend(force=False)
        if render:
            self.render()

    def set_legend_visible(self, visible: bool, *, render: bool = True) -> None:
        """Hide the legend (e.g. for a clean figure); it is on by default."""
        self.legend.set_visible(visible)
        if render:
            self.render()

    # ------------------------------------------------------------ sizing
    def set_pixel_scale(self, scale: float | None) -> None:
        """Fix text and marker sizes (1.0 = sized for 1080 lines); None follows the window."""
        self._fixed_pixel_scale = scale
        self._apply_pixel_scale(force=True)

    def _apply_pixel_scale(self, force: bool = False) -> None:
        if self._fixed_pixel_scale is not None:
            scale = self._fixed_pixel_scale
        else:
            height = self._display_size()[1] or REFERENCE_HEIGHT_PX
            scale = max(height / REFERENCE_HEIGHT_PX, 0.5)
        if self._presentation:
            scale *= 1.5
        if not force and abs(scale - self._pixel_scale) < 1e-3:
            self._layout_legend(force=False)  # follows a resize at the same scale
            return
        self._pixel_scale = scale
        if self.marker_actor is not None:
            self.marker_actor.GetProperty().SetPointSize(BASE_MARKER_PX * scale)
        self._set_flag_sizes()
        self.caption_actor.GetTextProperty().SetFontSize(max(int(round(30 * scale)), 8))
        self.note_actor.GetTextProperty().SetFontSize(max(int(round(17 * scale)), 7))
        self.labels.text.SetFontSize(max(int(round(15 * scale)), 7))
        self._layout_legend(force=True)

    def _layout_legend(self, force: bool) -> None:
        caption_w = 0.0
        if self.caption_actor.GetInput():
            bbox = [0.0, 0.0, 0.0, 0.0]
            self.caption_actor.GetBoundingBox(self.plotter.renderer, bbox)
            # the box is relative to the text's anchor, at 2 % of the width
            caption_w = bbox[1] + 0.02 * self._display_size()[0]
        self.legend.layout(self._pixel_scale, force=force, avoid_width=caption_w)

    # ------------------------------------------------------------- camera
    def _spine_matrix(self, placement: str) -> np.ndarray:
        """Spine frame -> scene: enlarge about its centre and stand it beside the body.

        ``prone`` lays it down instead, head to the viewer's left, back to the camera:
        the surgeon's view of a patient lying prone, and the way a long, thin spine
        fills a wide screen (twice the size it gets standing up).
        """
        k = self.spine_scale
        body_centre = (self._body_lo + self._body_hi) / 2.0
        m = np.eye(4)
        if placement == "prone":
            # +Z (head) -> -X (screen left from behind); +X (patient's right) -> +Z (up)
            rot = np.array([[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
            m[:3, :3] = k * rot
            m[:3, 3] = body_centre - k * rot @ self._spine_centre
            return m
        _direction, right = _VIEW_GEOMETRY[placement]
        right = np.asarray(right)
        body_half = float(np.abs((self._body_hi - self._body_lo) / 2.0) @ np.abs(right))
        spine_half = float(k * np.abs(self._spine_extent / 2.0) @ np.abs(right))
        gap = 0.12 * (self._body_hi[2] - self._body_lo[2])
        target = body_centre + right * (body_half + gap + spine_half)
        m[:3, :3] *= k
        m[:3, 3] = target - k * self._spine_centre
        return m

    def _place_spine(self, placement: str) -> None:
        self._placement = placement
        self._spine_m = self._spine_matrix(placement)
        vm = matrix(self._spine_m)
        for actor in self.spine_actors:
            actor.SetUserMatrix(vm)
        prone = placement == "prone"
        # lying down, the spine is shown alone: an upright body beside it would confuse
        self.body_actor.SetVisibility(not prone)
        if self.marker_actor is not None:
            self.marker_actor.SetVisibility(not prone)
        if prone:
            note = (f"Spine from behind, as the surgeon sees it: patient prone, head left, "
                    f"right side up "
                    f"(enlarged \u00d7{self.spine_scale:.1f})")
        else:
            note = f"Spine enlarged \u00d7{self.spine_scale:.1f} beside the body"
        self.note_actor.SetInput(note)
        self._place_labels()

    def to_scene(self, spine_point: np.ndarray) -> np.ndarray:
        """A point of the spine's own frame where it is drawn now."""
        p = np.asarray(spine_point, dtype=np.float64)
        return p @ self._spine_m[:3, :3].T + self._spine_m[:3, 3]

    def set_view(self, name: str, *, render: bool = True) -> None:
        """Preset views: anterior, posterior, left, right, or the spine from behind."""
        if name not in VIEWS:
            raise SceneError(f"unknown view {name!r}: choose from {', '.join(VIEWS)}")
        self._view = name
        self._place_spine("prone" if name == "spine" else name)
        direction, _right = _VIEW_GEOMETRY["posterior" if name == "spine" else name]
        self._show_labels(all_levels=name == "spine")
        self._restyle_roots()
        if name == "spine":
            bounds = self._spine_bounds()
            self._frame(bounds, direction, zoom=1.0)
        else:
            lo = np.minimum(self._body_lo, self._spine_bounds()[::2])
            hi = np.maximum(self._body_hi, self._spine_bounds()[1::2])
            self._frame(np.ravel(np.column_stack([lo, hi])), direction, zoom=1.04)
        if render:
            self.render()

    @property
    def view(self) -> str:
        return self._view

    @property
    def framed_mtime(self) -> int:
        """The camera's modification time when the scene last framed a view: if the camera
        has changed since, the user moved it."""
        return self._framed_mtime

    def reset_view(self, *, render: bool = True) -> None:
        self.set_view("anterior", render=render)

    def focus_level(self, level: str, *, render: bool = True) -> None:
        """A close-up, from behind, of one level's roots in the enlarged spine."""
        keys = [k for k in self.roots if k[0] == level]
        if not keys:
            raise SceneError(f"no dorsal roots for level {level!r}")
        self._view = f"level:{level}"
        self._place_spine("posterior")
        self._show_labels(all_levels=True)
        self._restyle_roots()
        # centre on the ganglia (the foramina): a cauda equina root's middle lies
        # several vertebrae above its own level
        centre = self.to_scene(np.array([self.roots[k].samples[0] for k in keys])).mean(axis=0)
        half = 0.5 * self.spine_scale * 110.0  # about three levels of the adult spine
        bounds = np.ravel(np.column_stack([centre - half, centre + half]))
        self._frame(bounds, np.array([0.0, -1.0, 0.25]), zoom=1.0)
        if render:
            self.render()

    def _spine_bounds(self) -> np.ndarray:
        lo = self._spine_centre - self._spine_extent / 2.0
        hi = self._spine_centre + self._spine_extent / 2.0
        corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                            for z in (lo[2], hi[2])])
        c = self.to_scene(corners)
        return np.ravel(np.column_stack([c.min(axis=0), c.max(axis=0)]))

    def _refit_if_resized(self) -> None:
        """Re-frame a preset view when the window changed size (shown, maximised, full
        screen) and the user has not moved the camera since: the fit depends on the
        window's shape and the legend's size."""
        request = self._frame_request
        if request is None or self._display_size() == self._framed_size:
            return
        if self.plotter.camera.GetMTime() != self._framed_mtime:
            self._frame_request = None  # the user took the camera: leave it alone
            return
        self._frame(*request)

    def _frame(self, bounds: np.ndarray, direction: Iterable[float], zoom: float) -> None:
        """Aim the camera along ``direction`` and fit ``bounds`` into the free part of the
        window: below the caption, above the note, left of the legend."""
        self._frame_request = (bounds, direction, zoom)
        direction = np.asarray(direction, dtype=np.float64)
        direction = direction / np.linalg.norm(direction)
        bounds = np.asarray(bounds, dtype=np.float64)
        centre = (bounds[::2] + bounds[1::2]) / 2.0
        cam = self.plotter.camera
        cam.SetWindowCenter(0.0, 0.0)
        cam.SetFocalPoint(*centre)
        cam.SetPosition(*(centre + direction * 1000.0))
        cam.SetViewUp(0.0, 0.0, 1.0)
        cam.SetViewAngle(24.0)
        self.plotter.renderer.ResetCamera(*[float(b) for b in bounds])
        w, h = self._display_size()
        if w > 0 and h > 0:
            self._apply_pixel_scale(force=True)  # lays the legend out for this size
            y_lo = -1.0 + 2.0 * 48.0 * self._pixel_scale / h
            y_hi = 1.0 - 2.0 * 64.0 * self._pixel_scale / h
            regions = [(-0.96, 0.96, y_lo, y_hi)]
            if self.legend.visible:
                lx, ly, lw, lh = self.legend.rect
                # beside the legend (tall content) or below it (wide content)
                regions = [
                    (-0.96, 1.0 - 2.0 * (w - lx + 16.0 * self._pixel_scale) / w, y_lo, y_hi),
                    (-0.96, 0.96, y_lo, 1.0 - 2.0 * (ly + lh + 16.0 * self._pixel_scale) / h),
                ]
            corners = np.array([[x, y, z] for x in bounds[0:2] for y in bounds[2:4]
                                for z in bounds[4:6]])
            ndc = self._ndc(corners, w, h)
            ex = max(float(np.ptp(ndc[:, 0])), 1e-6)
            ey = max(float(np.ptp(ndc[:, 1])), 1e-6)
            x_lo, x_hi, y_lo, y_hi = max(
                regions, key=lambda r: min((r[1] - r[0]) / ex, (r[3] - r[2]) / ey)
            )
            for _pass in range(2):  # perspective: a second pass corrects the first
                ndc = self._ndc(corners, w, h)
                ex = max(float(np.ptp(ndc[:, 0])), 1e-6)
                ey = max(float(np.ptp(ndc[:, 1])), 1e-6)
                cam.Zoom(min((x_hi - x_lo) / ex, (y_hi - y_lo) / ey))
            cam.Zoom(zoom)
            ndc = self._ndc(corners, w, h)
            mid = (ndc.min(axis=0) + ndc.max(axis=0)) / 2.0
            wc = np.array(cam.GetWindowCenter())
            target = np.array([(x_lo + x_hi) / 2.0, (y_lo + y_hi) / 2.0])
            cam.SetWindowCenter(*(wc + (mid - target)))
        else:
            cam.Zoom(zoom)
        self.plotter.renderer.ResetCameraClippingRange()
        if hasattr(self.plotter, "camera_set"):
            self.plotter.camera_set = True  # pyvista's show() must not reset our framing
        self._framed_size = (w, h)
        self._framed_mtime = cam.GetMTime()

    def _ndc(self, points: np.ndarray, w: int, h: int) -> np.ndarray:
        cam = self.plotter.camera
        vm = cam.GetCompositeProjectionTransformMatrix(w / h, -1.0, 1.0)
        m = np.array([[vm.GetElement(i, j) for j in range(4)] for i in range(4)])
        hom = np.hstack([points, np.ones((len(points), 1))]) @ m.T
        return hom[:, :2] / hom[:, 3:4]

    # ------------------------------------------------------------- picking
    def root_for_cell(self, actor: object, cell: int) -> Root | None:
        """The (level, side) owning a picked cell of the roots or ganglia; None otherwise."""
        if actor is None or cell < 0:
            return None
        owners = {address(self.roots_actor): self._roots_cell_owner,
                  address(self.ganglia_actor): self._ganglia_cell_owner}.get(address(actor))
        if owners is None or cell >= len(owners) or owners[cell] < 0:
            return None
        return self._root_keys[int(owners[cell])]

    def vertex_at(self, point: Iterable[float]) -> int:
        """The body vertex nearest a 3D point."""
        return nearest(self._body_points, np.asarray(point, dtype=np.float64))

    def lookup(self, point: Iterable[float]) -> SkinLookup:
        """Reverse look-up: which dermatome is here and which dorsal roots supply it."""
        v = self.vertex_at(point)
        primary = int(self._body_primary[v])
        supply = int(model_supply(self._model, np.int64(primary), np.int64(self._body_supply[v])))
        side = SIDE_NAMES.get(int(self._body_side[v]), "midline")
        levels = bits_to_levels(supply, self.atlas)
        sides = ("left", "right") if side == "midline" else (side,)
        dermatome = "/".join(bits_to_levels(primary, self.atlas))
        return SkinLookup(
            vertex=v,
            dermatome=dermatome,
            side=side,
            roots=tuple((lv, s) for s in sides for lv in levels),
            status=STATUS_NAMES[int(self.body_status[v])],
        )

    def _display_size(self) -> tuple[int, int]:
        """The renderer's size in pixels (known before the first frame, too)."""
        win_w, win_h = self.plotter.render_window.GetSize()
        x0, y0, x1, y1 = self.plotter.renderer.GetViewport()
        return int(round((x1 - x0) * win_w)), int(round((y1 - y0) * win_h))

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points to window pixels, origin top-left (Qt's convention), shape (n, 2)."""
        xy = self._display_points(points)
        xy[:, 1] = self.plotter.render_window.GetSize()[1] - xy[:, 1]
        return xy

    def _display_points(self, points: np.ndarray) -> np.ndarray:
        """World points to window pixels, origin bottom-left (VTK's display), shape (n, 2)."""
        w, h = self._display_size()
        ndc = self._ndc(np.asarray(points, dtype=np.float64).reshape(-1, 3), max(w, 1), max(h, 1))
        vx0, vy0, _vx1, _vy1 = self.plotter.renderer.GetViewport()
        win_w, win_h = self.plotter.render_window.GetSize()
        x = (ndc[:, 0] + 1.0) / 2.0 * w + vx0 * win_w
        y = (ndc[:, 1] + 1.0) / 2.0 * h + vy0 * win_h
        return np.column_stack([x, y])

    def root_display_position(self, level: str, side: str) -> tuple[int, int]:
        """Window pixel (origin top-left) on the root, for tests that click it.

        Of the points along the root, the one drawn farthest from every other root in
        the current view: in the cauda equina the roots cross on screen.
        """
        key = (level, side)
        try:
            parts = self.roots[key]
        except KeyError:
            raise SceneError(f"no dorsal root {side} {level}") from None
        own = self._root_keys.index(key)
        candidates = np.vstack([parts.anchor[None, :], parts.samples])
        best, best_margin = None, -np.inf
        w, h = self.plotter.render_window.GetSize()
        for x, y in self.project(self.to_scene(candidates)):
            if not (0 <= x < w and 0 <= y < h):
                continue
            d = self._root_distances(x, y)
            if d is None:
                break
            others = np.delete(d, own)
            margin = (others.min() if len(others) else np.inf) - d[own]
            if margin > best_margin:
                best, best_margin = (x, y), margin
        if best is None:
            best = tuple(self.project(self.to_scene(parts.anchor)[None, :])[0])
        return int(round(best[0])), int(round(best[1]))

    def root_at(self, x: float, y: float, tolerance_px: float = 10.0) -> Root | None:
        """The dorsal root drawn nearest a window pixel (top-left origin), within tolerance.

        Screen-space and render-free (about half a millisecond): cheap enough for hover
        on software OpenGL, and it finds roots behind see-through bones.
        """
        d = self._root_distances(x, y)
        if d is None:
            return None
        i = int(np.argmin(d))
        return self._root_keys[i] if d[i] < tolerance_px else None

    def _root_distances(self, x: float, y: float) -> np.ndarray | None:
        """Pixels from a window pixel to each root's drawn surface (centre line - radius)."""
        if not len(self._seg_a):
            return None
        scr = self.project(self.to_scene(self._root_samples))
        a, b = scr[self._seg_a], scr[self._seg_b]
        here = np.array([x, y], dtype=np.float64)
        ab = b - a
        t = np.clip(np.einsum("ij,ij->i", here - a, ab)
                    / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12), 0.0, 1.0)
        seg_d = np.linalg.norm(a + t[:, None] * ab - here, axis=1)
        per_root = np.full(len(self._root_keys), np.inf)
        np.minimum.at(per_root, self._seg_owner, seg_d)
        px_per_mm = self._pixels_per_mm()
        return per_root - (self._root_radii + self._root_inflate()) * self.spine_scale * px_per_mm

    def _pixels_per_mm(self) -> float:
        """Screen pixels per scene millimetre at the focal point (for tolerances)."""
        cam = self.plotter.camera
        a = np.asarray(cam.GetFocalPoint())
        b = a + np.asarray(cam.GetViewUp()) * 10.0
        pa, pb = self.project(np.vstack([a, b]))
        return float(np.linalg.norm(pa - pb)) / 10.0

    def key_point_at(
        self, x: float, y: float, tolerance_px: float | None = None
    ) -> tuple[str, str] | None:
        """The key sensory point marker under a window pixel (top-left origin), if any."""
        if self.marker_actor is None or not len(self._marker_points):
            return None
        tol = tolerance_px if tolerance_px is not None else BASE_MARKER_PX * self._pixel_scale
        scr = self.project(self._marker_points)
        d = np.linalg.norm(scr - np.array([x, y]), axis=1)
        # only markers on skin that faces the camera or is seen edge-on: a marker on a
        # thumb or heel pokes out beside it, one on the far side of the trunk is hidden
        cam_pos = np.asarray(self.plotter.camera.GetPosition())
        to_cam = cam_pos - self._marker_points
        to_cam /= np.linalg.norm(to_cam, axis=1, keepdims=True)
        facing = np.einsum("ij,ij->i", self._marker_normals, to_cam) > -0.7
        hits = np.flatnonzero((d <= tol) & facing)
        if not len(hits):
            return None
        # the nearest to the camera wins: it is drawn over the others
        depth = np.linalg.norm(self._marker_points[hits] - cam_pos, axis=1)
        return self.key_point_keys[int(hits[np.argmin(depth)])]

    def pick(self, x: float, y: float) -> Pick | None:
        """What a click at a window pixel (top-left origin) means: a root, a key point, skin.

        The nearest pickable surface along the ray wins (bones, cord and ventral roots are
        not pickable, so a root behind see-through bone is found); a click that misses
        everything still takes a root within a few pixels, as thin roots are hard to hit.
        A cell picker casts the ray in software: a hardware pick would draw a whole extra
        frame, which on software OpenGL doubles the cost of a click.
        """
        picker = vtkCellPicker()
        picker.SetTolerance(0.0005)
        win_h = self.plotter.render_window.GetSize()[1]
        actor = None
        if picker.Pick(float(x), float(win_h - y), 0.0, self.plotter.renderer):
            actor = picker.GetActor()
        root = self.root_for_cell(actor, picker.GetCellId())
        if root is not None:
            return Pick("root", root=root)
        point = np.asarray(picker.GetPickPosition())
        if actor is not None and self.marker_actor is not None and address(actor) == address(
            self.marker_actor
        ):
            i = int(np.argmin(np.linalg.norm(self._marker_points - point, axis=1)))
            return Pick("key_point", key_point=self.key_point_keys[i])
        if actor is not None and address(actor) == address(self.body_actor):
            kp = self.key_point_at(x, y)
            if kp is not None:
                return Pick("key_point", key_point=kp)
            return Pick("skin", skin=self.lookup(point))
        root = self.root_at(x, y)
        return Pick("root", root=root) if root is not None else None

    # ------------------------------------------------------------ misc
    def render(self) -> None:
        """Draw one frame now.

        An off-screen plotter is rendered directly: pyvista's ``render()`` does nothing
        until ``show()``, and ``screenshot()`` would then save a stale frame. A Qt
        interactor goes through pyvista so its widget repaints.
        """
        window = self.plotter.render_window
        if getattr(self.plotter, "off_screen", False) and window is not None:
            window.Render()
        else:
            self.plotter.render()

    @property
    def state(self) -> State:
        return self._state

    def root_style(self, level: str, side: str) -> dict[str, object]:
        """How a root is drawn now, read back from what VTK draws: for tests and tooltips."""
        parts = self.roots[(level, side)]
        gap = self._roots_points[parts.gap]
        code = int(self._roots_codes[parts.body.start])
        return {
            "fraction": parts.fraction,
            "colour": tuple(self._root_lut.GetTableValue(code)[:3]),
            "gap_visible": bool(np.ptp(gap, axis=0).any()) if len(gap) else None,
            "highlighted": parts.highlighted,
            "flagged": bool(self._flagged[self._root_keys.index((level, side))]),
        }

    def root_points(self, level: str, side: str, part: str) -> tuple[np.ndarray, np.ndarray]:
        """(as drawn now, as built) points of a root's ``"body"`` or ``"gap"``, spine frame.

        The first is a live view of VTK's array: it follows later changes.
        """
        where = getattr(self.roots[(level, side)], part)
        return self._roots_points[where], self._roots_base[where]

    def close(self) -> None:
        """Detach the render observer (the plotter itself belongs to the caller)."""
        if self._observer is not None:
            self.plotter.renderer.RemoveObserver(self._observer)
            self._observer = None


def _root_key(name: str, prefix: str) -> Root:
    level, _, side = name[len(prefix):].rpartition("_")
    return level, side
