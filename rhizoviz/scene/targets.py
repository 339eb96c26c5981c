"""What a click or hover in the spine can hit: every root of every kind, and the ganglia.

Why a module of its own: the scene draws two root meshes (dorsal, ventral) and the
dorsal ganglia, but a student clicks *one* target, named as the core names cuts:
``(kind, level, side)`` with kind ``dorsal``, ``ventral`` or ``ganglion``. This keeps
the one list of targets and measures, on screen and without a render, how far a pixel
is from each (a root's centre line less its radius; a ganglion's centre less its
radius, so inside a ganglion it wins over the root running through it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from rhizoviz.core.cuts import GANGLION
from rhizoviz.scene.roots import RootSet, ToWindow

Target = tuple[str, str, str]  # (kind, level, side)


class RootTargets:
    """The pickable targets of the root sets, in one order, with their screen distances."""

    def __init__(self, root_sets: Mapping[str, RootSet], ganglia_of: str = "dorsal") -> None:
        self.root_sets = root_sets
        self.targets: list[Target] = []
        for kind, roots in root_sets.items():
            self.targets += [(kind, level, side) for level, side in roots.keys]
        self._ganglia = root_sets.get(ganglia_of)
        if self._ganglia is not None and self._ganglia.ganglia is not None:
            self.targets += [(GANGLION, level, side) for level, side in self._ganglia.keys]
        else:
            self._ganglia = None
        self.index = {t: i for i, t in enumerate(self.targets)}
        self._kinds = np.array([t[0] for t in self.targets])

    def for_cell(self, actor: object, cell: int) -> Target | None:
        """(kind, level, side) of a picked cell of any root or ganglion; None otherwise."""
        for kind, roots in self.root_sets.items():
            found = roots.part_for_cell(actor, cell)
            if found is not None:
                (level, side), part = found
                return (GANGLION if part == "ganglion" else kind, level, side)
        return None

    def distances(self, to_window: ToWindow, x: float, y: float, inflate: float, scale: float,
                  px_per_mm: Callable[[], float]) -> np.ndarray | None:
        """Pixels from a window pixel to every target's outline, in :attr:`targets` order."""
        parts = []
        for roots in self.root_sets.values():
            d = roots.surface_distances(to_window, x, y, inflate, scale, px_per_mm)
            parts.append(d if d is not None else np.full(len(roots.keys), np.inf))
        if self._ganglia is not None and self._ganglia.ganglia is not None:
            parts.append(self._ganglia.ganglia.distances(to_window, x, y, scale, px_per_mm))
        out = np.concatenate(parts) if parts else np.zeros(0)
        return out if len(out) else None

    def depths(self, depth_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """After :meth:`distances`: every target's distance from the camera where it
        passes nearest that pixel, in :attr:`targets` order."""
        parts = [roots.nearest_depths(depth_of) for roots in self.root_sets.values()]
        if self._ganglia is not None and self._ganglia.ganglia is not None:
            parts.append(self._ganglia.ganglia.depths(depth_of))
        return np.concatenate(parts) if parts else np.zeros(0)

    @staticmethod
    def in_front(d: np.ndarray, depth: np.ndarray) -> int:
        """The target a pixel shows: of those drawn over it (distance <= 0), the one
        nearest the camera; else the nearest on screen."""
        over = np.flatnonzero(d <= 0.0)
        if len(over):
            return int(over[np.argmin(depth[over])])
        return int(np.argmin(d))

    def nearest(self, d: np.ndarray | None, depth: np.ndarray | None, tolerance_px: float,
                prefer: str | None = None) -> Target | None:
        """The target at a pixel: of the ``prefer`` kind within tolerance, the one
        :meth:`in_front` shows; else, of every kind, the one :meth:`in_front` shows."""
        if d is None or not len(d):
            return None
        if prefer is not None:
            mine = np.flatnonzero((self._kinds == prefer) & (d < tolerance_px))
            if len(mine):
                j = self.in_front(d[mine], depth[mine]) if depth is not None else \
                    int(np.argmin(d[mine]))
                return self.targets[int(mine[j])]
        i = self.in_front(d, depth) if depth is not None else int(np.argmin(d))
        return self.targets[i] if d[i] < tolerance_px else None

    def ganglion_centre(self, level: str, side: str) -> np.ndarray | None:
        """A ganglion's centre in the spine's frame (None without one)."""
        if self._ganglia is None or self._ganglia.ganglia is None:
            return None
        if (level, side) not in self._ganglia.parts:
            return None
        return self._ganglia.ganglia.centre_of(self._ganglia.keys.index((level, side)))
