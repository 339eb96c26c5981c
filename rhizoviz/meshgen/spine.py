"""The spine scene: vertebrae, discs, cord, dural sac, roots, rootlets and ganglia.

Assembles the named parts from :mod:`spine_bones`, :mod:`spine_nerves`,
:mod:`rootlets` and :mod:`dura`, laid out by :mod:`spine_layout`, and gathers the
facts written to ``spine.json``. Bones come at two levels of detail: full for the
close-up, coarse (same names) for the whole-body view.
"""

from __future__ import annotations

import numpy as np
import trimesh

from rhizoviz.meshgen.dura import dural_sac_mesh
from rhizoviz.meshgen.rootlets import rootlet_paths
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
    SACRAL_FORAMEN_LEVELS,
    cord_mesh,
    exits_between,
    filum_mesh,
    foramen_v,
    root_paths,
    segment_v,
)
from rhizoviz.meshgen.tubes import blob, tube

ROOTLET_RADIUS = {"dorsal": 0.45, "ventral": 0.4}


def build_spine() -> tuple[dict[str, trimesh.Trimesh], dict, dict[str, trimesh.Trimesh]]:
    """All named parts, facts about them (foramina, segments), and the coarse bones."""
    layout = build_layout()
    parts: dict[str, trimesh.Trimesh] = {}
    coarse: dict[str, trimesh.Trimesh] = {}
    for i, name in enumerate(VERTEBRAE):
        parts[f"vertebra_{name}"], coarse[f"vertebra_{name}"] = vertebra_mesh(layout, i)
    parts["sacrum"], coarse["sacrum"] = sacrum_mesh(layout)
    parts["coccyx"], coarse["coccyx"] = coccyx_mesh(layout)
    for upper, lower in zip(VERTEBRAE[1:], [*VERTEBRAE[2:], "S1"], strict=True):
        if lower == "S1":
            parts["disc_L5_S1"] = disc_to_sacrum(layout)
        else:
            parts[f"disc_{upper}_{lower}"] = disc_mesh(layout, upper, lower)
    parts["spinal_cord"] = cord_mesh(layout)
    parts["filum_terminale"] = filum_mesh(layout)
    facts: dict = {"levels": {}}
    exits = []
    rootlets: dict[str, trimesh.Trimesh] = {}
    for path in root_paths(layout):
        thin = 0.6 if path.level == "C1" else 1.0
        r_d = (1.1 if path.level[0] in "CLS" else 0.9) * thin
        suffix = f"{path.level}_{path.side}"
        sx = 1.0 if path.side == "right" else -1.0
        courses = {}
        for kind, course in (("dorsal", path.dorsal), ("ventral", path.ventral)):
            fan, courses[kind] = rootlet_paths(layout, path.level, sx, kind, course)
            for n, rootlet in enumerate(fan, start=1):
                r = ROOTLET_RADIUS[kind] * thin
                rootlets[f"{kind}_rootlet_{suffix}_{n}"] = tube(rootlet, r, sides=4)
        parts[f"dorsal_root_{suffix}"] = tube(courses["dorsal"], r_d, sides=6)
        parts[f"ventral_root_{suffix}"] = tube(courses["ventral"], r_d * 0.8, sides=6)
        up, ant, right = layout.frame(foramen_v(path.level))
        # S1-S4 ganglia lie in the sacrum's short intervertebral foramina: shorter
        length = 3.2 if path.level in SACRAL_FORAMEN_LEVELS else 5.5
        gsize = (3.0 * thin, 3.0 * thin, length * thin)
        axes = np.stack([ant, up, right], axis=1)
        parts[f"dorsal_root_ganglion_{suffix}"] = blob(path.ganglion, axes, gsize)
        exits.append((foramen_v(path.level), path.foramen))
        entry = facts["levels"].setdefault(path.level, {})
        entry["exits_between"] = list(exits_between(path.level))
        entry["segment_z"] = round(float(layout.canal(segment_v(path.level))[2]), 1)
        entry.setdefault("foramen", {})[path.side] = [round(float(c), 1) for c in path.foramen]
    parts.update(rootlets)
    v, f = dural_sac_mesh(layout, exits)
    parts["dural_sac"] = trimesh.Trimesh(v, f, process=False)
    facts["conus_z"] = round(float(layout.canal(CONUS_V)[2]), 1)
    facts["vertebra_centre_z"] = {
        n: round(float(layout.point(i)[2]), 1) for i, n in enumerate(VERTEBRAE)
    }
    return parts, facts, coarse
