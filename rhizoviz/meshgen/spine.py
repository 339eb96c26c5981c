"""The spine scene: vertebrae, discs, cord, roots and ganglia, inside the body.

Everything hangs on one centreline through the vertebral bodies in the midline
(X = 0), curved into cervical lordosis, thoracic kyphosis, lumbar lordosis and
the sacral curve. A *vertebral coordinate* ``v`` runs along it: 0 is the centre
of C1, 1 of C2, ... 23 of L5, then 24-28 the fused sacral segments S1-S5 and
29-32 the coccygeal ones; ``v = i + 0.5`` is the disc (and the foramina) between
vertebra i and i + 1. The cord's segments sit higher than their vertebrae, so
roots run down the canal before they leave, most steeply in the cauda equina.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from scipy.interpolate import CubicSpline

from rhizoviz.core.atlas import SIDES, load_atlas
from rhizoviz.meshgen.tubes import blob, chaikin, loft, merge, tube

VERTEBRAE: tuple[str, ...] = (
    *(f"C{i}" for i in range(1, 8)),
    *(f"T{i}" for i in range(1, 13)),
    *(f"L{i}" for i in range(1, 6)),
)
SACRAL_V = 24.0  # v of the S1 segment of the sacrum
COCCYX_V = 29.0

# Midline centreline of the vertebral bodies (z, y) in mm, top to bottom.
_CURVE_ZY = (
    (1602.0, -4.0),
    (1560.0, -3.0),
    (1520.0, -8.0),
    (1478.0, -22.0),
    (1430.0, -33.0),
    (1360.0, -42.0),
    (1290.0, -42.0),
    (1215.0, -28.0),
    (1150.0, -13.0),
    (1090.0, -4.0),
    (1040.0, -3.0),
    (1000.0, -13.0),
    (976.0, -24.0),
    (952.0, -40.0),
    (928.0, -53.0),
    (905.0, -62.0),
    (884.0, -64.0),
    (866.0, -58.0),
    (852.0, -48.0),
)
C1_TOP_Z = 1594.0
S1_TOP_Z = 977.0

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
CONUS_V = 19.45  # tip of the conus medullaris: lower third of L1


@dataclass(frozen=True)
class Shape:
    """Sizes (mm) of one vertebra's parts."""

    height: float
    disc: float  # disc below it
    half_width: float
    half_depth: float
    canal_x: float
    canal_y: float
    pedicle: float
    spinous: float
    spinous_drop: float  # degrees below the horizontal that the spinous process points
    transverse: float


def _shape(name: str) -> Shape:
    """Sizes grow down the column; spinous processes slope most in the mid-thoracic spine."""
    region, num = name[0], int(name[1:])
    if region == "C":
        k = (num - 1) / 6.0
        return Shape(
            height=13.0 + 2 * k,
            disc=5.0,
            half_width=8.5 + 4 * k,
            half_depth=7.5 + 1.5 * k,
            canal_x=12.0,
            canal_y=7.5,
            pedicle=2.8,
            spinous=24.0 if num == 7 else 13.0 + 3 * k,
            spinous_drop=15.0,
            transverse=10.0 + 3 * k,
        )
    if region == "T":
        k = (num - 1) / 11.0
        return Shape(
            height=17.0 + 6 * k,
            disc=4.5 + 2 * k,
            half_width=13.0 + 7 * k,
            half_depth=10.5 + 4.5 * k,
            canal_x=8.5,
            canal_y=7.5,
            pedicle=3.5 + k,
            spinous=27.0,
            spinous_drop=60.0 - 35.0 * k * k,
            transverse=20.0 - 4 * k,
        )
    k = (num - 1) / 4.0
    return Shape(
        height=26.0 + 3 * k,
        disc=10.0 + 1 * k,
        half_width=21.0 + 4 * k,
        half_depth=15.0 + 2 * k,
        canal_x=11.0,
        canal_y=8.0,
        pedicle=4.8,
        spinous=25.0,
        spinous_drop=5.0,
        transverse=26.0 + 4 * k,
    )


SHAPES: dict[str, Shape] = {name: _shape(name) for name in VERTEBRAE}


class Centreline:
    """Arc-length parametrised midline curve with a frame at every point."""

    def __init__(self) -> None:
        zy = np.array(_CURVE_ZY)
        pts = np.stack([np.zeros(len(zy)), zy[:, 1], zy[:, 0]], axis=1)
        chord = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
        spline = CubicSpline(chord, pts, bc_type="natural")
        fine = np.linspace(0.0, chord[-1], 4001)
        samples = spline(fine)
        arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(samples, axis=0), axis=1))])
        self._arc = arc
        self._pts = samples
        tang = np.gradient(samples, axis=0)
        tang /= np.linalg.norm(tang, axis=1, keepdims=True)
        self._down = tang  # points caudally (the curve runs top to bottom)
        self.length = float(arc[-1])

    def at(self, s: float | np.ndarray) -> np.ndarray:
        s = np.asarray(s, dtype=float)
        return np.stack([np.interp(s, self._arc, self._pts[:, i]) for i in range(3)], axis=-1)

    def frame(self, s: float | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Unit vectors (up along the spine, anterior, right) at arc length ``s``."""
        s = np.asarray(s, dtype=float)
        down = np.stack([np.interp(s, self._arc, self._down[:, i]) for i in range(3)], axis=-1)
        up = -down / np.linalg.norm(down, axis=-1, keepdims=True)
        right = np.broadcast_to(np.array([1.0, 0.0, 0.0]), up.shape)
        ant = np.cross(up, right)  # up x right = anterior for this right-handed frame
        return up, ant, right

    def s_at_z(self, z: float) -> float:
        """Arc length where the curve crosses height ``z`` (the curve descends monotonically)."""
        return float(np.interp(-z, -self._pts[:, 2], self._arc))


@dataclass(frozen=True)
class Layout:
    """Arc-length positions of vertebrae, sacral and coccygeal segments along the centreline."""

    line: Centreline
    v_knots: np.ndarray  # vertebral coordinates with known arc positions
    s_knots: np.ndarray
    tops: dict[str, float]
    bottoms: dict[str, float]

    def s(self, v: float | np.ndarray) -> np.ndarray:
        return np.interp(v, self.v_knots, self.s_knots)

    def point(self, v: float | np.ndarray) -> np.ndarray:
        return self.line.at(self.s(v))

    def frame(self, v: float | np.ndarray):
        return self.line.frame(self.s(v))

    def canal_offset(self, v: float | np.ndarray) -> np.ndarray:
        """Distance from the body centre back to the canal centre."""
        v = np.asarray(v, dtype=float)
        idx = np.clip(np.round(v).astype(int), 0, len(VERTEBRAE) - 1)
        depth = np.array([SHAPES[n].half_depth + SHAPES[n].canal_y + 1.5 for n in VERTEBRAE])
        off = depth[idx]
        sacral = np.clip((v - 23.5) / 5.0, 0.0, 1.0)
        return np.where(v > 23.5, (1 - sacral) * 24.0 + sacral * 14.0, off)

    def canal(self, v: float | np.ndarray) -> np.ndarray:
        _, ant, _ = self.frame(v)
        return self.point(v) - ant * self.canal_offset(v)[..., None]


def build_layout() -> Layout:
    """Stack the vertebrae along the curve so C1's top and S1's top land where they belong."""
    line = Centreline()
    s_top, s_s1 = line.s_at_z(C1_TOP_Z), line.s_at_z(S1_TOP_Z)
    natural = sum(SHAPES[n].height + SHAPES[n].disc for n in VERTEBRAE)
    scale = (s_s1 - s_top) / natural
    s = s_top
    v_knots, s_knots, tops, bottoms = [], [], {}, {}
    for i, name in enumerate(VERTEBRAE):
        h, d = SHAPES[name].height * scale, SHAPES[name].disc * scale
        tops[name] = s
        bottoms[name] = s + h
        if i == 0:
            v_knots.append(-0.5)
            s_knots.append(s - 6.0)
        v_knots.append(float(i))
        s_knots.append(s + 0.5 * h)
        s += h + d
    sacral = (22.0, 20.0, 17.0, 14.0, 11.0)
    coccyx = (9.0, 8.0, 7.0, 6.0)
    for j, h in enumerate(sacral + coccyx):
        v_knots.append(SACRAL_V + j)
        s_knots.append(s + 0.5 * h)
        s += h
    v_knots.append(SACRAL_V + len(sacral) + len(coccyx) - 0.5)
    s_knots.append(min(s, line.length))
    return Layout(line, np.array(v_knots), np.array(s_knots), tops, bottoms)


def _local(layout: Layout, v: float, offsets: np.ndarray) -> np.ndarray:
    """Points given as (right, anterior, up) offsets from the body centre at ``v``."""
    up, ant, right = layout.frame(v)
    o = np.atleast_2d(offsets)
    return layout.point(v) + o[:, :1] * right + o[:, 1:2] * ant + o[:, 2:3] * up


def _body_loft(layout: Layout, s0: float, s1: float, hw: float, hd: float, n: int = 4):
    s = np.linspace(s0, s1, n)
    up, ant, right = layout.line.frame(s)
    waist = 1.0 - 0.08 * np.sin(np.linspace(0.0, np.pi, n))
    centres = layout.line.at(s)
    return loft(centres, right, ant, hw * waist, hd * waist, sides=20, squareness=2.6)


def vertebra_mesh(layout: Layout, i: int) -> trimesh.Trimesh:
    """Body, pedicles, lamina, spinous, transverse and articular processes of vertebra i."""
    name = VERTEBRAE[i]
    sh = SHAPES[name]
    parts = []
    s0, s1 = layout.tops[name], layout.bottoms[name]
    h = s1 - s0
    canal = sh.half_depth + sh.canal_y + 1.5
    if name != "C1":
        parts.append(_body_loft(layout, s0, s1, sh.half_width, sh.half_depth))
    else:  # the atlas: an anterior arch and lateral masses instead of a body
        arch = _local(layout, i, np.array([[-13, 4, 0], [-6, 9, 0], [6, 9, 0], [13, 4, 0]]))
        parts.append(tube(chaikin(arch), 3.5, sides=8))
        for sx in (-1, 1):
            parts.append(
                blob(
                    _local(layout, i, np.array([[sx * 15, -4, 0]]))[0],
                    np.stack(layout.frame(i)[::-1], axis=1),
                    (7, 9, 7),
                )
            )
    if name == "C2":  # the dens rises into the atlas
        dens = _local(layout, i, np.array([[0, 2, 0], [0, 2, 0.5 * h + 12]]))
        parts.append(tube(dens, 4.5, sides=8))
    # neural arch round the canal: pedicles, lamina, spinous process
    ped_z = 0.15 * h
    for sx in (-1, 1):
        ped = np.array(
            [
                [sx * (sh.canal_x * 0.7), -sh.half_depth * 0.6, ped_z],
                [sx * (sh.canal_x + 2.0), -canal + 1.0, ped_z],
            ]
        )
        parts.append(tube(_local(layout, i, ped), sh.pedicle, sides=8))
        facet = np.array(
            [
                [sx * (sh.canal_x + 2.0), -canal - 1.0, -0.5 * h - 3.0],
                [sx * (sh.canal_x + 2.0), -canal - 1.0, 0.5 * h + 3.0],
            ]
        )
        parts.append(tube(_local(layout, i, facet), sh.pedicle * 1.05, sides=8))
        lat = 1.0 if name[0] != "T" else 0.75
        tp = np.array(
            [
                [sx * (sh.canal_x + 2.0), -canal + 1.0, ped_z],
                [
                    sx * (sh.canal_x + 2.0 + sh.transverse * lat),
                    -canal + 1.0 - sh.transverse * (1 - lat),
                    ped_z + 1.0,
                ],
            ]
        )
        parts.append(tube(_local(layout, i, tp), sh.pedicle * 0.9, sides=8))
    ang = np.linspace(-np.pi / 2, np.pi / 2, 9)
    ax, ay = sh.canal_x + 2.0, sh.canal_y + 2.0
    arch_pts = np.stack([ax * np.sin(ang), -canal - ay * np.cos(ang), np.zeros_like(ang)], axis=1)
    outward = np.stack([np.sin(ang), -np.cos(ang), np.zeros_like(ang)], axis=1)
    up = np.tile(_direction(layout, i, np.array([0.0, 0.0, 1.0])), (len(ang), 1))
    # the laminae: a curved plate roofing the canal behind
    lamina = loft(
        _local(layout, i, arch_pts),
        up,
        _direction(layout, i, outward),
        0.32 * h,
        sh.pedicle * 0.7,
        sides=8,
        squareness=3.0,
    )
    parts.append(lamina)
    root = np.array([0.0, -canal - ay, 0.0])
    drop = np.radians(sh.spinous_drop)
    along = np.array([0.0, -np.cos(drop), -np.sin(drop)])
    tip = root + sh.spinous * along
    spin = _local(layout, i, np.stack([root, 0.5 * (root + tip), tip]))
    tall = _direction(layout, i, np.tile([0.0, -np.sin(drop), np.cos(drop)], (3, 1)))
    side = _direction(layout, i, np.tile([1.0, 0.0, 0.0], (3, 1)))
    height = {"C": 3.5, "T": 4.5, "L": 9.0}[name[0]] * np.array([1.0, 0.9, 0.75])
    parts.append(loft(spin, tall, side, height, sh.pedicle * 0.65, sides=8, squareness=3.0))
    return merge(parts)


def _direction(layout: Layout, v: float, local: np.ndarray) -> np.ndarray:
    """Directions given as (right, anterior, up) components, in the body frame at ``v``."""
    up, ant, right = layout.frame(v)
    d = np.atleast_2d(local)
    return d[:, :1] * right + d[:, 1:2] * ant + d[:, 2:3] * up


def disc_mesh(layout: Layout, upper: str, lower: str) -> trimesh.Trimesh:
    a, b = SHAPES[upper], SHAPES[lower]
    s0, s1 = layout.bottoms[upper], layout.tops[lower]
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    hw = np.array([a.half_width, 0.5 * (a.half_width + b.half_width), b.half_width]) * 0.98
    hd = np.array([a.half_depth, 0.5 * (a.half_depth + b.half_depth), b.half_depth]) * 0.98
    return loft(layout.line.at(s), right, ant, hw * np.array([1, 1.03, 1]), hd, 20, 2.6)


def sacrum_mesh(layout: Layout) -> trimesh.Trimesh:
    """A curved wedge from the L5/S1 disc to the coccyx, wide at the top, with its canal."""
    v = np.linspace(SACRAL_V - 0.5, SACRAL_V + 4.5, 11)
    up, ant, right = layout.frame(v)
    centres = layout.point(v) - ant * 10.0  # behind the body line: it encloses the canal
    k = (v - v[0]) / (v[-1] - v[0])
    half_w = 52.0 * (1 - k) + 14.0 * k
    half_d = 22.0 * (1 - k) + 9.0 * k
    body = loft(centres, right, ant, half_w, half_d, sides=24, squareness=3.0)
    # median crest of fused spinous processes
    crest = layout.canal(np.linspace(SACRAL_V, SACRAL_V + 3.5, 5)) - ant[1:10:2] * 9.0
    return merge([body, tube(crest, 3.5, sides=8)])


def coccyx_mesh(layout: Layout) -> trimesh.Trimesh:
    v = np.linspace(COCCYX_V - 0.5, COCCYX_V + 3.4, 6)
    up, ant, right = layout.frame(v)
    k = (v - v[0]) / (v[-1] - v[0])
    return loft(
        layout.point(v),
        right,
        ant,
        13.0 * (1 - k) + 4.0 * k,
        7.0 * (1 - k) + 3.0 * k,
        sides=12,
        squareness=2.2,
    )


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
    v = np.linspace(-1.0, CONUS_V, 140)
    up, ant, right = layout.frame(v)
    centres = layout.canal(v)
    rx, ry = cord_radii(v)
    return loft(centres, right, ant, rx, ry, sides=16)


def filum_mesh(layout: Layout) -> trimesh.Trimesh:
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


def _root_path(layout, level, side, sx, v_seg, v_out, low) -> RootPath:
    up, ant, right = layout.frame(v_out)
    sacral = v_out > SACRAL_V - 0.5
    canal_r = 11.0 if not sacral else 8.0
    forward = 3.0 if not sacral else 8.0
    foramen = layout.canal(v_out) + right * sx * (canal_r + 4.0) + ant * forward
    ganglion = foramen + right * sx * 4.0
    drop = v_out - v_seg
    pts = {}
    for kind, a_sign in (("dorsal", -1.0), ("ventral", 1.0)):
        u0, a0, r0 = layout.frame(v_seg)
        rx, ry = cord_radii(np.array([v_seg]))
        start = layout.canal(v_seg) + r0 * sx * rx * 0.75 + a0 * a_sign * ry * 0.6
        course = [start]
        if drop > 0.8:
            # cauda equina: lateral lanes in the canal, lower roots nearer the middle
            lane = 8.5 - 0.55 * low
            for v in np.linspace(v_seg + 0.3, v_out - 0.4, max(3, int(drop * 2))):
                _, a1, r1 = layout.frame(v)
                course.append(layout.canal(v) + r1 * sx * lane + a1 * a_sign * (2.0 + 0.2 * low))
        end = ganglion if kind == "dorsal" else ganglion + right * sx * 6.0 + ant * 2.0
        course.append(foramen - right * sx * 2.0 + ant * a_sign * 1.5)
        course.append(end)
        pts[kind] = chaikin(np.array(course), 2)
    return RootPath(level, side, pts["dorsal"], pts["ventral"], ganglion, foramen)


def build_spine() -> tuple[dict[str, trimesh.Trimesh], dict]:
    """All named parts, and facts about them (foramina, segments) for the sidecar."""
    layout = build_layout()
    parts: dict[str, trimesh.Trimesh] = {}
    for i, name in enumerate(VERTEBRAE):
        parts[f"vertebra_{name}"] = vertebra_mesh(layout, i)
    parts["sacrum"] = sacrum_mesh(layout)
    parts["coccyx"] = coccyx_mesh(layout)
    for upper, lower in zip(VERTEBRAE[1:], [*VERTEBRAE[2:], "S1"], strict=True):
        if lower == "S1":
            parts["disc_L5_S1"] = _disc_to_sacrum(layout)
        else:
            parts[f"disc_{upper}_{lower}"] = disc_mesh(layout, upper, lower)
    parts["spinal_cord"] = cord_mesh(layout)
    parts["filum_terminale"] = filum_mesh(layout)
    facts: dict = {"levels": {}}
    for path in root_paths(layout):
        thin = 0.6 if path.level == "C1" else 1.0
        r_d = (1.1 if path.level[0] in "CLS" else 0.9) * thin
        suffix = f"{path.level}_{path.side}"
        parts[f"dorsal_root_{suffix}"] = tube(path.dorsal, r_d, sides=6)
        parts[f"ventral_root_{suffix}"] = tube(path.ventral, r_d * 0.8, sides=6)
        up, ant, right = layout.frame(foramen_v(path.level))
        gsize = (3.0 * thin, 3.0 * thin, 5.5 * thin)
        axes = np.stack([ant, up, right], axis=1)
        parts[f"dorsal_root_ganglion_{suffix}"] = blob(path.ganglion, axes, gsize)
        entry = facts["levels"].setdefault(path.level, {})
        entry["exits_between"] = list(exits_between(path.level))
        entry["segment_z"] = round(float(layout.canal(segment_v(path.level))[2]), 1)
        entry.setdefault("foramen", {})[path.side] = [round(float(c), 1) for c in path.foramen]
    facts["conus_z"] = round(float(layout.canal(CONUS_V)[2]), 1)
    facts["vertebra_centre_z"] = {
        n: round(float(layout.point(i)[2]), 1) for i, n in enumerate(VERTEBRAE)
    }
    return parts, facts


def _disc_to_sacrum(layout: Layout) -> trimesh.Trimesh:
    a = SHAPES["L5"]
    s0 = layout.bottoms["L5"]
    s1 = float(layout.s(SACRAL_V - 0.5))
    s = np.linspace(s0, s1, 3)
    up, ant, right = layout.line.frame(s)
    return loft(layout.line.at(s), right, ant, a.half_width * 0.98, a.half_depth * 0.98, 20, 2.6)
