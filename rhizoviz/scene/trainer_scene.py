"""The selective dorsal rhizotomy trainer's 3D field: conus, cauda equina and rootlets.

Built once on any pyvista plotter (the trainer's ``QtInteractor``, an off-screen
plotter in tests), from the shipped spine meshes; no Qt here. What it draws:

* The lumbar vertebrae, the sacrum and their discs. An exposure's laminectomy cuts
  the laminae and spinous processes off the vertebrae as solids, with capped cut
  faces in a fresher shade (:mod:`rhizoviz.scene.laminectomy`), once per approach:
  the cut bones are cached, so choosing an approach again swaps one mapper input.
* The dural sac, translucent, opened in the midline over the window so the roots
  are seen inside it (cut once per window, cached the same way).
* The cord with the conus, the filum, ventral roots and ganglia for orientation.
* Every rootlet of the child's dorsal roots L1-S2 (:mod:`rhizoviz.scene.rootlets`),
  all in one actor with a colour code per cell, so stimulating or marking a rootlet
  rewrites a few hundred numbers and draws one frame; lifting a root or cutting a
  rootlet moves a few thousand points. No mesh is rebuilt after construction.

Picking is in screen space on the rootlets' centrelines (they are thinner than the
mouse's slop), restricted to what the exposure lays open: the window of removed
laminae and the lifted root.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersCore import vtkAppendPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkBillboardTextActor3D, vtkLight

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.sdr.approach import Approach
from rhizoviz.core.sdr.patient import LEVELS, Patient, Rootlet
from rhizoviz.scene import laminectomy as lam
from rhizoviz.scene import rootlets as geo
from rhizoviz.scene.palette import DEFAULT_PALETTE, hex_to_rgb
from rhizoviz.scene.trainer_colours import TrainerColours, trainer_colours
from rhizoviz.scene.vtkmesh import (
    Mesh,
    as_mesh,
    categorical_lut,
    fill_lut,
    map_status_colours,
    merge,
    points_view,
    polydata,
    submesh,
    surface_actor,
    vertex_cells,
)

# rootlet colour codes (cell scalars through a categorical table)
UNTESTED, GRADE0 = 0, 1  # GRADE0 + grade for a tested rootlet
CUT, OUT_OF_REACH, HOVER = 6, 7, 8
DURA_OPACITY = 0.4
LEVEL_BONES: dict[str, str] = {f"L{i}": f"vertebra_L{i}" for i in range(1, 6)} | {"S1": "sacrum"}
SHOWN_BONES = ("vertebra_T12", *LEVEL_BONES.values())
CORD_ABOVE_MM = 60.0  # the cord is drawn this far above L1's entry: higher is off screen
SACRAL_BAND_MM = 32.0  # the top of the sacrum that an S1 laminectomy opens
PICK_SLOP_PX = 7.0
LABEL_SIDE_MM = 27.0  # vertebra names stand this far from the midline, on the side
# away from the lifted root (its fan and name take the other), in front of the bone
LABEL_PT = 15.0
LABEL_LIFT_MM = 8.0  # ... this far in front of the bone there, so no process hides a letter
EXIT_LIFT_MM = 24.0  # multilevel: a root is lifted this far above its exit
CLOSE_UP_MM = 95.0  # height of the view around a lifted root
FRAME_MARGIN_MM = 8.0  # the view reaches this far past the window's ends
FIELD_WIDTH_MM = 64.0  # the view is at least this wide: the lifted fans on both sides
# the view from behind, tilted (degrees; + from the head): under T12's spinous process
# into the conus window, and down past the sacrum (which leans back) into the lower one
VIEW_ELEVATION_DEG = {"conus": -6.0, "multilevel": 8.0}


def _below(mesh: Mesh, z: float) -> Mesh:
    """The faces of ``mesh`` below height ``z`` (the cord's cervical part is never seen)."""
    keep = mesh.points[mesh.faces].mean(axis=1)[:, 2] < z
    return submesh(mesh, keep) if keep.any() and not keep.all() else mesh


class TrainerScene:
    """The operative field for one child; see the module docstring."""

    def __init__(self, plotter: pv.Plotter, spine: Mapping[str, Any], patient: Patient,
                 palette: str = DEFAULT_PALETTE) -> None:
        self.plotter = plotter
        self.colours: TrainerColours = trainer_colours(palette)
        self.patient = patient
        self.rootlets: list[Rootlet] = list(patient)
        self.index = {r.id: i for i, r in enumerate(self.rootlets)}
        self.approach: Approach | None = None
        self.lifted: tuple[str, str] | None = None
        ren = plotter.renderer
        # One headlight, like the operating microscope's: the close-up fills the view with
        # lit surfaces, and pyvista's five-light kit doubled a frame on software OpenGL.
        ren.RemoveAllLights()
        light = vtkLight()
        light.SetLightTypeToHeadlight()
        ren.AddLight(light)
        self._build_roots(spine)
        self._build_context(spine)
        self._build_sac(spine)
        self._build_bones(spine)
        self._build_rootlets()
        self._build_markers()
        self._build_labels()
        self.set_palette(palette)
        self.set_approach(None)

    def set_palette(self, palette: str) -> None:
        """Recolour everything for an app palette: tables and properties, no rebuild."""
        c = self.colours = trainer_colours(palette)
        self.plotter.renderer.SetBackground(*hex_to_rgb(c.background))
        fill_lut(self._bone_lut, (c.bone, c.cut_bone))
        fill_lut(self._lut, c.rootlet_colours)
        groups = {"cord": c.cord, "ventral": c.ventral, "ganglion": c.ganglion, "disc": c.disc}
        for group, actor in self.context_actors.items():
            actor.GetProperty().SetColor(*hex_to_rgb(groups[group]))
        if self.sac_actor is not None:
            self.sac_actor.GetProperty().SetColor(*hex_to_rgb(c.dura))
        for kind, colour in (("sphincter", c.sphincter), ("current", c.current)):
            self._marker_actors[kind].GetProperty().SetColor(*hex_to_rgb(colour))
        for label in self.labels.values():
            label.GetTextProperty().SetColor(*hex_to_rgb(c.label))
        self.root_label.GetTextProperty().SetColor(*hex_to_rgb(c.root_name))

    # ------------------------------------------------------------------ build
    def _build_roots(self, spine: Mapping[str, Any]) -> None:
        """Each root's path from its mesh, and its rootlets' geometry."""
        self.geometry: dict[tuple[str, str], geo.RootGeometry] = {}
        for level in LEVELS:
            for side in SIDES:
                name = f"dorsal_root_{level}_{side}"
                if name not in spine:
                    raise ValueError(f"the spine meshes have no {name}")
                path, radius = geo.root_path(np.asarray(spine[name].vertices))
                self.geometry[(level, side)] = geo.RootGeometry(
                    path, radius, -1.0 if side == "left" else 1.0,
                    self.patient.count(level, side))
        paths = np.concatenate([g.full for g in self.geometry.values()])
        self._cord_top = float(paths[:, 2].max()) + CORD_ABOVE_MM
        self._near_midline = paths[np.abs(paths[:, 0]) < 12.0]

    def _canal_centre(self, z_lo: float, z_hi: float) -> np.ndarray:
        near = self._near_midline
        inside = near[(near[:, 2] >= z_lo) & (near[:, 2] <= z_hi)]
        pts = inside if len(inside) else near
        return np.array([0.0, float(pts[:, 1].mean())])

    def _build_context(self, spine: Mapping[str, Any]) -> None:
        ren = self.plotter.renderer
        groups: dict[str, list[Mesh]] = {"cord": [], "ventral": [], "ganglion": [], "disc": []}
        for name, mesh in spine.items():
            if name in ("spinal_cord", "filum_terminale"):
                groups["cord"].append(_below(as_mesh(mesh), self._cord_top))
            elif any(name == f"ventral_root_{lv}_{s}" for lv in LEVELS for s in SIDES):
                groups["ventral"].append(as_mesh(mesh))
            elif any(name == f"dorsal_root_ganglion_{lv}_{s}" for lv in LEVELS for s in SIDES):
                groups["ganglion"].append(as_mesh(mesh))
            elif name.startswith("disc_") and ("L" in name[5:] or "S" in name[5:]):
                groups["disc"].append(as_mesh(mesh))
        self.context_actors: dict[str, vtkActor] = {}
        for group, meshes in groups.items():
            merged = merge(meshes)
            if merged is None:
                continue
            self.context_actors[group] = surface_actor(ren, polydata(merged), specular=0.25)

    def _build_bones(self, spine: Mapping[str, Any]) -> None:
        """The bones as one actor whose surface is cut once per approach (and cached)."""
        self._bones: dict[str, tuple[Mesh, lam.Cut]] = {}
        self.window_bounds: dict[str, tuple[float, float]] = {}
        self._label_y: dict[str, float] = {}
        for level, name in (("T12", "vertebra_T12"), *((lv, n) for lv, n in LEVEL_BONES.items())):
            if name not in spine:
                continue
            mesh = as_mesh(spine[name])
            z = mesh.points[:, 2]
            lo, hi = float(z.min()), float(z.max())
            z_from = None
            if name == "sacrum":
                lo = z_from = hi - SACRAL_BAND_MM
            self.window_bounds[level] = (lo, hi)
            self._bones[level] = (mesh, self._laminectomy(lo, hi, z_from))
            # a label stands in front of the bone's back, beside the window
            beside = np.abs(np.abs(mesh.points[:, 0]) - LABEL_SIDE_MM) < 6.0
            if beside.any():
                self._label_y[level] = float(mesh.points[beside, 1].min()) - LABEL_LIFT_MM
        self._bone_back = min((float(m.points[:, 1].min()) for m, _c in self._bones.values()),
                              default=-80.0)
        self._bone_cache: dict[tuple[str, ...], vtkPolyData] = {}
        self._bone_lut = categorical_lut((self.colours.bone, self.colours.cut_bone))
        self.bone_actor = surface_actor(self.plotter.renderer, self._bones_opened(()),
                                        specular=0.2)
        map_status_colours(self.bone_actor, self._bone_lut)
        self.bone_actor.GetMapper().SetScalarModeToUseCellData()

    def _laminectomy(self, lo: float, hi: float, z_from: float | None) -> lam.Cut:
        """The bone a laminectomy takes here: behind the sac's centre, across the dura's
        width and a margin, so the laminae go and the pedicles and facets stay."""
        sac = self._sac_points
        inside = sac[(sac[:, 2] >= lo) & (sac[:, 2] <= hi)] if len(sac) else sac
        if not len(inside):
            return lam.Cut(lam.CANAL_HALF_MM + lam.LAMINECTOMY_MARGIN_MM,
                           float(self._canal_centre(lo, hi)[1]), z_from)
        _heights, ys = lam.sac_centre_line(inside)
        y = float(np.mean(ys)) if len(ys) else float(inside[:, 1].mean())
        return lam.Cut(lam.canal_half_width(inside, y) + lam.LAMINECTOMY_MARGIN_MM, y, z_from)

    def _bones_opened(self, removed: tuple[str, ...]) -> vtkPolyData:
        """The bones with ``removed``'s laminae off: cut on first use, then cached."""
        key = tuple(sorted(removed))
        if key not in self._bone_cache:
            append = vtkAppendPolyData()
            for level, (mesh, cut) in self._bones.items():
                if level in key:
                    append.AddInputData(lam.open_vertebra(mesh, cut))
                else:
                    append.AddInputData(lam.labelled(polydata(mesh), lam.BONE_FACE))
            append.Update()
            pd = vtkPolyData()
            pd.ShallowCopy(append.GetOutput())
            self._bone_cache[key] = pd
        return self._bone_cache[key]

    def _build_sac(self, spine: Mapping[str, Any]) -> None:
        """The dura, translucent: opened in the midline over the window (cached per window)."""
        mesh = spine.get("dural_sac") if hasattr(spine, "get") else None
        self._sac: Mesh | None = _below(as_mesh(mesh), self._cord_top) if mesh is not None \
            else None
        self._sac_points = self._sac.points.astype(np.float64) if self._sac is not None \
            else np.zeros((0, 3))
        self._sac_cache: dict[tuple[float, float] | None, vtkPolyData] = {}
        self.sac_actor: vtkActor | None = None
        if self._sac is not None:
            self.sac_actor = surface_actor(self.plotter.renderer, self._sac_opened(None),
                                           specular=0.35)
            self.sac_actor.GetProperty().SetOpacity(DURA_OPACITY)

    def _sac_opened(self, window: tuple[float, float] | None) -> vtkPolyData:
        if window not in self._sac_cache:
            assert self._sac is not None
            self._sac_cache[window] = lam.open_sac(self._sac, window)
        return self._sac_cache[window]

    def _build_rootlets(self) -> None:
        n = len(self.rootlets)
        self._centres = np.zeros((n, geo.SAMPLES, 3))
        self._collapsed = np.zeros((n, geo.SAMPLES), bool)
        self._slices: dict[tuple[str, str], slice] = {}
        start = 0
        for key, g in self.geometry.items():
            self._slices[key] = slice(start, start + g.count)
            self._centres[start:start + g.count] = g.centrelines(lifted=False)
            start += g.count
        points, normals = geo.tube_points(self._centres, geo.RADIUS_MM)
        pd = polydata(Mesh(points.reshape(-1, 3).astype(np.float32), geo.tube_faces(n),
                           normals.reshape(-1, 3).astype(np.float32)))
        codes = numpy_to_vtk(np.zeros(n * geo.FACES_PER_ROOTLET, np.float32), deep=True)
        codes.SetName("code")
        pd.GetCellData().SetScalars(codes)
        self._rootlet_pd = pd
        self._points = points_view(pd).reshape(n, geo.SAMPLES, geo.SIDES, 3)
        from vtkmodules.util.numpy_support import vtk_to_numpy

        self._normals = vtk_to_numpy(pd.GetPointData().GetNormals()).reshape(self._points.shape)
        self._cell_codes = vtk_to_numpy(codes).reshape(n, geo.FACES_PER_ROOTLET)
        self.codes = np.zeros(n, np.int8)
        self._lut = categorical_lut(self.colours.rootlet_colours)
        self.rootlet_actor = surface_actor(self.plotter.renderer, pd, specular=0.45)
        map_status_colours(self.rootlet_actor, self._lut)
        self.rootlet_actor.GetMapper().SetScalarModeToUseCellData()

    def _build_markers(self) -> None:
        """Dots at the lifted stretch: the current rootlet, and sphincter responders."""
        self._marker_pts = vtkPoints()
        self._marker_pts.SetNumberOfPoints(len(self.rootlets))
        self._marker_actors: dict[str, vtkActor] = {}
        for kind, size in (("sphincter", 9.0), ("current", 13.0)):
            pd = vtkPolyData()
            pd.SetPoints(self._marker_pts)
            pd.SetVerts(vertex_cells(np.zeros(0, np.int64)))
            actor = surface_actor(self.plotter.renderer, pd, specular=0.3)
            prop = actor.GetProperty()
            prop.SetRepresentationToPoints()
            prop.SetRenderPointsAsSpheres(True)
            prop.SetPointSize(size)
            self._marker_actors[kind] = actor
        self._marker_view = points_view(self._marker_actors["current"].GetMapper().GetInput())
        self._marker_ids: dict[str, tuple[int, ...]] = {"sphincter": (), "current": ()}

    def _build_labels(self) -> None:
        """The vertebrae's names beside them, and the lifted root's name beside its fan."""
        ren = self.plotter.renderer
        self.labels: dict[str, vtkBillboardTextActor3D] = {}
        for level in self.window_bounds:
            self.labels[level] = self._label(level, np.zeros(3))
        self._place_level_labels(-1.0)
        self.root_label = self._label("", np.zeros(3))
        self.root_label.SetVisibility(False)
        for actor in (*self.labels.values(), self.root_label):
            ren.AddActor(actor)
        self.set_label_size(LABEL_PT)

    def _label(self, text: str, where: np.ndarray) -> vtkBillboardTextActor3D:
        actor = vtkBillboardTextActor3D()
        actor.SetInput(text)
        actor.SetPosition(*where)
        prop = actor.GetTextProperty()
        prop.SetBold(True)
        prop.SetShadow(True)
        prop.SetJustificationToCentered()
        prop.SetVerticalJustificationToCentered()
        actor.SetPickable(False)
        return actor

    def set_label_size(self, points: float) -> None:
        """Label type in pixels at 96 dpi (presentation mode asks for larger)."""
        for actor in (*self.labels.values(), self.root_label):
            actor.GetTextProperty().SetFontSize(int(round(points * 96 / 72)))

    def _place_root_label(self) -> None:
        if self.lifted is None:
            self.root_label.SetVisibility(False)
            return
        level, side = self.lifted
        g = self.geometry[self.lifted]
        i = int(np.argmin(np.abs(g.s - g.lift_at)))
        lateral_end = self._centres[self._slices[self.lifted], i][-1]
        where = lateral_end + 5.0 * g.across[i] + 2.0 * g.back[i]
        self.root_label.SetInput(f"{level} {side}")
        self.root_label.SetPosition(*where)
        self.root_label.SetVisibility(True)
        self._place_level_labels(1.0 if side == "left" else -1.0)

    def _place_level_labels(self, sign: float) -> None:
        """The vertebrae's names on the side ``sign`` (+1 right), clear of the lifted fan."""
        for level, (lo, hi) in self.window_bounds.items():
            self.labels[level].SetPosition(sign * LABEL_SIDE_MM,
                                           self._label_y.get(level, self._bone_back),
                                           0.5 * (lo + hi))

    # ---------------------------------------------------------------- exposure
    def set_approach(self, approach: Approach | None) -> None:
        """Take away the arches of ``approach``'s laminae; place each root's lifted stretch."""
        self.approach = approach
        removed = set(approach.laminae_removed) if approach is not None else set()
        self.bone_actor.GetMapper().SetInputData(self._bones_opened(tuple(removed)))
        bounds = [self.window_bounds[lv] for lv in removed if lv in self.window_bounds]
        if bounds:
            self.window_z = (min(b[0] for b in bounds), max(b[1] for b in bounds))
        else:
            self.window_z = (self.window_bounds.get("S1", (960.0, 0))[0],
                             self.window_bounds.get("L1", (0, 1240.0))[1])
        if self.sac_actor is not None:
            window = self.window_z if approach is not None else None
            self.sac_actor.GetMapper().SetInputData(self._sac_opened(window))
        for (level, _side), g in self.geometry.items():
            g.set_lift(self._lift_at(g, level))
        previous = self.lifted
        self.lifted = None
        self._place_root_label()
        self._place_all()
        if previous is not None and approach is not None and approach.reaches(previous[0]):
            self.lift(*previous)
        self.frame()

    def _lift_at(self, g: geo.RootGeometry, level: str) -> float:
        """Where along the root the surgeon lifts it: in the window (conus), or just
        above its exit (multilevel)."""
        z = g.full[:, 2]
        if self.approach is not None and self.approach.name == "multilevel":
            target = float(z[-1]) + EXIT_LIFT_MM
        else:
            target = 0.5 * (self.window_z[0] + self.window_z[1])
        below = np.nonzero(z <= target)[0]
        i = int(below[0]) if len(below) else len(z) - 1
        return float(g.full_s[i])

    def window_centre(self) -> np.ndarray:
        lo, hi = self.window_z
        mid = 0.5 * (lo + hi)
        canal = self._canal_centre(lo, hi)
        return np.array([0.0, canal[1], mid])

    def frame(self, centre: np.ndarray | None = None, height_mm: float | None = None) -> None:
        """The surgeon's view, from behind (tilted per exposure): the opened window with
        the roots' fans across it, or ``height_mm`` of it around ``centre``; never wider
        than needed and never sliding past the window's ends onto closed bone."""
        lo, hi = self.window_z
        height = height_mm if height_mm is not None else (hi - lo) + 2.0 * FRAME_MARGIN_MM
        height = max(height, FIELD_WIDTH_MM / self._aspect())
        focal = self.window_centre() if centre is None else np.array(centre, np.float64)
        focal[0] = 0.0  # the midline stays in the middle: both sides' roots in view
        if self.approach is not None:
            top, bottom = hi + FRAME_MARGIN_MM, lo - FRAME_MARGIN_MM
            half = height / 2.0
            focal[2] = (0.5 * (top + bottom) if top - bottom <= height
                        else float(np.clip(focal[2], bottom + half, top - half)))
        name = self.approach.name if self.approach is not None else ""
        elev = np.radians(VIEW_ELEVATION_DEG.get(name, 0.0))
        direction = np.array([0.0, -np.cos(elev), np.sin(elev)])
        cam = self.plotter.camera
        angle = 30.0
        distance = (height / 2.0) / np.tan(np.radians(angle / 2.0))
        cam.SetViewAngle(angle)
        cam.SetFocalPoint(*focal)
        cam.SetPosition(*(focal + distance * direction))
        cam.SetViewUp(0.0, 0.0, 1.0)
        cam.OrthogonalizeViewUp()
        self.plotter.renderer.ResetCameraClippingRange()
        self.plotter.camera_set = True
        self._framed = (None if centre is None else np.array(centre, np.float64), height_mm,
                        self._camera_pose())

    def _camera_pose(self) -> tuple[float, ...]:
        cam = self.plotter.camera
        return (*cam.GetPosition(), *cam.GetFocalPoint(), cam.GetViewAngle())

    def reframe(self) -> bool:
        """After the view changed shape: frame it again, unless the student moved the
        camera since (their view stays theirs). True if it reframed."""
        framed = getattr(self, "_framed", None)
        if framed is None or not np.allclose(framed[2], self._camera_pose()):
            return False
        self.frame(framed[0], framed[1])
        return True

    def _aspect(self) -> float:
        """The 3D view's width over its height."""
        win_w, win_h = self.plotter.render_window.GetSize()
        x0, y0, x1, y1 = self.plotter.renderer.GetViewport()
        return max((x1 - x0) * win_w, 1.0) / max((y1 - y0) * win_h, 1.0)

    def frame_lifted(self) -> None:
        """A close-up of the lifted root's split stretch (the multilevel window is long)."""
        anchor = self.lifted_anchor()
        if anchor is not None:
            self.frame(anchor, CLOSE_UP_MM)

    # ------------------------------------------------------------------ rootlets
    def _place(self, key: tuple[str, str]) -> None:
        sl = self._slices[key]
        self._centres[sl] = self.geometry[key].centrelines(lifted=key == self.lifted)
        self._write_points(sl)

    def _place_all(self) -> None:
        for key in self.geometry:
            self._centres[self._slices[key]] = self.geometry[key].centrelines(
                lifted=key == self.lifted)
        self._write_points(slice(0, len(self.rootlets)))

    def _write_points(self, sl: slice) -> None:
        points, normals = geo.tube_points(self._centres[sl], geo.RADIUS_MM, self._collapsed[sl])
        self._points[sl] = points
        self._normals[sl] = normals
        self._rootlet_pd.GetPoints().Modified()
        self._rootlet_pd.GetPointData().GetNormals().Modified()
        self._place_markers()

    def lift(self, level: str, side: str) -> None:
        """Lift one root out of the cauda equina and split it for testing (others lie down)."""
        key = (level, side)
        if key == self.lifted:
            return
        old, self.lifted = self.lifted, key
        if old is not None:
            self._place(old)
        self._place(key)
        self._place_root_label()

    def set_codes(self, codes: np.ndarray) -> None:
        """One colour code per rootlet (UNTESTED, GRADE0 + grade, CUT, OUT_OF_REACH, HOVER)."""
        codes = np.asarray(codes, np.int8)
        changed = np.nonzero(codes != self.codes)[0]
        if not len(changed):
            return
        self._cell_codes[changed] = codes[changed, None]
        self.codes = codes.copy()
        self._rootlet_pd.GetCellData().GetScalars().Modified()

    def set_cut(self, cut: np.ndarray) -> None:
        """Rootlets shown cut: a gap in the middle of their lifted stretch."""
        cut = np.asarray(cut, bool)
        was = self._collapsed.any(axis=1)
        changed = np.nonzero(cut != was)[0]
        if not len(changed):
            return
        for i in changed:
            key = (self.rootlets[i].level, self.rootlets[i].side)
            self._collapsed[i] = self.geometry[key].gap() if cut[i] else False
        lo, hi = int(changed.min()), int(changed.max()) + 1
        self._write_points(slice(lo, hi))

    def set_markers(self, current: int | None, sphincter: list[int]) -> None:
        wanted = {"current": () if current is None else (current,),
                  "sphincter": tuple(sorted(sphincter))}
        for kind, ids in wanted.items():
            if ids != self._marker_ids[kind]:
                self._marker_ids[kind] = ids
                pd = self._marker_actors[kind].GetMapper().GetInput()
                pd.SetVerts(vertex_cells(np.array(ids, np.int64)))
                pd.Modified()

    def _place_markers(self) -> None:
        """Each rootlet's dot sits just above the middle of its lifted stretch."""
        for key, sl in self._slices.items():
            g = self.geometry[key]
            i = int(np.argmin(np.abs(g.s - g.lift_at - geo.GAP_MM)))
            self._marker_view[sl] = self._centres[sl, i] + 1.2 * g.back[i]
        self._marker_pts.Modified()

    # ------------------------------------------------------------------ picking
    def project(self, points: np.ndarray) -> np.ndarray:
        """World points to render-window pixels, origin top-left, shape (n, 2)."""
        ren = self.plotter.renderer
        win_w, win_h = self.plotter.render_window.GetSize()
        x0, y0, x1, y1 = ren.GetViewport()
        w, h = max(int(round((x1 - x0) * win_w)), 1), max(int(round((y1 - y0) * win_h)), 1)
        vm = self.plotter.camera.GetCompositeProjectionTransformMatrix(w / h, -1.0, 1.0)
        m = np.array([[vm.GetElement(i, j) for j in range(4)] for i in range(4)])
        p = np.asarray(points, np.float64).reshape(-1, 3)
        hom = np.hstack([p, np.ones((len(p), 1))]) @ m.T
        ndc = hom[:, :2] / hom[:, 3:4]
        x = (ndc[:, 0] + 1.0) / 2.0 * w + x0 * win_w
        y = (ndc[:, 1] + 1.0) / 2.0 * h + y0 * win_h
        return np.column_stack([x, win_h - y])

    def _exposed(self) -> np.ndarray:
        """(rootlets, SAMPLES) bool: centreline samples the surgeon can touch."""
        if self.approach is None:
            return np.zeros(self._centres.shape[:2], bool)
        lo, hi = self.window_z
        z = self._centres[..., 2]
        out = (z >= lo - 4.0) & (z <= hi + 4.0)
        if self.lifted is not None:
            sl = self._slices[self.lifted]
            out[sl] |= self.geometry[self.lifted].lift_profile()[None, :] > 0.3
        return out & ~self._collapsed

    def pick(self, x: float, y: float) -> int | None:
        """The rootlet (index in the child's order) under a pixel, or None."""
        exposed = self._exposed()
        a, b = self._centres[:, :-1], self._centres[:, 1:]
        use = exposed[:, :-1] & exposed[:, 1:]
        if not use.any():
            return None
        owner = np.broadcast_to(np.arange(len(self.rootlets))[:, None], use.shape)[use]
        pa, pb = self.project(a[use]), self.project(b[use])
        d = pb - pa
        q = np.array([x, y]) - pa
        t = np.clip(np.einsum("ij,ij->i", q, d) / np.maximum(np.einsum("ij,ij->i", d, d),
                                                              1e-9), 0.0, 1.0)
        dist = np.linalg.norm(q - t[:, None] * d, axis=1)
        best = int(np.argmin(dist))
        if dist[best] > PICK_SLOP_PX:
            return None
        # among the rootlets this close, the one nearest the surgeon (the lifted one on top)
        close = dist <= dist[best] + 1.5
        cam = np.asarray(self.plotter.camera.GetPosition())
        mids = 0.5 * (a[use] + b[use])
        depth = np.linalg.norm(mids - cam, axis=1)
        pick = np.nonzero(close)[0][int(np.argmin(depth[close]))]
        return int(owner[pick])

    def rootlet_display_position(self, index: int) -> tuple[float, float]:
        """A pixel on the rootlet where a click finds it (the middle of its exposed part)."""
        exposed = self._exposed()[index]
        key = (self.rootlets[index].level, self.rootlets[index].side)
        g = self.geometry[key]
        if key == self.lifted:
            exposed = exposed & (np.abs(g.s - g.lift_at) < geo.PLATEAU_MM / 2.0)
        ids = np.nonzero(exposed)[0]
        i = int(ids[len(ids) // 3]) if len(ids) else int(np.argmin(np.abs(g.s - g.lift_at)))
        x, y = self.project(self._centres[index, i])[0]
        return float(x), float(y)

    def lifted_anchor(self) -> np.ndarray | None:
        if self.lifted is None:
            return None
        g = self.geometry[self.lifted]
        i = int(np.argmin(np.abs(g.s - g.lift_at)))
        return self._centres[self._slices[self.lifted], i].mean(axis=0)

    def centre_on(self, point: np.ndarray) -> None:
        """Pan so ``point`` is in the middle of the view (same distance and direction)."""
        cam = self.plotter.camera
        focal = np.asarray(cam.GetFocalPoint())
        shift = np.asarray(point) - focal
        cam.SetFocalPoint(*(focal + shift))
        cam.SetPosition(*(np.asarray(cam.GetPosition()) + shift))
        self.plotter.renderer.ResetCameraClippingRange()

    def close(self) -> None:
        """Drop the plotter (the window closes it)."""
        self.plotter = None  # type: ignore[assignment]
