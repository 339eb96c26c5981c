"""One kind of cuttable root (with its ganglia and cut flags), drawn as one mesh.

Why a module of its own: a root set holds everything that changes when a root is cut
or highlighted, for one kind of root, and nothing else; the scene keeps one set per
kind named in :data:`rhizoviz.scene.spine.ROOT_KINDS`. Why it is shaped this way:

* Few actors. All roots of a kind are one mesh, their ganglia another, the cut flags
  two point clouds: each actor costs a draw call and its state changes every frame,
  and on software OpenGL some 250 small actors drew about 20 % slower than the same
  triangles in a few. A root's colour is a per-point code through a lookup table.
* Cut in place. Each root is split, once, into its body and a middle segment; a cut
  collapses that segment's points onto its centre (zero-area triangles draw nothing),
  a partial cut thins it. Only the arrays that changed are marked for VTK, and a cut
  moves only its own root's gap.
* Picked by owner. Each point and cell knows its root, so a picked cell names its root;
  samples along each root let a pixel find the nearest root on screen without a render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rhizoviz.core.atlas import Atlas
from rhizoviz.scene.cut_flags import CutFlags
from rhizoviz.scene.ganglia import Ganglia
from rhizoviz.scene.palette import Palette, hex_to_rgb
from rhizoviz.scene.vtkmesh import (
    Mesh,
    address,
    categorical_lut,
    codes_modified,
    fill_lut,
    map_status_colours,
    merge,
    merge_parts,
    point_codes,
    points_view,
    polydata,
    submesh,
    surface_actor,
    tube_radius,
)

Root = tuple[str, str]  # (level, side)
NO_MESH = Mesh(np.zeros((0, 3), np.float32), np.zeros((0, 3), np.int64),
               np.zeros((0, 3), np.float32))
# the roots' lookup table: palette fields in code order, per kind of root. A cut ventral
# root is banded (its cut colour and STRIPE alternate along it), so it differs from a
# cut dorsal root in pattern as well as hue.
ROOT_COLOURS: tuple[str, ...] = ("root_intact", "root_partial", "root_cut", "highlight", "drg",
                                 "root_cut", "ganglion_removed")
VENTRAL_COLOURS: tuple[str, ...] = ("ventral_root", "ventral_partial", "ventral_cut",
                                    "highlight", "drg", "ventral_stripe", "ganglion_removed")
KIND_COLOURS: dict[str, tuple[str, ...]] = {"dorsal": ROOT_COLOURS, "ventral": VENTRAL_COLOURS}
INTACT, PARTIAL, CUT, HIGHLIGHT, GANGLION, STRIPE, REMOVED = range(len(ROOT_COLOURS))
BANDED_KINDS = ("ventral",)
BAND_RADII = 4.0  # a band's length along the root, in root radii (at least two rings)
TUBE_SIDES = 8  # points around a root's tube (rhizoviz.meshgen.tubes): for ring counts
# scene points (spine frame) to window pixels, origin top-left
ToWindow = Callable[[np.ndarray], np.ndarray]
# a window pixel to each root's distance on screen (None without roots)
Distances = Callable[[float, float], "np.ndarray | None"]


@dataclass
class RootParts:
    """One root: where its points lie in the merged root mesh, and its state."""

    level: str
    side: str
    body: slice  # its points in the merged roots mesh: the root minus its middle...
    gap: slice  # ...and the middle segment, collapsed (not drawn) while the root is cut
    radius: float
    samples: np.ndarray  # points along the root (spine frame), for screen-space picking
    anchor: np.ndarray  # on its surface, away from the gap: where clicks aim, flags sit
    far_end: np.ndarray  # the ganglion's centre, or the root's lateral end
    fraction: float = 0.0
    highlighted: bool = False
    # its rootlets' points, after the gap: drawn as the root
    rootlets: slice = field(default_factory=lambda: slice(0, 0))


def split_root(key: Root, root: Mesh, start: int, far_end: np.ndarray | None,
               midline_x: float) -> tuple[Mesh, Mesh, RootParts]:
    """A root's mesh as (body, gap) and where its points will lie from ``start`` on.

    ``far_end``: the ganglion's centre, if the root has one; otherwise the root's point
    farthest from the midline is taken as its lateral end.
    """
    points = root.points.astype(np.float64)
    if far_end is None:
        far_end = points[np.argmax(np.abs(points[:, 0] - midline_x))]
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
    parts = RootParts(
        level=key[0],
        side=key[1],
        body=slice(start, split),
        gap=slice(split, split + len(gap_mesh.points)),
        radius=radius,
        samples=np.array(samples),
        anchor=anchor,
        far_end=np.asarray(far_end, dtype=np.float64),
    )
    return body_mesh, gap_mesh, parts


class RootSet:
    """Every root of one kind: one mesh, its ganglia, its cut flags; restyled in place."""

    def __init__(
        self,
        renderer: Any,
        kind: str,
        meshes: Mapping[Root, Mesh],
        *,
        atlas: Atlas,
        palette: Palette,
        midline_x: float,
        ganglia: Mapping[Root, Mesh] | None = None,
        ganglion_centres: Mapping[Root, np.ndarray] | None = None,
        colours: tuple[str, ...] | None = None,
        rootlets: Mapping[Root, list[Mesh]] | None = None,
    ) -> None:
        self.kind = kind
        self.colours = colours or KIND_COLOURS.get(kind, ROOT_COLOURS)
        self.keys: list[Root] = sorted(
            meshes, key=lambda k: (atlas.index(k[0]) if atlas.has_level(k[0]) else 99, k[1]))
        self.parts: dict[Root, RootParts] = {}
        centres = ganglion_centres or {}
        pieces: list[Mesh] = []
        owners: list[int] = []
        is_gap: list[np.ndarray] = []
        start = 0
        for i, key in enumerate(self.keys):
            body_mesh, gap_mesh, parts = split_root(key, meshes[key], start, centres.get(key),
                                                    midline_x)
            self.parts[key] = parts
            # its rootlets are drawn after its gap, as the root: its colour, picked as it
            fan = merge(list((rootlets or {}).get(key, ()))) or NO_MESH
            pieces += [body_mesh, gap_mesh, fan]
            owners += [i, i, i]
            is_gap += [np.zeros(len(body_mesh.points), bool), np.ones(len(gap_mesh.points), bool),
                       np.zeros(len(fan.points), bool)]
            parts.rootlets = slice(parts.gap.stop, parts.gap.stop + len(fan.points))
            start = parts.rootlets.stop
        merged = merge_parts(pieces, owners)
        self._base = merged.mesh.points
        self._normals = merged.mesh.normals
        self._point_owner = merged.point_owner
        self._cell_owner = merged.cell_owner
        self._is_gap = np.concatenate(is_gap) if is_gap else np.zeros(0, bool)
        self._pd = polydata(merged.mesh)
        self._points = points_view(self._pd)
        self._codes = point_codes(self._pd)
        # a cut root's gap collapses onto its middle: zero-area triangles draw nothing
        self._gap_centre = np.array([
            self._base[p.gap].mean(axis=0) if p.gap.stop > p.gap.start else p.anchor
            for p in self.parts.values()
        ]).reshape(-1, 3)
        self.lut = categorical_lut(getattr(palette, f) for f in self.colours)
        # the bands of a banded kind: every other stretch along a root, a few radii long
        # but at least two rings of the tube (points ranked by distance from its far end)
        self._band = np.zeros(len(self._base), dtype=bool)
        if kind in BANDED_KINDS:
            for key in self.keys:
                p = self.parts[key]
                own = np.arange(p.body.start, p.gap.stop)  # the root, not its rootlets
                d = np.linalg.norm(self._base[own] - p.far_end, axis=1)
                rank = np.empty(len(own))
                rank[np.argsort(d, kind="stable")] = np.arange(len(own)) / max(len(own), 1)
                length = float(np.linalg.norm(np.diff(p.samples, axis=0), axis=1).sum())
                rings = len(own) / TUBE_SIDES
                bands = np.clip(length / (BAND_RADII * max(p.radius, 1e-6)), 4, rings / 2)
                self._band[own] = (rank * bands).astype(int) % 2 == 1
        self.actor = surface_actor(renderer, self._pd, specular=0.4, pickable=True)
        map_status_colours(self.actor, self.lut)
        self.ganglia = (Ganglia(renderer, ganglia, self.keys, self.lut,
                                (GANGLION, HIGHLIGHT, REMOVED))
                        if ganglia else None)
        anchors = np.array([self.parts[k].anchor for k in self.keys]).reshape(-1, 3)
        # a cut ventral root is hidden behind its dorsal root from behind: flagged always
        self.flags = CutFlags(renderer, anchors, self.lut, square=kind in BANDED_KINDS,
                              every_view=kind in BANDED_KINDS)
        self.flags.set_pixel_scale(1.0)
        self._code: np.ndarray | None = None  # as drawn now, to skip what is unchanged
        self._shaped: tuple[np.ndarray, float] | None = None  # (fractions, inflate) drawn

        # for screen-space picking: samples along every root, the segments between
        # consecutive samples of the same root, and whose they are
        self.samples = np.concatenate(
            [self.parts[k].samples for k in self.keys]) if self.parts else np.zeros((0, 3))
        counts = np.array([len(self.parts[k].samples) for k in self.keys], dtype=int)
        ends = np.cumsum(counts)
        starts = ends - counts
        seg_a = np.concatenate([np.arange(a, b - 1) for a, b in zip(starts, ends, strict=True)]
                               or [np.zeros(0, int)]).astype(int)
        self._seg_a, self._seg_b = seg_a, seg_a + 1
        self._seg_owner = np.repeat(np.arange(len(counts)), np.maximum(counts - 1, 0))
        self.radii = np.array([self.parts[k].radius for k in self.keys])
        self._last_nearest: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def actors(self) -> list[Any]:
        """Every actor of the set, in drawing order: roots, ganglia, flags."""
        ganglia = self.ganglia.actors if self.ganglia is not None else []
        return [self.actor, *ganglia, *self.flags.actors.values()]

    # -------------------------------------------------------------- state
    def set_cuts(self, cuts: Mapping[Root, float], removed: Iterable[Root] = ()) -> None:
        """The fraction cut of every root of this kind (absent: intact), and which of
        its ganglia are removed."""
        for key, parts in self.parts.items():
            parts.fraction = float(cuts.get(key, 0.0))
        if self.ganglia is not None:
            self.ganglia.set_removed(set(removed))

    def set_highlight(self, roots: Iterable[Root]) -> None:
        wanted = set(roots)
        for key, parts in self.parts.items():
            parts.highlighted = key in wanted

    @property
    def highlighted(self) -> tuple[Root, ...]:
        return tuple(k for k in self.keys if self.parts[k].highlighted)

    def fractions(self) -> np.ndarray:
        return np.array([p.fraction for p in self.parts.values()])

    def set_palette(self, palette: Palette) -> None:
        """Roots, ganglia and flags share one lookup table: rewriting it recolours all."""
        fill_lut(self.lut, (getattr(palette, f) for f in self.colours))
        if self.ganglia is not None:
            self.ganglia.set_background(hex_to_rgb(palette.background))

    def set_pixel_scale(self, scale: float) -> None:
        self.flags.set_pixel_scale(scale)
        if self.ganglia is not None:
            self.ganglia.set_pixel_scale(scale)

    # -------------------------------------------------------------- drawing
    def restyle(self, inflate: float, overview: bool, pose: object,
                toward: Callable[[], np.ndarray], close_up: bool = False) -> None:
        """Draw every root as its state says: colour codes, thickness, gaps, flags.

        All roots at once in a few numpy operations, and each of these is rewritten only
        when it changed, so VTK re-uploads only the buffers that did. Removed ganglia are
        ringed in every view but a ``close_up`` (where the outline itself is large).
        """
        parts = self.parts.values()
        fraction = np.array([p.fraction for p in parts])
        highlighted = np.array([p.highlighted for p in parts], dtype=bool)
        code = np.select([highlighted, fraction >= 1.0, fraction > 0.0],
                         [HIGHLIGHT, CUT, PARTIAL], INTACT).astype(np.float32)
        if not np.array_equal(code, self._code):
            self._code = code
            np.take(code, self._point_owner, out=self._codes)
            if self.kind in BANDED_KINDS:  # a cut of this kind is banded
                cut = (fraction > 0.0) & ~highlighted
                self._codes[self._band & cut[self._point_owner]] = STRIPE
            codes_modified(self._pd)
            if self.ganglia is not None:  # a highlight, not a cut, changes them
                self.ganglia.follow(highlighted)
            self.flags.set_codes(code)
        self._shape(fraction, inflate)
        self.flags.show(fraction, overview, pose, toward)
        if self.ganglia is not None:
            self.ganglia.show_rings(not close_up)

    def aim(self, camera: np.ndarray, mm_per_px: float) -> None:
        """Before a frame: stand the flags and rings that need it on the camera's rays."""
        self.flags.aim(camera)
        if self.ganglia is not None:
            self.ganglia.rings.aim(camera, mm_per_px)

    def _shape(self, fraction: np.ndarray, inflate: float) -> None:
        """Thicker for the projector; a partly cut root's middle thinned in proportion, a
        cut one's collapsed. A cut moves only its own root's gap: only those points are
        recomputed (a thickness change recomputes all)."""
        if self._shaped is not None and self._shaped[1] == inflate:
            changed = np.flatnonzero(fraction != self._shaped[0])
            if not len(changed):
                return
            parts = list(self.parts.values())
            where: slice | np.ndarray = np.concatenate(
                [np.arange(parts[i].gap.start, parts[i].gap.stop) for i in changed])
        else:
            where = slice(None)
        self._shaped = (fraction, inflate)
        owner = self._point_owner[where]
        gap = self._is_gap[where]
        partial = (fraction > 0.0) & (fraction < 1.0)
        thin = np.where(partial, -0.55 * (self.radii + inflate) * fraction, 0.0)
        offset = inflate + thin[owner] * gap
        points = self._base[where] + offset[:, None] * self._normals[where]
        collapsed = gap & (fraction[owner] >= 1.0)
        points[collapsed] = self._gap_centre[owner[collapsed]]
        self._points[where] = points
        self._pd.GetPoints().Modified()

    # -------------------------------------------------------------- reading back
    def root_for_cell(self, actor: object, cell: int) -> Root | None:
        """The root owning a picked cell of this set's roots or ganglia; None otherwise."""
        if actor is None or cell < 0:
            return None
        found = self.part_for_cell(actor, cell)
        return found[0] if found is not None else None

    def part_for_cell(self, actor: object, cell: int) -> tuple[Root, str] | None:
        """(root, ``"root"`` or ``"ganglion"``) owning a picked cell; None otherwise."""
        if actor is None or cell < 0:
            return None
        if self.ganglia is not None and self.ganglia.owns(actor):
            owner = self.ganglia.root_for_cell(actor, cell)
            return (self.keys[owner], "ganglion") if owner is not None and owner >= 0 else None
        if address(actor) != address(self.actor) or cell >= len(self._cell_owner):
            return None
        owner = int(self._cell_owner[cell])
        return (self.keys[owner], "root") if owner >= 0 else None

    def surface_distances(self, to_window: ToWindow, x: float, y: float, inflate: float,
                          scale: float, px_per_mm: Callable[[], float]) -> np.ndarray | None:
        """Pixels from a window pixel to each root's drawn surface (centre line minus
        radius); ``scale``: scene millimetres per millimetre of the spine's frame,
        ``px_per_mm``: pixels per scene millimetre. None without roots."""
        if not len(self._seg_a):
            return None
        scr = to_window(self.samples)
        a, b = scr[self._seg_a], scr[self._seg_b]
        here = np.array([x, y], dtype=np.float64)
        ab = b - a
        t = np.clip(np.einsum("ij,ij->i", here - a, ab)
                    / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12), 0.0, 1.0)
        seg_d = np.linalg.norm(a + t[:, None] * ab - here, axis=1)
        per_root = np.full(len(self.keys), np.inf)
        np.minimum.at(per_root, self._seg_owner, seg_d)
        self._last_nearest = (seg_d, t)
        return per_root - (self.radii + inflate) * scale * px_per_mm()

    def nearest_depths(self, depth_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """After :meth:`surface_distances`: each root's depth (``depth_of`` a spine-frame
        point: its distance from the camera) where it passes nearest that pixel on screen,
        so that of two roots drawn over the same pixel the front one can be told."""
        out = np.full(len(self.keys), np.inf)
        if self._last_nearest is None or not len(self._seg_a):
            return out
        seg_d, t = self._last_nearest
        order = np.lexsort((seg_d, self._seg_owner))
        first = order[np.r_[True, np.diff(self._seg_owner[order]) != 0]]
        a, b = self.samples[self._seg_a[first]], self.samples[self._seg_b[first]]
        out[self._seg_owner[first]] = depth_of(a + t[first, None] * (b - a))
        return out

    def clearest_point(self, key: Root, to_window: ToWindow, distances: Distances,
                       size: tuple[int, int], own: int | None = None) -> tuple[int, int]:
        """Window pixel (origin top-left) on a root where a click finds it: of the points
        along it, the one drawn farthest from every other root (in the cauda equina the
        roots cross on screen). ``distances`` is :meth:`surface_distances` for a pixel,
        or any array of distances in which this root's is at ``own``."""
        parts = self.parts[key]
        own = self.keys.index(key) if own is None else own
        candidates = np.vstack([parts.anchor[None, :], parts.samples])
        best, best_margin = None, -np.inf
        w, h = size
        for x, y in to_window(candidates):
            if not (0 <= x < w and 0 <= y < h):
                continue
            d = distances(x, y)
            if d is None:
                break
            others = np.delete(d, own)
            margin = (others.min() if len(others) else np.inf) - d[own]
            if margin > best_margin:
                best, best_margin = (x, y), margin
        if best is None:
            best = tuple(to_window(parts.anchor[None, :])[0])
        return int(round(best[0])), int(round(best[1]))

    def style(self, key: Root) -> dict[str, object]:
        """How a root is drawn now, read back from what VTK draws."""
        parts = self.parts[key]
        gap = self._points[parts.gap]
        code = int(self._code[self.keys.index(key)]) if self._code is not None else INTACT
        return {
            "fraction": parts.fraction,
            "colour": tuple(self.lut.GetTableValue(code)[:3]),
            "gap_visible": bool(np.ptp(gap, axis=0).any()) if len(gap) else None,
            "highlighted": parts.highlighted,
            "flagged": bool(self.flags.flagged[self.keys.index(key)]),
            "banded": bool(np.any(self._codes[parts.body] == STRIPE)),
            "band_colour": tuple(self.lut.GetTableValue(STRIPE)[:3]),
        }

    def ganglion_style(self, key: Root) -> dict[str, object]:
        """How a root's ganglion is drawn now: solid or a removed outline, and its colours."""
        if self.ganglia is None or key not in self.ganglia.ganglion_keys:
            raise KeyError(f"no ganglion on {key}")
        g = self.ganglia
        i = g.ganglion_keys.index(key)
        ghost_colour = tuple(self.lut.GetTableValue(REMOVED)[:3])
        return {
            "removed": bool(g.removed[i]),
            "colour": ghost_colour if g.removed[i] else tuple(self.lut.GetTableValue(GANGLION)[:3]),
            "solid_visible": not bool(g.removed[i]),
            "outline_visible": bool(g.removed[i]) and bool(g.ghost_actor.GetVisibility()),
            "ringed": bool(g.rings.shown[i]),
        }

    def points_of(self, key: Root, part: str) -> tuple[np.ndarray, np.ndarray]:
        """(as drawn now, as built) points of a root's ``"body"`` or ``"gap"``, spine frame."""
        where = getattr(self.parts[key], part)
        return self._points[where], self._base[where]
