"""The body's skin: one mesh coloured by a per-vertex status, recoloured in place.

Why a module of its own: the skin is the largest array the scene rewrites (some 40 000
vertices), so it owns the one trick that keeps a cut cheap. A body has only a few
hundred distinct (primary, supply, side) labels; the status rule runs on those and the
answer is gathered into the existing per-vertex array, which VTK is told about only
when it changed. No mesh is rebuilt, no file re-read.

What the skin shows is a :data:`StatusRule`: the core's rule for a patch of skin, given
its labels, the state and the cut roots. The scene's rule is sensation as the dermatome
model says (:func:`sensation_status`); the key-point markers take the same one so they
always agree with the skin.

Two modalities, one rule: pin prick and light touch differ only in the supply sets
(touch's fields overlap further). The mesh stores pin-prick sets; the touch sets are
grown from them once, at build, for each label combination (:func:`modality_supply`),
so switching the modality hands the rule other supply bits: a recolour, not a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pyvista as pv

from rhizoviz.core.atlas import LIGHT_TOUCH, MODALITIES, PIN_PRICK, Atlas
from rhizoviz.core.outcome import (
    LEFT,
    MIDLINE,
    RIGHT,
    STATUS_NAMES,
    RootMasks,
    bits_to_levels,
    model_supply,
    patch_status,
    widen_supply,
)
from rhizoviz.core.session import State
from rhizoviz.scene.errors import SceneError
from rhizoviz.scene.palette import Palette, hex_to_rgb255
from rhizoviz.scene.vtkmesh import (
    address,
    as_mesh,
    categorical_lut,
    fill_lut,
    map_status_colours,
    nearest,
    polydata,
    vtk_array,
)

Root = tuple[str, str]  # (level, side)
SIDE_NAMES = {LEFT: "left", RIGHT: "right", MIDLINE: "midline"}

# (primary level bits, supply level bits, side code, state, cut roots) -> status codes
StatusRule = Callable[[np.ndarray, np.ndarray, np.ndarray, State, RootMasks], np.ndarray]


def sensation_status(primary: np.ndarray, supply: np.ndarray, side: np.ndarray, state: State,
                     masks: RootMasks) -> np.ndarray:
    """Sensation in a patch of skin as the core says, under the state's dermatome model."""
    return patch_status(primary, model_supply(state.model, primary, supply), side, masks)


def check_modality(modality: str) -> str:
    if modality not in MODALITIES:
        raise SceneError(f"unknown modality {modality!r}: choose from {', '.join(MODALITIES)}")
    return modality


def modality_supply(primary: np.ndarray, supply: np.ndarray,
                    atlas: Atlas | None = None) -> dict[str, np.ndarray]:
    """Supply bits per modality for patches whose pin-prick sets are ``supply``."""
    return {PIN_PRICK: supply, LIGHT_TOUCH: widen_supply(primary, supply, LIGHT_TOUCH, atlas)}


class BodyLike(Protocol):
    """What the scene needs of ``mesh_loader.Body`` (and of the test stand-ins)."""

    mesh: Any  # trimesh.Trimesh
    primary_bits: np.ndarray
    supply_bits: np.ndarray
    side_code: np.ndarray
    key_points: Mapping[tuple[str, str], Any]


@dataclass(frozen=True)
class SkinLookup:
    """What the reverse look-up says about one point of skin."""

    vertex: int
    dermatome: str  # e.g. "C6"; "" where no spinal root supplies the skin (the face)
    side: str  # "left", "right" or "midline"
    roots: tuple[Root, ...]  # the dorsal roots supplying it (model and modality shown)
    status: str  # "normal", "impaired" or "absent" for the current cuts
    modality: str = PIN_PRICK


class Skin:
    """The body's surface on a plotter, its status array and the labels behind it."""

    def __init__(self, plotter: pv.Plotter, body: BodyLike, palette: Palette,
                 rule: StatusRule = sensation_status, atlas: Atlas | None = None) -> None:
        self.rule = rule
        self.modality = PIN_PRICK
        pd = pv.wrap(polydata(as_mesh(body.mesh)))
        n = pd.n_points
        primary = np.asarray(body.primary_bits, dtype=np.int64)
        supply = np.asarray(body.supply_bits, dtype=np.int64)
        side = np.asarray(body.side_code, dtype=np.int64)
        if not (len(primary) == len(supply) == len(side) == n):
            raise SceneError("body labels do not match the mesh's vertex count")
        # one uint64 key per vertex (levels < 31 bits each, side 2 bits): a 1-D unique is
        # ~50x faster than np.unique(axis=0)
        if primary.max(initial=0) >= 1 << 31 or supply.max(initial=0) >= 1 << 31:
            raise SceneError("more than 31 levels do not fit the scene's label key")
        u = np.uint64
        key = (primary.astype(u) << u(33)) | (side.astype(u) << u(31)) | supply.astype(u)
        ukey, inverse = np.unique(key, return_inverse=True)
        self._combo_primary = (ukey >> np.uint64(33)).astype(np.int64)
        pin_supply = (ukey & np.uint64((1 << 31) - 1)).astype(np.int64)
        self._combo_supplies = modality_supply(self._combo_primary, pin_supply, atlas)
        self._combo_side = ((ukey >> np.uint64(31)) & np.uint64(3)).astype(np.int8)
        self._combo_index = inverse.reshape(-1).astype(np.intp)
        pd.point_data["status"] = np.zeros(n, dtype=np.float32)
        pd.point_data.active_scalars_name = "status"
        self._lut = categorical_lut(palette.status_colours)
        self._palette = palette
        self.pain_shown = False  # the absent slot shows the palette's pain colour
        self.actor = plotter.add_mesh(
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
        map_status_colours(self.actor, self._lut)
        self.mesh: pv.PolyData = self.actor.mapper.dataset
        self.status: np.ndarray = self.mesh.point_data["status"]
        self._combo: np.ndarray | None = None  # the label statuses drawn now
        self._vtk_array = vtk_array(self.mesh, "status")
        self.points = np.asarray(self.mesh.points, dtype=np.float64)
        self.normals = np.asarray(self.mesh.point_data["Normals"])
        self.primary = primary
        self.supply = supply
        self.side = side

    def update(self, state: State, masks: RootMasks) -> None:
        """Show ``state``: the rule on the label combinations, gathered per vertex.

        An array VTK is told about is uploaded again before the next frame: only a
        status that changed marks it (measured with ``rhizoviz bench``).
        """
        combo = self.rule(self._combo_primary, self._combo_supplies[self.modality],
                          self._combo_side, state, masks).astype(np.float32)
        if not np.array_equal(combo, self._combo):
            self._combo = combo
            np.take(combo, self._combo_index, out=self.status)
            self._vtk_array.Modified()

    def set_modality(self, modality: str) -> None:
        """Show pin prick or light touch from the next :meth:`update` on."""
        self.modality = check_modality(modality)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self._fill()

    def show_pain(self, on: bool) -> None:
        """Draw the absent status in the palette's pain colour (a case's pain map), or
        in its own colour again: a recolour of the lookup table, nothing else."""
        if on != self.pain_shown:
            self.pain_shown = on
            self._fill()

    def _fill(self) -> None:
        p = self._palette
        if self.pain_shown:
            # a pain map has no impaired skin; its slot blends the pain's edge into the skin
            # instead of drawing an impaired line along it
            fill_lut(self._lut, (p.normal, _mix(p.normal, p.pain), p.pain))
        else:
            fill_lut(self._lut, p.status_colours)

    def set_visible(self, visible: bool) -> None:
        self.actor.SetVisibility(visible)

    def owns(self, actor: object) -> bool:
        return actor is not None and address(actor) == address(self.actor)

    def vertex_at(self, point: Iterable[float]) -> int:
        """The body vertex nearest a 3D point."""
        return nearest(self.points, np.asarray(point, dtype=np.float64))

    def lookup(self, point: Iterable[float], model: str, atlas: Atlas) -> SkinLookup:
        """Reverse look-up: which dermatome is here and which dorsal roots supply it."""
        v = self.vertex_at(point)
        primary = int(self.primary[v])
        pin = np.int64(self.supply[v])
        if self.modality != PIN_PRICK:
            pin = widen_supply(np.int64(primary), pin, self.modality, atlas)
        supply = int(model_supply(model, np.int64(primary), np.int64(pin)))
        side = SIDE_NAMES.get(int(self.side[v]), "midline")
        levels = bits_to_levels(supply, atlas)
        sides = ("left", "right") if side == "midline" else (side,)
        dermatome = "/".join(bits_to_levels(primary, atlas))
        return SkinLookup(
            vertex=v,
            dermatome=dermatome,
            side=side,
            roots=tuple((lv, s) for s in sides for lv in levels),
            status=STATUS_NAMES[int(self.status[v])],
            modality=self.modality,
        )


def _mix(a: str, b: str) -> str:
    """The colour halfway between two '#rrggbb' colours."""
    ra, rb = hex_to_rgb255(a), hex_to_rgb255(b)
    return "#" + "".join(f"{(x + y) // 2:02x}" for x, y in zip(ra, rb, strict=True))
