"""The selective dorsal rhizotomy trainer's 3D field: conus, cauda equina and rootlets.

Built once on any pyvista plotter (the trainer's ``QtInteractor``, an off-screen
plotter in tests), from the shipped spine meshes; no Qt here. What it draws:

* The lumbar vertebrae, the sacrum and their discs, with each vertebra's posterior
  arch (laminae and spinous process) split off so an exposure can take it away: the
  arch is the vertebra's parts lying behind the canal near the midline when the mesh
  is an assembly of parts, or its faces there when it is one surface; if neither
  finds anything the whole vertebra is hidden at that level.
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
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor, vtkBillboardTextActor3D, vtkLight

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.sdr.approach import Approach
from rhizoviz.core.sdr.patient import LEVELS, Patient, Rootlet
from rhizoviz.scene import rootlets as geo
from rhizoviz.scene.palette import hex_to_rgb
from rhizoviz.scene.vtkmesh import (
    Mesh,
    as_mesh,
    categorical_lut,
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
GRADE_COLOURS: tuple[str, ...] = ("#6f9fc8", "#5fbf6a", "#f0d04a", "#f28a2c", "#e0304a")
ROOTLET_COLOURS: tuple[str, ...] = (
    "#fff4d8",  # untested: the ivory of a dorsal root, lighter than the bone around it
    *GRADE_COLOURS,
    "#6a6e75",  # marked to cut: grey, with a gap
    "#7d766a",  # out of reach of this exposure: dimmed
    "#00e5ff",  # under the pointer
)
SPHINCTER_COLOUR = "#ff4fd8"
CURRENT_COLOUR = "#00e5ff"
BONE, DISC, CORD, VENTRAL, GANGLION = "#a89f8e", "#56778a", "#e8cdb0", "#3f7f69", "#b89f6e"
BACKGROUND = "#101317"
LEVEL_BONES: dict[str, str] = {f"L{i}": f"vertebra_L{i}" for i in range(1, 6)} | {"S1": "sacrum"}
SHOWN_BONES = ("vertebra_T12", *LEVEL_BONES.values())
CORD_ABOVE_MM = 60.0  # the cord is drawn this far above L1's entry: higher is off screen
SACRAL_BAND_MM = 32.0  # the top of the sacrum that an S1 laminectomy opens
PICK_SLOP_PX = 7.0
ARCH_MIDLINE_MM = 9.0  # an arch part's centre lies this close to the midline
ARCH_BEHIND_MM = 5.0  # ... and this far behind the canal's centre
LABEL_SIDE_MM = 30.0  # vertebra names stand this far left of the midline, in front of it
LABEL_PT = 15.0
LABEL_COLOUR = "#e8e2d4"
EXIT_LIFT_MM = 24.0  # multilevel: a root is lifted this far above its exit
CLOSE_UP_MM = 95.0  # height of the view around a lifted root
# the view from behind, tilted (degrees; + from the head): under T12's spinous process
# into the conus window, and down past the sacrum (which leans back) into the lower one
VIEW_ELEVATION_DEG = {"conus": -6.0, "multilevel": 8.0}


def _components(faces: np.ndarray, n_points: int) -> np.ndarray:
    """Connected component of every face (label propagation; meshes here are small)."""
    label = np.arange(n_points)
    while True:
        low = label[faces].min(axis=1)
        before = label.copy()
        for k in range(3):
            np.minimum.at(label, faces[:, k], low)
        label = label[label]
        if np.array_equal(label, before):
            return label[faces[:, 0]]


def _below(mesh: Mesh, z: float) -> Mesh:
    """The faces of ``mesh`` below height ``z`` (the cord's cervical part is never seen)."""
    keep = mesh.points[mesh.faces].mean(axis=1)[:, 2] < z
    return submesh(mesh, keep) if keep.any() and not keep.all() else mesh


def arch_faces(mesh: Mesh, canal: np.ndarray, z_band: tuple[float, float] | None = None
               ) -> np.ndarray:
    """Faces of the posterior arch (laminae, spinous process): behind the canal, midline.

    ``canal`` is the canal's centre (x, y), used when the mesh is one surface;
    ``z_band`` limits the search to a band of heights (the sacrum's top).
    """
    centres = mesh.points[mesh.faces].mean(axis=1).astype(np.float64)
    in_band = np.ones(len(centres), bool)
    if z_band is not None:
        in_band = (centres[:, 2] >= z_band[0]) & (centres[:, 2] <= z_band[1])
    comp = _components(mesh.faces, len(mesh.points))
    ids = np.unique(comp)
    if len(ids) > 1 and z_band is None:
        # an assembly of parts: of those centred on the midline, the body is the most
        # anterior; the others (lamina plate, spinous process) make the arch
        mids = {int(c): centres[comp == c].mean(axis=0) for c in ids}
        midline = [c for c, m in mids.items() if abs(m[0] - canal[0]) < ARCH_MIDLINE_MM]
        if len(midline) > 1:
            body = max(midline, key=lambda c: mids[c][1])
            mask = np.isin(comp, [c for c in midline if c != body and mids[c][1] < mids[body][1]])
            if mask.any():
                return mask
    # one surface (or the sacrum): clip the faces behind the canal near the midline
    return (in_band & (centres[:, 1] < canal[1] - ARCH_BEHIND_MM)
            & (np.abs(centres[:, 0] - canal[0]) < 2.0 * ARCH_MIDLINE_MM))


class TrainerScene:
    """The operative field for one child; see the module docstring."""

    def __init__(self, plotter: pv.Plotter, spine: Mapping[str, Any], patient: Patient) -> None:
        self.plotter = plotter
        self.patient = patient
        self.rootlets: list[Rootlet] = list(patient)
        self.index = {r.id: i for i, r in enumerate(self.rootlets)}
        self.approach: Approach | None = None
        self.lifted: tuple[str, str] | None = None
        ren = plotter.renderer
        ren.SetBackground(*hex_to_rgb(BACKGROUND))
        # One headlight, like the operating microscope's: the close-up fills the view with
        # lit surfaces, and pyvista's five-light kit doubled a frame on software OpenGL.
        ren.RemoveAllLights()
        light = vtkLight()
        light.SetLightTypeToHeadlight()
        ren.AddLight(light)
        self._build_roots(spine)
        self._build_context(spine)
        self._build_bones(spine)
        self._build_rootlets()
        self._build_markers()
        self._build_labels()
        self.set_approach(None)

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
        colours = {"cord": CORD, "ventral": VENTRAL, "ganglion": GANGLION, "disc": DISC}
        self.context_actors: dict[str, vtkActor] = {}
        for group, meshes in groups.items():
            merged = merge(meshes)
            if merged is None:
                continue
            actor = surface_actor(ren, polydata(merged), specular=0.25)
            actor.GetProperty().SetColor(*hex_to_rgb(colours[group]))
            self.context_actors[group] = actor

    def _build_bones(self, spine: Mapping[str, Any]) -> None:
        """Bones as two actors: what always stays, and the arches an exposure can take."""
        kept: list[Mesh] = []
        arches: list[Mesh] = []
        owners: list[str] = []
        self.window_bounds: dict[str, tuple[float, float]] = {}
        self._label_y: dict[str, float] = {}
        for level, name in (("T12", "vertebra_T12"), *((lv, n) for lv, n in LEVEL_BONES.items())):
            if name not in spine:
                continue
            mesh = as_mesh(spine[name])
            z = mesh.points[:, 2]
            band = None
            lo, hi = float(z.min()), float(z.max())
            if name == "sacrum":
                lo = hi - SACRAL_BAND_MM
                band = (lo, hi)
            self.window_bounds[level] = (lo, hi)
            mask = arch_faces(mesh, self._canal_centre(lo, hi), band)
            if not mask.any() and level in ("L1", "L2", "L3", "L4", "L5"):
                mask[:] = True  # the mesh cannot be split: the whole vertebra goes
            kept.append(submesh(mesh, ~mask))
            # a label stands on the bone's surface beside the window, where the name sits
            beside = np.abs(kept[-1].points[:, 0] + LABEL_SIDE_MM) < 6.0
            if beside.any():
                self._label_y[level] = float(kept[-1].points[beside, 1].min()) - 2.0
            if mask.any():
                arches.append(submesh(mesh, mask))
                owners.append(level)
        self._bone_back = min((float(m.points[:, 1].min()) for m in kept if len(m.points)),
                              default=-80.0)
        ren = self.plotter.renderer
        self.bone_actor = surface_actor(ren, polydata(merge(kept)), specular=0.2)  # type: ignore[arg-type]
        self.bone_actor.GetProperty().SetColor(*hex_to_rgb(BONE))
        # an opened arch leaves holes: look through them, not at the bone's inner faces
        self.bone_actor.GetProperty().BackfaceCullingOn()
        merged = merge(arches)
        self._arch_pd = polydata(merged) if merged is not None else vtkPolyData()
        counts = [len(m.faces) for m in arches]
        self._arch_owner = np.repeat(np.array(owners, dtype=object), counts)
        self._arch_faces = merged.faces if merged is not None else np.zeros((0, 3), np.int64)
        self.arch_actor = surface_actor(ren, self._arch_pd, specular=0.2)
        self.arch_actor.GetProperty().SetColor(*hex_to_rgb(BONE))
        self.arch_levels = tuple(dict.fromkeys(owners))

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
        self._lut = categorical_lut(ROOTLET_COLOURS)
        self.rootlet_actor = surface_actor(self.plotter.renderer, pd, specular=0.45)
        map_status_colours(self.rootlet_actor, self._lut)
        self.rootlet_actor.GetMapper().SetScalarModeToUseCellData()

    def _build_markers(self) -> None:
        """Dots at the lifted stretch: the current rootlet, and sphincter responders."""
        self._marker_pts = vtkPoints()
        self._marker_pts.SetNumberOfPoints(len(self.rootlets))
        self._marker_actors: dict[str, vtkActor] = {}
        for kind, colour, size in (("sphincter", SPHINCTER_COLOUR, 9.0),
                                   ("current", CURRENT_COLOUR, 13.0)):
            pd = vtkPolyData()
            pd.SetPoints(self._marker_pts)
            pd.SetVerts(vertex_cells(np.zeros(0, np.int64)))
            actor = surface_actor(self.plotter.renderer, pd, specular=0.3)
            prop = actor.GetProperty()
            prop.SetColor(*hex_to_rgb(colour))
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
        for level, (lo, hi) in self.window_bounds.items():
            name = "S1" if level == "S1" else level
            where = np.array([-LABEL_SIDE_MM, self._label_y.get(level, self._bone_back),
                              0.5 * (lo + hi)])
            self.labels[name] = self._label(name, where, LABEL_COLOUR)
        self.root_label = self._label("", np.zeros(3), CURRENT_COLOUR)
        self.root_label.SetVisibility(False)
        for actor in (*self.labels.values(), self.root_label):
            ren.AddActor(actor)
        self.set_label_size(LABEL_PT)

    def _label(self, text: str, where: np.ndarray, colour: str) -> vtkBillboardTextActor3D:
        actor = vtkBillboardTextActor3D()
        actor.SetInput(text)
        actor.SetPosition(*where)
        prop = actor.GetTextProperty()
        prop.SetColor(*hex_to_rgb(colour))
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

    # ---------------------------------------------------------------- exposure
    def set_approach(self, approach: Approach | None) -> None:
        """Take away the arches of ``approach``'s laminae; place each root's lifted stretch."""
        self.approach = approach
        removed = set(approach.laminae_removed) if approach is not None else set()
        keep = np.array([lv not in removed for lv in self._arch_owner], bool)
        faces = self._arch_faces[keep] if len(self._arch_faces) else self._arch_faces
        cells = vtkCellArray()
        from vtkmodules.util.numpy_support import numpy_to_vtkIdTypeArray

        cells.SetData(
            numpy_to_vtkIdTypeArray(np.arange(0, 3 * len(faces) + 1, 3, dtype=np.int64), deep=True),
            numpy_to_vtkIdTypeArray(np.ascontiguousarray(faces.ravel(), np.int64), deep=True),
        )
        self._arch_pd.SetPolys(cells)
        self._arch_pd.Modified()
        bounds = [self.window_bounds[lv] for lv in removed if lv in self.window_bounds]
        if bounds:
            self.window_z = (min(b[0] for b in bounds), max(b[1] for b in bounds))
        else:
            self.window_z = (self.window_bounds.get("S1", (960.0, 0))[0],
                             self.window_bounds.get("L1", (0, 1240.0))[1])
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
        """The surgeon's view, from behind (tilted per exposure): the whole window,
        or ``height_mm`` of it around ``centre``."""
        lo, hi = self.window_z
        height = height_mm if height_mm is not None else max(hi - lo, 45.0) + 40.0
        focal = self.window_centre() if centre is None else np.asarray(centre, np.float64)
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
