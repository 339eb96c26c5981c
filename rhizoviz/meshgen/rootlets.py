"""Rootlets: each root reaches the cord as a fan of fine rootlets along its segment.

Dorsal rootlets enter along the posterolateral sulcus, ventral rootlets leave from
the anterolateral sulcus (Gray's Anatomy, 41st ed., spinal cord). A fixed number per
root: 6 dorsal and 3 ventral from L1 to S2 (the roots divided into rootlets in
selective dorsal rhizotomy), 4 dorsal and 2 ventral elsewhere, 2 dorsal at C1
(often a tiny root). The rootlets of one root spread over its cord segment and
converge a few millimetres out, where the root itself begins.
"""

from __future__ import annotations

import math

import numpy as np

from rhizoviz.core.atlas import load_atlas
from rhizoviz.meshgen.spine_layout import Layout
from rhizoviz.meshgen.spine_nerves import cord_radii, segment_v

SDR_LEVELS = ("L1", "L2", "L3", "L4", "L5", "S1", "S2")
DORSAL_SULCUS_DEG = 40.0  # from the posterior midline
VENTRAL_SULCUS_DEG = 45.0  # from the anterior midline


def rootlet_count(level: str, kind: str) -> int:
    """How many rootlets a root of ``level`` has (``kind`` "dorsal" or "ventral")."""
    if kind == "dorsal":
        return 2 if level == "C1" else 6 if level in SDR_LEVELS else 4
    return 3 if level in SDR_LEVELS else 2


def converge_length(level: str) -> float:
    """How far along the root (mm) its rootlets join it."""
    return 8.0 if level[0] in "LS" or level == "Co1" else 5.0


def point_along(path: np.ndarray, length: float) -> tuple[np.ndarray, int]:
    """The point ``length`` mm along a polyline, and the index of the next vertex after it."""
    seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    length = min(length, 0.5 * cum[-1])
    i = int(np.searchsorted(cum, length, side="right"))
    t = (length - cum[i - 1]) / max(seg[i - 1], 1e-9)
    return path[i - 1] + t * (path[i] - path[i - 1]), i


def segment_span(level: str) -> tuple[float, float]:
    """The stretch of cord (vertebral coordinates) a segment's rootlets spread over."""
    names = load_atlas().level_names
    i = names.index(level)
    v = segment_v(level)
    above = segment_v(names[i - 1]) if i > 0 else v - 0.6
    below = segment_v(names[i + 1]) if i + 1 < len(names) else v + 0.3
    lo, hi = 0.5 * (above + v), 0.5 * (v + below)
    mid, half = 0.5 * (lo + hi), 0.5 * (hi - lo) * 0.8
    return mid - half, mid + half


def rootlet_paths(layout: Layout, level: str, sx: float, kind: str,
                  root: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The rootlets of one root (cord end first), and the root's course from where they meet."""
    conv, nxt = point_along(root, converge_length(level))
    trimmed = np.vstack([conv, root[nxt:]])
    n = rootlet_count(level, kind)
    lo, hi = segment_span(level)
    angle = math.radians(DORSAL_SULCUS_DEG if kind == "dorsal" else VENTRAL_SULCUS_DEG)
    a_sign = -1.0 if kind == "dorsal" else 1.0
    paths = []
    for v in np.linspace(lo, hi, n):
        _, ant, right = layout.frame(v)
        rx, ry = cord_radii(np.array([v]))
        rx, ry = float(rx[0]), float(ry[0])
        cx, cy = sx * rx * math.sin(angle), a_sign * ry * math.cos(angle)
        centre = layout.canal(v)
        surface = centre + right * cx + ant * cy
        normal = right * (cx / (rx * rx)) + ant * (cy / (ry * ry))
        normal /= np.linalg.norm(normal)
        start = surface - normal * 0.3  # rooted just inside the pia
        out = surface + normal * 1.5
        mid = 0.5 * (out + conv) + normal * 0.5
        paths.append(np.stack([start, out, mid, conv]))
    return paths, trimmed
