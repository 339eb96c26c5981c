"""The spine scene: vertebrae, discs, cord, roots and ganglia, inside the body.

Assembles the named parts from :mod:`spine_bones` and :mod:`spine_nerves`, laid
out by :mod:`spine_layout`, and gathers the facts written to ``spine.json``.
"""

from __future__ import annotations

import numpy as np
import trimesh

from rhizoviz.meshgen.spine_bones import (
    coccyx_mesh,
    disc_mesh,
    disc_to_sacrum,
    sacrum_mesh,
    vertebra_mesh,
)
from rhizoviz.meshgen.spine_layout import VERTEBRAE, build_layout
from rhizoviz.meshgen.spine_nerves import (
    CONUS_V,
    cord_mesh,
    exits_between,
    filum_mesh,
    foramen_v,
    root_paths,
    segment_v,
)
from rhizoviz.meshgen.tubes import blob, tube


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
            parts["disc_L5_S1"] = disc_to_sacrum(layout)
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
