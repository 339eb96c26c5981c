"""The 28 ISNCSCI key sensory points per side, placed on labelled vertices.

Each point has a target position from its landmark (facts.md section 2) on the
right side; the chosen vertex is the nearest right-side vertex whose label is
one of the point's own levels, so a point can never sit on foreign skin. The left
side uses the mirror twin of the right vertex.
"""

from __future__ import annotations

import numpy as np

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.meshgen import figure as fig
from rhizoviz.meshgen.body import Surface
from rhizoviz.meshgen.dermatomes import Labels

MIDCLAVICULAR_X = 95.0
# Front heights of the thoracic key points (intercostal spaces on the midclavicular line).
THORACIC_Z = {
    "T3": 1322.0,
    "T4": 1277.0,
    "T5": 1238.0,
    "T6": 1203.0,
    "T7": 1168.0,
    "T8": 1131.0,
    "T9": 1092.0,
    "T10": 1050.0,
    "T11": 1004.0,
}


def _along(a, b, t: float) -> np.ndarray:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a + t * (b - a)


def _finger(name: str) -> tuple[np.ndarray, np.ndarray]:
    for finger, base, tip, _ in fig.FINGERS:
        if finger == name:
            return np.asarray(base, dtype=float), np.asarray(tip, dtype=float)
    raise KeyError(name)


def targets(anus: np.ndarray) -> dict[str, np.ndarray]:
    """Landmark positions on the right side, in the body frame (mm)."""
    ex, ey, ez = fig.ELBOW
    kx, ky, kz = fig.KNEE
    t = {
        "C2": np.array([30.0, -110.0, 1612.0]),
        "C3": np.array([MIDCLAVICULAR_X, 40.0, 1456.0]),
        "C4": np.array([178.0, -6.0, 1482.0]),
        "C5": np.array([ex + 26.0, ey + 34.0, ez + 28.0]),
        "C6": _along(fig.THUMB_MCP, fig.THUMB_TIP, 0.3) + np.array([12.0, -6.0, 0.0]),
        "C7": _along(*_finger("middle"), 0.25) + np.array([0.0, -12.0, 0.0]),
        "C8": _along(*_finger("little"), 0.25) + np.array([0.0, -12.0, 0.0]),
        "T1": np.array([ex - 40.0, ey + 12.0, ez + 30.0]),
        "T2": np.array([150.0, -4.0, 1270.0]),
    }
    for level, z in THORACIC_Z.items():
        t[level] = np.array([MIDCLAVICULAR_X, 140.0, z])
    inguinal_mid = np.array([72.0, 95.0, 935.0])
    t["T12"] = inguinal_mid
    condyle = np.array([kx - 50.0, ky, kz + 35.0])
    thigh_front = _along(fig.HIP, fig.KNEE, 0.5) + np.array([-40.0, 60.0, 0.0])
    t["L2"] = thigh_front
    t["L1"] = 0.5 * (inguinal_mid + thigh_front)
    t["L3"] = condyle
    t["L4"] = np.asarray(fig.MEDIAL_MALLEOLUS) - np.array([12.0, 0.0, 0.0])
    third = fig.TOES[2][1]
    t["L5"] = np.array([third[0], third[1] - 4.0, third[2] + 26.0])
    t["S1"] = np.asarray(fig.HEEL) + np.array([34.0, 0.0, 0.0])
    t["S2"] = np.array([kx, ky - 60.0, kz])
    t["S3"] = np.array([58.0, -75.0, 828.0])
    t["S4-5"] = np.asarray(anus) + np.array([6.0, 0.0, 0.0])
    return t


def place_key_points(
    surface: Surface, labels: Labels, atlas: Atlas | None = None
) -> dict[tuple[str, str], int]:
    """Vertex index of every key point on both sides: ``(level, side) -> vertex``."""
    atlas = atlas or load_atlas()
    v = surface.vertices
    aims = targets(labels.anus)
    out: dict[tuple[str, str], int] = {}
    for kp in atlas.key_points:
        own = np.isin(labels.level, kp.primary) & (v[:, 0] > 0.0)
        if kp.level == "C2":
            own &= labels.occipital
        candidates = np.flatnonzero(own)
        if len(candidates) == 0:
            raise RuntimeError(f"no right-side vertex labelled {kp.primary} for key point")
        weight = np.ones(3)
        if kp.level in THORACIC_Z:  # on the midclavicular line: match x and z on the front
            candidates = candidates[v[candidates, 1] > 0.0]
            weight = np.array([1.0, 0.0, 1.0])
        d = np.linalg.norm((v[candidates] - aims[kp.level]) * weight, axis=1)
        right = int(candidates[np.argmin(d)])
        out[(kp.level, "left")] = int(surface.mirror[right])
        out[(kp.level, "right")] = right
    return out
