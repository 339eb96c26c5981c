"""Per-vertex dermatome labels after the classic chart (facts.md section 8).

Each right-half vertex is assigned to the figure part nearest it (thigh, palm,
little finger ...) and then to a level by simple rules in that part's own
coordinates: height along the trunk, the fraction of the way down a limb, and
which side of the limb's axial lines it lies on. The left half copies its mirror
twin. Boundaries are approximate by nature: published maps differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.meshgen import figure as fig
from rhizoviz.meshgen.body import Surface
from rhizoviz.meshgen.sdf import nearest_part

FACE = ""  # trigeminal skin: no spinal level

# Front-midline heights (mm) of the lower edge of each trunk band, cranial to caudal.
# T4 holds the nipples (~1278), T6 the xiphoid (~1203), T10 the umbilicus (~1050).
TRUNK_BANDS: tuple[tuple[str, float], ...] = (
    ("C4", 1395.0),
    ("T2", 1345.0),
    ("T3", 1300.0),
    ("T4", 1255.0),
    ("T5", 1220.0),
    ("T6", 1185.0),
    ("T7", 1150.0),
    ("T8", 1112.0),
    ("T9", 1072.0),
    ("T10", 1028.0),
    ("T11", 980.0),
    ("T12", 928.0),
)
TRUNK_PARTS = frozenset({"pelvis", "abdomen", "chest", "pectoral", "shoulder", "buttock"})
HEAD_PARTS = frozenset({"cranium", "jaw", "nose", "ear"})
HAND_LEVEL = {"thumb": "C6", "index": "C6", "middle": "C7", "ring": "C8", "little": "C8"}
TOE_PARTS = frozenset(name for name, *_ in fig.TOES)
FOOT_PARTS = frozenset({"foot", "instep", "heel"}) | TOE_PARTS
AXILLA = np.array([150.0, -4.0, 1285.0])
FOOT_AXIS_X = 98.0


@dataclass(frozen=True)
class Labels:
    """Per-vertex level name (``FACE`` for trigeminal skin), side and overlap supply."""

    level: np.ndarray  # str per vertex
    side: np.ndarray  # "left" / "right" / "midline"
    supply: tuple[tuple[str, ...], ...]
    occipital: np.ndarray  # bool: C2 skin that no neighbour overlaps
    anus: np.ndarray  # xyz of the anal verge on the midline


def _limb_frame(p: np.ndarray, a, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fraction ``t`` along a limb axis a->b, and the unit anterior/lateral components."""
    a, b = np.asarray(a), np.asarray(b)
    ab = b - a
    t = np.clip(((p - a) @ ab) / (ab @ ab), 0.0, 1.0)
    v = p - (a + t[:, None] * ab)
    rho = np.maximum(np.hypot(v[:, 0], v[:, 1]), 1e-9)
    return t, v[:, 1] / rho, v[:, 0] / rho  # t, anterior cosine, lateral sine


def _trunk_level(p: np.ndarray) -> np.ndarray:
    """Bands that wrap round the trunk and slope downward towards the front."""
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    rho = np.maximum(np.hypot(x, y), 1e-9)
    behind = 0.5 * (1.0 - y / rho)  # 0 at the front midline, 1 at the back midline
    slope = np.clip((1400.0 - z) * 0.3, 0.0, 60.0)
    z_eff = z - slope * behind
    out = np.full(len(p), "L1", dtype="<U3")
    for name, lower in reversed(TRUNK_BANDS):
        out[z_eff >= lower] = name
    # C3 comes down to the clavicles in front and to the base of the neck behind
    clavicle = 1442.0 + 0.08 * x + 28.0 * behind
    neck_or_fossa = (x < 70.0) | ((y > 15.0) & (x < 125.0))
    out[(z >= clavicle) & neck_or_fossa] = "C3"
    return out


def _arm_level(part: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = np.full(len(p), "", dtype="<U3")
    t, _, lat = _limb_frame(p, fig.SHOULDER, fig.ELBOW)
    upper = np.isin(part, ["upper_arm", "deltoid"])
    out[upper] = np.where(lat[upper] >= 0.0, "C5", np.where(t[upper] < 0.8, "T2", "T1"))
    out[(part == "deltoid") & (p[:, 2] > 1432.0)] = "C4"
    t, ant, lat = _limb_frame(p, fig.ELBOW, fig.WRIST)
    fore = np.isin(part, ["forearm", "forearm_muscle"])
    medial = np.where(t < 0.5, "T1", "C8")
    strip = (ant < -0.8) & (t > 0.35)
    out[fore] = np.where(strip[fore], "C7", np.where(lat[fore] >= 0.0, "C6", medial[fore]))
    palm = part == "palm"
    dx = p[:, 0] - fig.PALM_CENTRE[0]
    out[palm] = np.where(dx[palm] > 16.0, "C6", np.where(dx[palm] > -3.0, "C7", "C8"))
    for name, level in HAND_LEVEL.items():
        out[part == name] = level
    return out


def _leg_level(part: np.ndarray, p: np.ndarray) -> np.ndarray:
    out = np.full(len(p), "", dtype="<U3")
    # thigh: oblique anterior bands L1-L3 (upper lateral to lower medial), S2 behind
    t, ant, lat = _limb_frame(p, fig.HIP, fig.KNEE)
    # L1 tops the thigh below the groin fold (lower medially); L2 then L3 run obliquely,
    # L2 over the anterior and lateral mid-thigh, L3 down to the medial knee
    front = np.where(t - 0.25 * lat < 0.55, "L2", "L3")
    front = np.where(t + 0.08 * lat < 0.12, "L1", front)
    back_medial = (ant < 0.0) & (lat < -0.3)
    thigh = np.where(ant < -0.6, "S2", np.where(back_medial, np.where(t < 0.35, "S3", "S2"), front))
    sel = part == "thigh"
    out[sel] = thigh[sel]
    sel = part == "knee"
    out[sel] = np.where(ant[sel] < -0.5, "S2", "L3")
    # leg: L4 medial, L5 lateral, S2 then S1 up the back of the calf
    t, ant, lat = _limb_frame(p, fig.KNEE, fig.ANKLE)
    back = np.where(t < 0.55, "S2", "S1")
    leg = np.where(ant < -0.55, back, np.where(lat < 0.2, "L4", "L5"))
    leg = np.where((t > 0.8) & (ant < 0.0) & (lat > 0.3), "S1", leg)
    sel = np.isin(part, ["leg", "calf"])
    out[sel] = leg[sel]
    sel = part == "malleolus"
    out[sel] = np.where(p[sel, 0] < fig.ANKLE[0], "L4", "S1")
    # foot: L4 medial edge and big-toe side, L5 dorsum, S1 lateral edge, heel and sole
    x, z = p[:, 0], p[:, 2]
    m = x - FOOT_AXIS_X  # across the foot: negative medial (big toe side), positive lateral
    foot = np.where(m < -24.0, "L4", np.where(m > 22.0, "S1", "L5"))
    foot = np.where(z < 9.0, np.where(m < -34.0, "L4", "S1"), foot)
    foot = np.where(part == "heel", "S1", foot)
    foot = np.where(part == "fifth", "S1", foot)
    hallux_x = fig.TOES[0][1][0]
    foot = np.where((part == "hallux") & (x < hallux_x) & (z >= 9.0), "L4", foot)
    sel = np.isin(part, list(FOOT_PARTS))
    out[sel] = foot[sel]
    return out


def _find_anus(v: np.ndarray, midline: np.ndarray) -> np.ndarray:
    """The anal verge: on the midline, a little behind the lowest point of the perineum."""
    mid = v[midline & (v[:, 2] > 600.0)]
    perineum = mid[np.argmin(mid[:, 2])]
    target = perineum + np.array([0.0, -32.0, 6.0])
    return mid[np.argmin(np.linalg.norm(mid - target, axis=1))]


def _saddle(p: np.ndarray, level: np.ndarray, part: np.ndarray, anus: np.ndarray) -> np.ndarray:
    """Concentric S3-S5 rings round the anus, Co1 over the coccyx, L1-L3 and S2 on the buttock.

    S3 covers the medial buttock and the skin over the sacrum; the upper outer
    buttock takes L1-L3 from above and the buttock crease S2 from the thigh below.
    """
    out = level.copy()
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    region = np.isin(part, ["pelvis", "buttock", "thigh", "abdomen"]) & (z < 960.0)
    behind = y < anus[1] + 45.0
    d = np.linalg.norm((p - anus) * np.array([1.0, 0.8, 1.0]), axis=1)
    buttock = region & behind & (out != "C3") & ((out == "L1") | (part == "buttock"))
    outer = buttock & (d >= 85.0)
    # L1-L3 cross the upper outer buttock sloping down towards the hip
    zb = z + 0.4 * (x - 40.0)
    out[outer] = np.where(zb[outer] > 928.0, "L1", np.where(zb[outer] > 892.0, "L2", "L3"))
    out[outer & (zb < 858.0)] = "S2"
    sacral = region & behind & (x < 38.0) & (z < 945.0) & (y < anus[1])
    out[(buttock & (d < 85.0)) | sacral] = "S3"
    out[region & (d < 42.0)] = "S4"
    out[region & (d < 20.0)] = "S5"
    coccyx = region & (x < 14.0) & (z > anus[2] + 36.0) & (d < 100.0) & (y < anus[1])
    out[coccyx] = "Co1"
    return out


def _head_level(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Trigeminal face in front of the vertex-ear-jaw line, C2 behind it, C3 below."""
    y, z = p[:, 1], p[:, 2]
    # coronal line from the vertex down to just in front of the ear, then to the jaw angle
    line_y = np.where(z > 1628.0, 14.0 - (z - 1628.0) * 0.15, 14.0 + (1628.0 - z) * 0.1)
    jaw_z = 1556.0 - (y - 20.0) * 0.3
    face = (y > line_y) & (z > jaw_z)
    out = np.where(face, FACE, np.where(z > 1552.0 - 0.2 * np.maximum(-y, 0.0), "C2", "C3"))
    occipital = (out == "C2") & (y < -18.0) & (z > 1585.0)
    return out.astype("<U3"), occipital


def label_right_half(
    v: np.ndarray, midline: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Levels, occipital flags and the anus position, computed for every vertex with x >= 0."""
    prims = fig.figure_primitives()
    idx, _ = nearest_part(prims, v)
    part = np.array([prims[i].part for i in idx])
    level = _trunk_level(v)
    level = np.where(part == "neck", "C3", level)
    neck_low = (part == "neck") & (v[:, 2] < 1442.0 + 0.08 * v[:, 0])
    level = np.where(neck_low, "C4", level)
    arm = _arm_level(part, v)
    level = np.where(arm != "", arm, level)
    leg = _leg_level(part, v)
    level = np.where(leg != "", leg, level)
    axilla = (np.linalg.norm(v - AXILLA, axis=1) < 42.0) & np.isin(part, list(TRUNK_PARTS))
    level = np.where(axilla, "T2", level)
    anus = _find_anus(v, midline)
    level = _saddle(v, level, part, anus)
    head, occipital = _head_level(v)
    is_head = np.isin(part, list(HEAD_PARTS)) | ((part == "neck") & (v[:, 2] > 1540.0))
    level = np.where(is_head, head, level)
    return level.astype("<U3"), occipital & is_head, anus


def supply_sets(
    level: np.ndarray, occipital: np.ndarray, atlas: Atlas
) -> tuple[tuple[str, ...], ...]:
    """Own level plus the neighbours that overlap it, except the occiput (C2 alone).

    Neighbours are the levels above and below in the atlas; on the limbs those are
    also the anatomical neighbours along the limb, so nothing crosses an axial line.
    """
    table: dict[tuple[str, bool], tuple[str, ...]] = {}
    out = []
    for name, occ in zip(level.tolist(), occipital.tolist(), strict=True):
        key = (name, bool(occ))
        if key not in table:
            if name == FACE:
                table[key] = ()
            elif name == "C2":
                table[key] = ("C2",) if occ else ("C2", "C3")
            else:
                table[key] = atlas.supply(name)
        out.append(table[key])
    return tuple(out)


def label_surface(surface: Surface, atlas: Atlas | None = None) -> Labels:
    """Label every vertex; the left half copies its mirror twin's level."""
    atlas = atlas or load_atlas()
    v = surface.vertices
    n = len(v)
    midline = surface.mirror == np.arange(n)
    right = v[:, 0] >= 0.0
    level = np.full(n, FACE, dtype="<U3")
    occipital = np.zeros(n, dtype=bool)
    r_level, r_occ, anus = label_right_half(v[right], midline[right])
    level[right] = r_level
    occipital[right] = r_occ
    left = ~right
    level[left] = level[surface.mirror[left]]
    occipital[left] = occipital[surface.mirror[left]]
    side = np.where(midline, "midline", np.where(right, "right", "left")).astype("<U7")
    return Labels(level, side, supply_sets(level, occipital, atlas), occipital, anus)
