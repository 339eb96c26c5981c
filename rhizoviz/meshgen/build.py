"""Build every file of ``meshes/`` from nothing, in a fixed order."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rhizoviz.meshgen.body import build_surface
from rhizoviz.meshgen.dermatomes import label_surface
from rhizoviz.meshgen.keypoints import place_key_points
from rhizoviz.meshgen.readme import README_NAME, readme_text
from rhizoviz.meshgen.spine import build_spine
from rhizoviz.meshgen.writer import write_body, write_spine


@dataclass
class BuildReport:
    files: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    body_triangles: int = 0
    spine_triangles: int = 0
    coarse_bone_triangles: int = 0


def build_all(out: Path) -> BuildReport:
    """Write the body, its labels, the spine scene, its facts and the README into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    t0 = time.perf_counter()
    surface = build_surface()
    labels = label_surface(surface)
    key_points = place_key_points(surface, labels)
    report.files += write_body(out, surface, labels, key_points)
    report.body_triangles = len(surface.faces)
    t1 = time.perf_counter()
    parts, facts, coarse = build_spine()
    report.files += write_spine(out, parts, facts, coarse)
    report.spine_triangles = sum(len(m.faces) for m in parts.values())
    report.coarse_bone_triangles = sum(len(m.faces) for m in coarse.values())
    t2 = time.perf_counter()
    readme = out / README_NAME
    text = readme_text(
        report.body_triangles, report.spine_triangles, report.coarse_bone_triangles
    )
    readme.write_text(text, "utf-8")
    report.files.append(readme)
    report.seconds = {"body": t1 - t0, "spine": t2 - t1}
    return report
