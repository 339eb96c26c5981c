"""The spine's parts sorted by what they are, its still parts, and where it stands.

Why a module of its own: the spine arrives as a few hundred named meshes, and what the
scene does with each depends only on its name. :data:`PART_GROUPS` and
:data:`ROOT_KINDS` say it as data, so a new kind of part (a rootlet, the dural sac) or
a root kind that becomes cuttable is a new row here. A rootlet goes with its root: drawn
in its mesh (its colour, its picks) when the kind is cuttable, else in the kind's still
group. The still parts (bone, discs, cord, the see-through dural sac: drawn, never cut)
are merged per group into one actor each; bone and discs keep a coarse twin for the
whole-body views, swapped in when the view changes.
:class:`SpineFrame` is the enlarged spine's transform: scaled to a fraction of the
body's height and stood beside the body on the side that faces the camera's right, or
laid prone for the surgeon's view, or left where it lies in the body (``in-situ``);
every spine actor shares its one matrix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from vtkmodules.vtkRenderingCore import vtkActor

from rhizoviz.core.views import IN_SITU
from rhizoviz.scene.camera import VIEW_GEOMETRY
from rhizoviz.scene.palette import Palette, hex_to_rgb
from rhizoviz.scene.vtkmesh import (
    Mesh,
    as_meshes,
    matrix,
    merge,
    polydata,
    surface_actor,
)

Root = tuple[str, str]  # (level, side)

SPINE_SCALE_OF_BODY = 0.78  # the enlarged spine is this fraction of the body's height
TRANSLUCENT_OPACITY = 0.22
VERTEBRAE_MODES: tuple[str, ...] = ("opaque", "translucent", "hidden")

# Name prefixes of the roots the user can cut, by kind; each kind is one RootSet.
ROOT_KINDS: dict[str, str] = {"dorsal": "dorsal_root_", "ventral": "ventral_root_"}
# Name prefixes of the ganglia on a kind of root (checked before the roots' prefixes).
GANGLION_PREFIXES: dict[str, str] = {"dorsal": "dorsal_root_ganglion_"}
# Name prefixes of the rootlets of a kind of root: a rootlet is drawn as part of its
# root (coloured with its state, picked as it) when the kind is cuttable, else with the
# kind's still group.
ROOTLET_PREFIXES: dict[str, str] = {"dorsal": "dorsal_rootlet_", "ventral": "ventral_rootlet_"}
# Still parts by name: (exact names, prefixes) -> group; anything else is "other".
PART_GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ventral", (), ("ventral_rootlet_",)),
    ("dorsal", (), ("dorsal_rootlet_",)),
    ("bone", ("sacrum", "coccyx"), ("vertebra_",)),
    ("disc", (), ("disc_",)),
    ("cord", ("spinal_cord", "filum_terminale"), ("cord",)),
    ("dura", ("dural_sac",), ()),
)
# drawing order; the dura last: it is see-through. "ventral" and "dorsal" hold the
# rootlets of a kind that is not cuttable (none today: each goes with its root)
GROUPS: tuple[str, ...] = ("bone", "disc", "cord", "ventral", "dorsal", "other", "dura")
# palette field of each still group, and which groups the vertebrae mode hides
GROUP_COLOURS = {"bone": "bone", "disc": "disc", "cord": "cord", "ventral": "ventral_root",
                 "dorsal": "root_intact", "other": "bone", "dura": "dura"}
SKELETAL_GROUPS = ("bone", "disc", "other")
# groups with a coarse level of detail for views where the spine is small on screen
DETAIL_GROUPS = ("bone", "disc")
DETAILS: tuple[str, ...] = ("full", "coarse")
DURA_OPACITY = 0.28  # the sac is see-through: the cord and cauda equina show inside it


@dataclass
class SortedSpine:
    """The spine's meshes by role, roots and ganglia by root kind; centres of the ganglia,
    in the spine's frame."""

    groups: dict[str, list[Mesh]] = field(default_factory=lambda: {g: [] for g in GROUPS})
    roots: dict[str, dict[Root, Mesh]] = field(
        default_factory=lambda: {kind: {} for kind in ROOT_KINDS})
    ganglia: dict[str, dict[Root, Mesh]] = field(
        default_factory=lambda: {kind: {} for kind in GANGLION_PREFIXES})
    ganglion_centres: dict[Root, np.ndarray] = field(default_factory=dict)
    # the rootlets of each cuttable root, by kind, in name order (cranial first)
    rootlets: dict[str, dict[Root, list[Mesh]]] = field(
        default_factory=lambda: {kind: {} for kind in ROOT_KINDS})


def part_key(name: str, prefix: str) -> Root:
    """``dorsal_root_L5_left`` with its prefix -> ("L5", "left")."""
    level, _, side = name[len(prefix):].rpartition("_")
    return level, side


def rootlet_key(name: str, prefix: str) -> tuple[Root, int]:
    """``dorsal_rootlet_L5_left_3`` with its prefix -> (("L5", "left"), 3)."""
    root, _, n = name.rpartition("_")
    return part_key(root, prefix), int(n) if n.isdigit() else 0


def group_of(name: str) -> str:
    """The still group a part that is neither a root nor a ganglion belongs to."""
    for group, names, prefixes in PART_GROUPS:
        if name in names or name.startswith(prefixes):
            return group
    return "other"


def sort_spine(spine: Mapping[str, Any]) -> SortedSpine:
    """Every part of the spine into its role, with smooth normals computed once for all."""
    out = SortedSpine()
    numbered: dict[tuple[str, Root], list[tuple[int, Mesh]]] = {}  # (kind, root) -> rootlets
    for (name, source), mesh in zip(spine.items(), as_meshes(spine.values()), strict=True):
        kind = next((k for k, prefix in GANGLION_PREFIXES.items() if name.startswith(prefix)),
                    None)
        if kind is not None:
            key = part_key(name, GANGLION_PREFIXES[kind])
            out.ganglia[kind][key] = mesh
            out.ganglion_centres[key] = np.asarray(source.vertices, np.float64).mean(axis=0)
            continue
        kind = next((k for k, prefix in ROOTLET_PREFIXES.items()
                     if name.startswith(prefix) and k in ROOT_KINDS), None)
        if kind is not None:
            key, n = rootlet_key(name, ROOTLET_PREFIXES[kind])
            numbered.setdefault((kind, key), []).append((n, mesh))
            continue
        kind = next((k for k, prefix in ROOT_KINDS.items() if name.startswith(prefix)), None)
        if kind is not None:
            out.roots[kind][part_key(name, ROOT_KINDS[kind])] = mesh
        else:
            out.groups[group_of(name)].append(mesh)
    for (kind, key), fan in numbered.items():  # cranial first, as numbered
        out.rootlets[kind][key] = [m for _n, m in sorted(fan, key=lambda nm: nm[0])]
    return out


def coarse_groups(spine: Mapping[str, Any], coarse: Mapping[str, Any]) -> dict[str, list[Mesh]]:
    """The parts of :data:`DETAIL_GROUPS` at coarse detail: ``coarse``'s version of each
    part where it has one (``load_spine(detail="coarse")``), the full one otherwise."""
    names = [n for n in spine if group_of(n) in DETAIL_GROUPS
             and not any(n.startswith(p) for p in ROOT_KINDS.values())]
    meshes = as_meshes(coarse.get(n, spine[n]) for n in names)
    out: dict[str, list[Mesh]] = {g: [] for g in DETAIL_GROUPS}
    for name, mesh in zip(names, meshes, strict=True):
        out[group_of(name)].append(mesh)
    return out


class SpineFrame:
    """The spine's own frame -> scene: enlarged about its centre, placed beside the body."""

    def __init__(self, spine: Mapping[str, Any], body_bounds: Any) -> None:
        all_pts = [np.asarray(m.vertices) for m in spine.values()] or [np.zeros((1, 3))]
        pts = np.concatenate(all_pts)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        self.centre = (lo + hi) / 2.0
        self.extent = hi - lo
        self.body_lo = np.asarray(body_bounds[::2])
        self.body_hi = np.asarray(body_bounds[1::2])
        height = max(float(self.extent[2]), 1.0)
        self.scale = float(SPINE_SCALE_OF_BODY * (self.body_hi[2] - self.body_lo[2]) / height)
        self.m = np.eye(4)
        self.placement = "anterior"

    def matrix_for(self, placement: str) -> np.ndarray:
        """Where the spine stands for a placement (a side view's name, or ``prone``).

        ``in-situ`` leaves it where it lies in the body, true to size. ``prone`` lays it
        down, head to the viewer's left, back to the camera: the surgeon's view of a
        patient lying prone, and the way a long, thin spine fills a
        wide screen (twice the size it gets standing up).
        """
        k = self.scale
        body_centre = (self.body_lo + self.body_hi) / 2.0
        m = np.eye(4)
        if placement == IN_SITU:
            return m  # the meshes share the body's frame: true size, where it lies
        if placement == "prone":
            # +Z (head) -> -X (screen left from behind); +X (patient's right) -> +Z (up)
            rot = np.array([[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
            m[:3, :3] = k * rot
            m[:3, 3] = body_centre - k * rot @ self.centre
            return m
        _direction, right = VIEW_GEOMETRY[placement]
        right_v = np.asarray(right)
        body_half = float(np.abs((self.body_hi - self.body_lo) / 2.0) @ np.abs(right_v))
        spine_half = float(k * np.abs(self.extent / 2.0) @ np.abs(right_v))
        gap = 0.12 * (self.body_hi[2] - self.body_lo[2])
        target = body_centre + right_v * (body_half + gap + spine_half)
        m[:3, :3] *= k
        m[:3, 3] = target - k * self.centre
        return m

    def place(self, placement: str, actors: list[vtkActor]) -> None:
        """Stand the spine for ``placement``: one matrix shared by all its actors."""
        self.placement = placement
        self.m = self.matrix_for(placement)
        vm = matrix(self.m)
        for actor in actors:
            actor.SetUserMatrix(vm)

    def to_scene(self, spine_point: np.ndarray) -> np.ndarray:
        """A point of the spine's own frame where it is drawn now."""
        p = np.asarray(spine_point, dtype=np.float64)
        return p @ self.m[:3, :3].T + self.m[:3, 3]

    @property
    def scale_now(self) -> float:
        """Scene millimetres per millimetre of the spine's frame, as placed now."""
        return float(np.linalg.norm(self.m[:3, 0]))

    def bounds(self) -> np.ndarray:
        """The spine's bounds as drawn now (xmin, xmax, ymin, ...)."""
        lo = self.centre - self.extent / 2.0
        hi = self.centre + self.extent / 2.0
        corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                            for z in (lo[2], hi[2])])
        c = self.to_scene(corners)
        return np.ravel(np.column_stack([c.min(axis=0), c.max(axis=0)]))


class StillParts:
    """Bone, discs, cord, the dural sac and the rest: one actor per group, never cut.
    Bone and discs have two levels of detail, swapped as the view changes."""

    def __init__(self, renderer: Any, groups: Mapping[str, list[Mesh]],
                 coarse: Mapping[str, list[Mesh]] | None = None) -> None:
        self.group_actors: dict[str, vtkActor] = {}
        self.actors: list[vtkActor] = []
        self.vertebrae_mode = "opaque"
        self.dura_visible = True
        # each detail group's polydata by detail; the coarse one is built first (the
        # first view is a whole-body view), the full one the first time it is wanted
        self._detail_pd: dict[str, dict[str, Any]] = {}
        self._full_meshes: dict[str, list[Mesh]] = {}
        self.detail = "full"
        for group, meshes in groups.items():
            lod = coarse.get(group) if coarse is not None and group in DETAIL_GROUPS else None
            first = lod if lod else meshes
            merged = merge(first)
            if merged is None:
                continue
            pd = polydata(merged)
            actor = surface_actor(renderer, pd,
                                  specular=0.2 if group in ("bone", "disc", "dura") else 0.35)
            self.group_actors[group] = actor
            self.actors.append(actor)
            if lod:
                self._detail_pd[group] = {"coarse": pd}
                self._full_meshes[group] = meshes
                self.detail = "coarse"
            if group == "dura":
                actor.GetProperty().SetOpacity(DURA_OPACITY)
                actor.GetProperty().BackfaceCullingOn()  # the near wall only: no muddle

    def set_detail(self, detail: str) -> None:
        """Coarse bones for a whole-body view, full ones for a close-up: the bone and disc
        actors' input swapped (a view change, never a cut)."""
        if detail not in DETAILS:
            raise ValueError(f"unknown detail {detail!r}")
        if detail == self.detail:
            return
        self.detail = detail
        for group, by_detail in self._detail_pd.items():
            if detail not in by_detail:
                merged = merge(self._full_meshes[group])
                by_detail[detail] = polydata(merged) if merged is not None else None
            pd = by_detail[detail]
            if pd is not None:
                self.group_actors[group].GetMapper().SetInputData(pd)

    @property
    def triangles(self) -> dict[str, int]:
        """Triangles each still group draws now (for tests and the bench)."""
        return {g: int(a.GetMapper().GetInput().GetNumberOfCells())
                for g, a in self.group_actors.items()}

    def set_palette(self, palette: Palette) -> None:
        for group, name in GROUP_COLOURS.items():
            actor = self.group_actors.get(group)
            if actor is not None:
                actor.GetProperty().SetColor(hex_to_rgb(getattr(palette, name)))

    def set_vertebrae(self, mode: str) -> None:
        """Bones (and discs) opaque, see-through to show the roots, or hidden."""
        self.vertebrae_mode = mode
        for group in SKELETAL_GROUPS:
            actor = self.group_actors.get(group)
            if actor is None:
                continue
            actor.SetVisibility(mode != "hidden")
            opacity = TRANSLUCENT_OPACITY if mode == "translucent" else 1.0
            if group == "disc" and mode == "translucent":
                opacity = 0.35
            actor.GetProperty().SetOpacity(opacity)

    def set_dura(self, visible: bool) -> None:
        """The dural sac shown (see-through) or hidden, whatever the vertebrae show."""
        self.dura_visible = bool(visible)
        actor = self.group_actors.get("dura")
        if actor is not None:
            actor.SetVisibility(self.dura_visible)

