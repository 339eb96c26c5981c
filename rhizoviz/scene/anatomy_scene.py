"""The 3D scene: body and spine built once on any pyvista plotter, recoloured in place.

:class:`AnatomyScene` is the one object the app, ``rhizoviz render``, the benchmark
probes and the tests talk to; it holds one small adapter per layer and passes each
change to the layers it concerns:

* :mod:`~rhizoviz.scene.skin`: the body, coloured by a status rule on its labels;
* :mod:`~rhizoviz.scene.markers`: the key sensory points;
* :mod:`~rhizoviz.scene.roots` (with :mod:`~rhizoviz.scene.cut_flags` and
  :mod:`~rhizoviz.scene.ganglia`): one :class:`~rhizoviz.scene.roots.RootSet` per kind
  of root mesh (dorsal, ventral), the dorsal one with its ganglia; each gets its own
  cuts, and the dorsal set the removed ganglia;
* :mod:`~rhizoviz.scene.spine`: the still parts and where the enlarged spine stands;
* :mod:`~rhizoviz.scene.camera`: what each view shows, framing, projection to pixels;
* :mod:`~rhizoviz.scene.overlays`: legend, level names, caption and note.
* :mod:`~rhizoviz.scene.insitu_labels`: vertebra and cord segment names, for the spine
  in the body.

Why it is shaped this way:

* One builder for every surface. The app passes a pyvistaqt ``QtInteractor``, the
  ``render`` command and the tests an off-screen ``pyvista.Plotter``; the scene never
  imports Qt, so figures, tests and the app show the same pixels.
* Build once, then only recolour. A cut writes new status codes into existing arrays
  and nudges the cut roots' points; each layer marks for VTK only what changed.
* One renderer, one camera. The spine is drawn enlarged beside the body (the real
  roots are a few millimetres thick: too thin to see or click at body scale), placed
  by an actor matrix on the side of the body that faces the camera's right, so every
  preset view shows both without hunting and picking needs no viewport bookkeeping.
  The in-situ view leaves the spine true to size where it lies and draws the skin
  see-through round it (near side only, no depth peeling: four peels doubled its frame,
  measured), to show how the cord's segments stand against the vertebrae.
* Colours are categorical lookup tables indexed by the core's status codes, so a
  palette switch rewrites a few table entries and never touches a mesh.
* The skin shows one modality at a time (pin prick or light touch); both supply sets
  are ready from the build, so switching is a recolour.
* Three cut targets, three looks: a cut dorsal root keeps two stumps in the cut colour;
  a cut ventral root is banded in a colour of its own; a removed ganglion is gone,
  with a wire outline where it was. Whole-body views mark them with a dot, a square
  and a ring.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkTextActor

from rhizoviz.core.atlas import PIN_PRICK, Atlas, load_atlas
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL, CutSet
from rhizoviz.core.outcome import RootMasks
from rhizoviz.core.session import State
from rhizoviz.scene.camera import (
    VIEW_SPECS,
    VIEWS,
    Framing,
    ViewSpec,
)
from rhizoviz.scene.errors import SceneError
from rhizoviz.scene.insitu_labels import VertebraSegmentNames
from rhizoviz.scene.legend import PAIN_WORDS, Legend, pain_legend, scene_legend
from rhizoviz.scene.level_labels import LevelLabels
from rhizoviz.scene.markers import KeyPointMarkers
from rhizoviz.scene.overlays import LevelNames, Overlays
from rhizoviz.scene.palette import DEFAULT_PALETTE, Palette, get_palette, hex_to_rgb
from rhizoviz.scene.picking import Pick, ScenePicking
from rhizoviz.scene.roots import RootParts, RootSet
from rhizoviz.scene.skin import (
    BodyLike,
    Skin,
    SkinLookup,
    StatusRule,
    check_modality,
    sensation_status,
)
from rhizoviz.scene.spine import (
    ROOT_KINDS,
    VERTEBRAE_MODES,
    SpineFrame,
    StillParts,
    coarse_groups,
    sort_spine,
)
from rhizoviz.scene.targets import RootTargets
from rhizoviz.scene.text_image import window_dpi
from rhizoviz.scene.viewing import SceneViewing

__all__ = ["VERTEBRAE_MODES", "VIEWS", "AnatomyScene", "BodyLike", "Pick", "SceneError",
           "SkinLookup", "configure_plotter"]

Root = tuple[str, str]  # (level, side)

PRESENTATION_ROOT_MM = 0.6  # added to every root's radius in presentation mode


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


class AnatomyScene(ScenePicking, SceneViewing):
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
        skin_rule: StatusRule = sensation_status,
        coarse: Mapping[str, Any] | None = None,
    ) -> None:
        """``coarse``: the spine with its bones decimated (``load_spine(detail="coarse")``),
        drawn in the whole-body views; without it every view draws ``spine``'s bones."""
        self.plotter = plotter
        self.atlas = atlas or load_atlas()
        self.palette = get_palette(palette)
        self._presentation = False
        self._spec: ViewSpec = VIEW_SPECS["anterior"]
        self._state = State()
        self._pixel_scale = 1.0
        self._fixed_pixel_scale: float | None = None
        self._framing = Framing(plotter)
        self._modality = PIN_PRICK
        self._highlight_kind = DORSAL
        self._pain_map: tuple[CutSet, str, tuple[str, str]] | None = None  # while shown
        ren = plotter.renderer

        # built in drawing order: skin, markers, still spine parts, roots, 2D overlays
        self.skin = Skin(plotter, body, self.palette, skin_rule, self.atlas)
        self.markers = KeyPointMarkers(plotter, body, self.skin.points, self.skin.normals,
                                       self.atlas, self.palette, skin_rule)
        parts = sort_spine(spine)
        self.spine_frame = SpineFrame(spine, self.skin.mesh.bounds)
        self.spine_scale = self.spine_frame.scale
        self.still = StillParts(ren, parts.groups,
                                coarse_groups(spine, coarse) if coarse is not None else None)
        self.root_sets: dict[str, RootSet] = {
            kind: RootSet(ren, kind, parts.roots[kind], atlas=self.atlas, palette=self.palette,
                          midline_x=float(self.spine_frame.centre[0]),
                          ganglia=parts.ganglia.get(kind),
                          ganglion_centres=parts.ganglion_centres,
                          rootlets=parts.rootlets.get(kind))
            for kind in ROOT_KINDS
        }
        self.dorsal = self.root_sets["dorsal"]
        self.targets = RootTargets(self.root_sets)
        self.spine_actors: list[vtkActor] = list(self.still.actors)
        for roots in self.root_sets.values():
            self.spine_actors += roots.actors
        names = LevelNames(ren, self.dorsal.keys, self.dorsal.parts, self.atlas)
        self.overlays = Overlays(plotter, names, caption, show_legend)
        levels = list(dict.fromkeys(level for level, _side in self.dorsal.keys))
        self.numberings = VertebraSegmentNames(ren, spine, levels)

        # a weak reference: VTK holding a bound method would keep the whole scene alive
        this = weakref.ref(self)

        def on_start(*_args: object) -> None:
            scene = this()
            if scene is not None:
                scene._apply_pixel_scale()
                scene._framing.refit_if_resized(scene._free_regions)
                scene.overlays.pin_names(scene._framing.display_points)
                scene._aim_flags()
                scene.numberings.pin(scene._framing.display_points,
                                     window_dpi(scene.plotter.renderer))

        self._observer: int | None = ren.AddObserver("StartEvent", on_start)
        self.set_palette(self.palette, render=False)
        self.set_vertebrae("translucent", render=False)
        self.update(self._state, render=False)
        self.set_view("anterior", render=False)
        self._apply_pixel_scale(force=True)

    # ---------------------------------------------------- the layers' public faces
    @property
    def body_actor(self) -> Any:
        return self.skin.actor

    @property
    def body_mesh(self) -> pv.PolyData:
        return self.skin.mesh

    @property
    def body_status(self) -> np.ndarray:
        """The skin's status codes per vertex: a live view of the array VTK draws."""
        return self.skin.status

    @property
    def key_point_keys(self) -> list[tuple[str, str]]:
        return self.markers.keys

    @property
    def marker_actor(self) -> Any:
        return self.markers.actor

    @property
    def marker_status(self) -> np.ndarray:
        return self.markers.status

    @property
    def roots(self) -> dict[Root, RootParts]:
        """The dorsal roots by (level, side): where each lies and its state."""
        return self.dorsal.parts

    @property
    def roots_actor(self) -> vtkActor:
        return self.dorsal.actor

    @property
    def ganglia_actor(self) -> vtkActor | None:
        return self.dorsal.ganglia.actor if self.dorsal.ganglia is not None else None

    @property
    def labels(self) -> LevelLabels:
        return self.overlays.labels

    @property
    def legend(self) -> Legend:
        return self.overlays.legend

    @property
    def caption_actor(self) -> vtkTextActor:
        return self.overlays.caption_actor

    @property
    def note_actor(self) -> vtkTextActor:
        return self.overlays.note_actor

    @property
    def framed_mtime(self) -> int:
        """The camera's modification time when the scene last framed a preset view: a
        camera whose time differs has been moved by the user since."""
        return self._framing.framed_mtime

    # the layers' own names for these, read by the tests
    @property
    def _group_actors(self) -> dict[str, vtkActor]:
        return self.still.group_actors

    @property
    def _flag_actors(self) -> dict[str, vtkActor]:
        return self.dorsal.flags.actors

    @property
    def _marker_points(self) -> np.ndarray:
        return self.markers.points

    @property
    def _framed_size(self) -> tuple[int, int]:
        return self._framing.framed_size

    # ----------------------------------------------------------- recolouring
    def update(self, state: State, *, render: bool = True) -> None:
        """Show ``state``: recolour skin and markers, restyle the cut roots. No rebuilds.

        Skin and markers take the core's rule on their precomputed label combinations
        (well under a millisecond); the whole outcome is not needed to draw a cut.
        """
        masks = RootMasks.from_cuts(state.cuts, self.atlas)
        self.skin.show_pain(False)
        self._pain_map = None
        self.skin.update(state, masks)
        self.markers.update(state, masks)
        by_kind: dict[str, dict[Root, float]] = {DORSAL: {}, VENTRAL: {}, GANGLION: {}}
        for (kind, level, side), fraction in state.cuts.root_fractions().items():
            by_kind.setdefault(kind, {})[(level, side)] = fraction
        for kind, roots in self.root_sets.items():
            roots.set_cuts(by_kind.get(kind, {}), removed=by_kind[GANGLION])
        self._restyle_roots()
        self._state = state
        self.overlays.names.show(self._level_cut())
        self._hide_names_beside_numberings()
        if self.overlays.legend.set_entries(self._legend_entries()):
            self._layout_legend(force=True)
        if render:
            self.render()

    def _level_cut(self) -> np.ndarray:
        """Per dorsal root: the most cut of its level and side's roots (for the names)."""
        cuts = self._state.cuts
        return np.array([max(cuts.fraction(level, side, kind) for kind in (DORSAL, VENTRAL,
                                                                            GANGLION))
                         for level, side in self.dorsal.keys])

    def _legend_entries(self) -> tuple:
        kinds = {kind for kind, _level, _side in self._state.cuts.root_fractions()}
        entries = scene_legend(self._modality, ventral_cut=VENTRAL in kinds,
                               ganglion_removed=GANGLION in kinds, dura=self.still.dura_visible,
                               numberings=self._spec.both_numberings)
        if self._pain_map is not None:  # the skin shows where it hurts, not sensation
            return pain_legend(entries, self._pain_map[2])
        return entries

    def set_modality(self, modality: str, *, render: bool = True) -> None:
        """Show pin prick or light touch on the skin and markers: a recolour, no rebuild."""
        self._modality = check_modality(modality)
        self.skin.set_modality(modality)
        self.markers.set_modality(modality)
        pain = self._pain_map
        self.update(self._state, render=render and pain is None)
        if pain is not None:  # a pain map is no sensation: the modality does not change it
            self.show_pain_map(*pain[:2], render=render, words=pain[2])

    @property
    def modality(self) -> str:
        return self._modality

    def show_skin(self, cuts: Any, model: str, *, render: bool = True) -> None:
        """Colour skin and key points as ``cuts`` would under ``model``; roots stay as drawn.

        A quiz shows the loss of cuts it keeps hidden from the spine, a case draws a
        pain map or a block's numbness. The next :meth:`update` draws the state's own
        skin again.
        """
        shown = State(cuts=cuts if isinstance(cuts, CutSet) else CutSet(cuts), model=model)
        masks = RootMasks.from_cuts(shown.cuts, self.atlas)
        self.skin.show_pain(False)
        self._pain_map = None
        self.skin.update(shown, masks)
        self.markers.update(shown, masks)
        if render:
            self.render()

    def show_pain_map(self, cuts: Any, model: str, *, render: bool = True,
                      words: tuple[str, str] = PAIN_WORDS) -> None:
        """Colour the skin the full cut of ``cuts`` would numb in the palette's pain colour,
        and let the legend say it is where the patient hurts: a case's pain map, which a
        student must not read as numbness (``words``: the legend's heading and swatch
        label, for a symptom other than pain). Markers keep the state's own statuses; the
        next :meth:`update` draws sensation (and its legend) again."""
        shown = State(cuts=cuts if isinstance(cuts, CutSet) else CutSet(cuts), model=model)
        self.skin.update(shown, RootMasks.from_cuts(shown.cuts, self.atlas))
        self.skin.show_pain(True)
        self._pain_map = (shown.cuts, model, words)
        if self.overlays.legend.set_entries(self._legend_entries()):
            self._layout_legend(force=True)
        if render:
            self.render()

    @property
    def pain_map_shown(self) -> bool:
        return self._pain_map is not None

    def show_marks(self, marks: Mapping[Root, str], *, render: bool = True) -> None:
        """Colour the key-point markers by status name ('normal', 'impaired', 'absent');
        markers not named are drawn normal. A student's answer, or one lit point."""
        self.markers.show_statuses(marks)
        if render:
            self.render()

    def _restyle_roots(self) -> None:
        inflate = self._root_inflate()
        pose = (self._spec.name, self.spine_frame.placement)
        for roots in self.root_sets.values():
            roots.restyle(inflate, self._spec.overview, pose, self._toward_camera,
                          close_up=self._spec.name.startswith("level:"))

    def _aim_flags(self) -> None:
        """Before a frame: stand the rings of removed ganglia and the always-shown flags
        of cut ventral roots on the camera's rays (nothing to do without them)."""
        if not any(r.flags.flagged.any() or (r.ganglia is not None and r.ganglia.rings.shown.any())
                   for r in self.root_sets.values()):
            return
        frame = self.spine_frame
        cam = np.asarray(self.plotter.camera.GetPosition(), dtype=np.float64)
        m = frame.m[:3, :3]
        camera = np.linalg.solve(m, cam - frame.m[:3, 3])
        mm_per_px = 1.0 / max(self._framing.pixels_per_mm() * self.spine_scale, 1e-9)
        for roots in self.root_sets.values():
            roots.aim(camera, mm_per_px)

    def _toward_camera(self) -> np.ndarray:
        """The view's camera direction in the spine's own frame, unit length."""
        toward = self.spine_frame.m[:3, :3].T @ np.asarray(self._spec.direction)
        return toward / max(float(np.linalg.norm(toward)), 1e-9)

    def _root_inflate(self) -> float:
        """Millimetres added to every root's radius (in the spine's own frame).

        Real roots are ~2 mm thick: in a whole-body view they would be two pixels wide,
        too thin to see a cut from a lecture seat. Overviews draw them thicker, the
        spine view a little, a close-up true to size; presentation mode adds more.
        """
        return self._spec.root_inflate + (PRESENTATION_ROOT_MM if self._presentation else 0.0)

    def highlight_roots(self, roots: Iterable[Root], *, render: bool = True,
                        kind: str = DORSAL) -> None:
        """Draw these roots in the highlight colour (a dorsal root's ganglion with it; a
        ``ganglion`` kind lights the dorsal root and its ganglion); an empty list clears
        every highlight."""
        wanted = tuple(tuple(r) for r in roots)
        self._highlight_kind = kind
        set_kind = VENTRAL if kind == VENTRAL else DORSAL
        for name, roots_of_kind in self.root_sets.items():
            roots_of_kind.set_highlight(wanted if name == set_kind else ())
        self._restyle_roots()
        if render:
            self.render()

    @property
    def highlighted_roots(self) -> tuple[Root, ...]:
        return tuple(k for roots in self.root_sets.values() for k in roots.highlighted)

    @property
    def highlighted_kind(self) -> str:
        """The kind the last :meth:`highlight_roots` lit (dorsal when none is lit)."""
        return self._highlight_kind if self.highlighted_roots else DORSAL

    def set_palette(self, palette: str | Palette, *, render: bool = True) -> None:
        """Switch every colour at once: a few lookup tables and properties, no meshes."""
        p = get_palette(palette)
        self.palette = p
        self.skin.set_palette(p)
        self.markers.set_palette(p)
        self.still.set_palette(p)
        for roots in self.root_sets.values():
            roots.set_palette(p)
        self.overlays.set_palette(p)
        self.numberings.set_palette(p)
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
        self.still.set_vertebrae(mode)
        if render:
            self.render()

    @property
    def vertebrae_mode(self) -> str:
        return self.still.vertebrae_mode

    def set_dura(self, visible: bool, *, render: bool = True) -> None:
        """The dural sac shown see-through round the cord and cauda equina, or hidden."""
        self.still.set_dura(visible)
        if self.legend.set_entries(self._legend_entries()):
            self._layout_legend(force=True)
        if render:
            self.render()

    @property
    def dura_visible(self) -> bool:
        return self.still.dura_visible

    def set_presentation(self, on: bool, *, render: bool = True) -> None:
        """Thicker roots and larger markers and text for the back of a lecture hall."""
        self._presentation = bool(on)
        self._restyle_roots()
        self._apply_pixel_scale(force=True)
        if render:
            self.render()

    @property
    def presentation(self) -> bool:
        return self._presentation

    def set_caption(self, text: str | None, *, render: bool = True) -> None:
        """The line across the top: the scenario's name, for slides and presentation mode."""
        self.overlays.set_caption(text)
        self._layout_legend(force=False)
        if render:
            self.render()

    def set_legend_visible(self, visible: bool, *, render: bool = True) -> None:
        """Hide the legend (e.g. for a clean figure); it is on by default."""
        self.legend.set_visible(visible)
        if render:
            self.render()

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

    def root_style(self, level: str, side: str, kind: str = DORSAL) -> dict[str, object]:
        """How a root (or, for ``ganglion``, its ganglion) is drawn now, read back from
        what VTK draws: for tests and tooltips."""
        if kind == GANGLION:
            return self.dorsal.ganglion_style((level, side))
        return self.root_sets[kind].style((level, side))

    def root_points(self, level: str, side: str, part: str,
                    kind: str = DORSAL) -> tuple[np.ndarray, np.ndarray]:
        """(as drawn now, as built) points of a root's ``"body"`` or ``"gap"``, spine frame.

        The first is a live view of VTK's array: it follows later changes.
        """
        return self.root_sets[kind].points_of((level, side), part)

    def close(self) -> None:
        """Detach the render observer (the plotter itself belongs to the caller)."""
        if self._observer is not None:
            self.plotter.renderer.RemoveObserver(self._observer)
            self._observer = None
