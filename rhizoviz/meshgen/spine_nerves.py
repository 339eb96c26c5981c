"""The cord, filum terminale and roots: where each segment sits and how its roots leave.

The cord's segments sit higher than their vertebrae (facts.md section 1), so a
root runs down the canal before it leaves by its own foramen, most steeply in the
cauda equina below the conus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.meshgen.bent_frame import to_world
from rhizoviz.meshgen.canal import canal_half_size
from rhizoviz.meshgen.sacrum_sdf import sacral_foramen
from rhizoviz.meshgen.spine_layout import COCCYX_V, SACRAL_V, VERTEBRAE, Layout
from rhizoviz.meshgen.tubes import chaikin, loft, tube

# Segment anchors: the vertebral coordinate behind which each cord segment lies.
_SEGMENT_ANCHORS = {
    "C1": -0.3,
    "C8": 6.1,
    "T4": 8.0,
    "T12": 15.2,
    "L1": 16.2,
    "L5": 17.9,
    "S1": 18.2,
    "S5": 19.05,
    "Co1": 19.3,
}
SACRAL_FORAMEN_LEVELS = ("S1", "S2", "S3", "S4")
CONUS_V = 19.45  # tip of the conus medullaris: lower third of L1


def segment_v(level: str) -> float:
    """Vertebral coordinate of a cord segment, interpolated between the anchors."""
    names = load_atlas().level_names
    anchors = [(names.index(k), v) for k, v in _SEGMENT_ANCHORS.items()]
    anchors.sort()
    return float(np.interp(names.index(level), [a for a, _ in anchors], [v for _, v in anchors]))


def foramen_v(level: str) -> float:
    """Where a level leaves: above C1-C7, below C7 for C8, below its own vertebra after."""
    region, num = level[:1], level[1:]
    if level == "Co1":
        return COCCYX_V + 0.5
    if region == "C":
        return int(num) - 1.5
    if region == "T":
        return 7 + int(num) - 1 + 0.5
    if region == "L":
        return 19 + int(num) - 1 + 0.5
    if level == "S5":  # through the notch below the sacrum's inferior lateral angle
        return SACRAL_V + 4.6
    return SACRAL_V + int(num) - 1 + 0.5  # sacral foramina between fused segments


def exits_between(level: str) -> tuple[str, str]:
    """The two bones whose gap a level leaves through (for labels and tests)."""
    bones = ["skull", *VERTEBRAE, "sacrum"]
    v = foramen_v(level)
    if level == "Co1":  # between the first and second coccygeal segments
        return ("coccyx", "coccyx")
    if v > SACRAL_V - 0.5:  # S1-S4 through the sacrum's own foramina, S5 below it
        return ("sacrum", "coccyx") if level == "S5" else ("sacrum", "sacrum")
    upper = int(np.floor(v)) + 1
    return bones[upper], bones[upper + 1]


def cord_radii(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Transverse and sagittal half widths of the cord: two enlargements, then the conus."""
    seg = np.array([segment_v(n) for n in ("C4", "C6", "T1", "T3", "L2", "L5", "S3", "Co1")])
    knots_v = np.concatenate([[-1.0], seg, [CONUS_V]])
    rx = np.interp(v, knots_v, [5.5, 6.5, 7.2, 6.0, 4.4, 4.8, 5.8, 3.5, 1.6, 0.6])
    ry = np.interp(v, knots_v, [4.5, 4.6, 4.8, 4.5, 4.0, 4.2, 4.8, 3.2, 1.5, 0.6])
    return rx, ry


def cord_mesh(layout: Layout) -> trimesh.Trimesh:
    """The cord from the foramen magnum to the conus, flattened front to back."""
    v = np.linspace(-1.0, CONUS_V, 140)
    up, ant, right = layout.frame(v)
    centres = layout.canal(v)
    rx, ry = cord_radii(v)
    return loft(centres, right, ant, rx, ry, sides=16)


def filum_mesh(layout: Layout) -> trimesh.Trimesh:
    """The filum terminale: a thread from the conus down the canal to the coccyx."""
    v = np.linspace(CONUS_V - 0.1, COCCYX_V + 0.6, 40)
    return tube(layout.canal(v), 0.6, sides=5)


@dataclass(frozen=True)
class RootPath:
    level: str
    side: str
    dorsal: np.ndarray  # polyline from the cord to the ganglion
    ventral: np.ndarray  # polyline from the cord to just beyond the ganglion
    ganglion: np.ndarray  # centre of the dorsal root ganglion
    foramen: np.ndarray  # centre of the foramen it leaves through


def root_paths(layout: Layout) -> list[RootPath]:
    """Every root's course: off the cord, down the canal, out through its own foramen."""
    names = load_atlas().level_names
    paths = []
    for level in names:
        v_seg, v_out = segment_v(level), foramen_v(level)
        rank = names.index(level)
        low = max(0, rank - names.index("L1"))  # 0 above the cauda equina, rising caudally
        for side in SIDES:
            sx = 1.0 if side == "right" else -1.0
            paths.append(_root_path(layout, level, side, sx, v_seg, v_out, low))
    return paths


def _root_path(
    layout: Layout, level: str, side: str, sx: float, v_seg: float, v_out: float, low: int
) -> RootPath:
    """Dorsal and ventral courses of one root; ``low`` ranks it within the cauda equina."""
    up, ant, right = layout.frame(v_out)
    sacral = v_out > SACRAL_V - 0.5
    canal_r = 11.0 if not sacral else 8.0
    forward = {"C": 5.5, "T": 4.0, "L": 4.5}.get(level[0], 3.0) if not sacral else 2.0
    foramen = layout.canal(v_out) + right * sx * (canal_r + 4.0) + ant * forward
    ganglion = foramen + right * sx * 4.0
    exit_path: list[np.ndarray] | None = None
    if level in SACRAL_FORAMEN_LEVELS:
        # S1-S4: the ganglion in the lateral channel of the sacral canal; the ventral root
        # goes on out through the anterior sacral foramen
        f = sacral_foramen(layout, int(level[1:]))
        foramen = to_world(layout, np.array([[sx * f.foramen[0], f.foramen[1], f.s]]))[0]
        ganglion = to_world(layout, np.array([[sx * f.ganglion_x, f.foramen[1] - 0.5, f.s]]))[0]
        out = to_world(layout, np.array([[sx * f.anterior[0], f.anterior[1] - 3.0, f.s]]))[0]
        exit_path = [foramen, out]
    drop = v_out - v_seg
    pts = {}
    for kind, a_sign in (("dorsal", -1.0), ("ventral", 1.0)):
        u0, a0, r0 = layout.frame(v_seg)
        rx, ry = cord_radii(np.array([v_seg]))
        start = layout.canal(v_seg) + r0 * sx * rx * 0.75 + a0 * a_sign * ry * 0.6
        course = [start]
        if drop > 0.8:
            # cauda equina: lateral lanes in the canal, lower roots nearer the middle,
            # never wider than the canal at that level allows
            for v in np.linspace(v_seg + 0.3, v_out - 0.4, max(3, int(drop * 2))):
                _, a1, r1 = layout.frame(v)
                half_w, half_d = canal_half_size(np.array([v]))
                lane = min(8.5 - 0.55 * low, float(half_w[0]) - 2.7)
                depth = min(2.0 + 0.2 * low, float(half_d[0]) - 2.0)
                course.append(layout.canal(v) + r1 * sx * lane + a1 * a_sign * depth)
        if exit_path is not None:
            course.append(ganglion - right * sx * 3.0 + ant * a_sign * 1.0)
            course += [ganglion] if kind == "dorsal" else exit_path
        else:
            end = ganglion if kind == "dorsal" else ganglion + right * sx * 6.0 + ant * 2.0
            course.append(foramen - right * sx * 2.0 + ant * a_sign * 1.5)
            course.append(end)
        pts[kind] = chaikin(np.array(course), 2)
    return RootPath(level, side, pts["dorsal"], pts["ventral"], ganglion, foramen)
