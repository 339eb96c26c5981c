"""The exposure: which laminae come off and which dorsal roots the window reaches.

Two approaches, simplified for teaching:

* ``conus``: a single-level laminectomy at L1 over the conus (Park's group, facts-2
  §5). Every root from L1 to S2 passes through the window, but side by side in the
  cauda equina: the surgeon must tell levels apart anatomically (and dorsal from
  ventral by threshold), and the sacral roots S3–S5 must be found by anatomy
  because anal-sphincter EMG answers stimulation of every root from L4 down
  (Ojemann, Park et al. 1997).
* ``multilevel``: laminectomy from L2 to S1, after Peacock, reaching each root where
  it leaves the canal, which makes its level certain (the rationale given by the
  Children's Hospital at Montefiore). The trainer lets it reach L2–S1 only: L1 leaves
  above the window and S2 enters its sheath below it. That cut-off is our
  simplification [?]: Georgoulis, Brînzeu & Sindou (2018) reached L2–S2 through
  enlarged interlaminar openings at several levels, and centres vary in whether
  they treat L1 and S2 at all (facts-2 §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from rhizoviz.core.sdr.patient import LEVELS, PatientError


@dataclass(frozen=True)
class Approach:
    name: str
    label: str
    laminae_removed: tuple[str, ...]  # vertebrae whose laminae and spinous process go
    reachable: tuple[str, ...]  # dorsal-root levels that can be tested and cut
    note: str

    def reaches(self, level: str) -> bool:
        return level in self.reachable


APPROACHES: dict[str, Approach] = {
    "conus": Approach(
        "conus",
        "Single-level laminectomy at the conus (L1)",
        ("L1",),
        LEVELS,
        "All roots L1-S2 lie in one window; levels must be told apart anatomically.",
    ),
    "multilevel": Approach(
        "multilevel",
        "Multilevel laminectomy L2-S1",
        ("L2", "L3", "L4", "L5", "S1"),
        ("L2", "L3", "L4", "L5", "S1"),
        "Roots are met at their exits L2-S1; L1 and S2 are out of reach in this trainer [?].",
    ),
}
DEFAULT_APPROACH = "conus"


def get_approach(name: object) -> Approach:
    if name not in APPROACHES:
        raise PatientError(f"unknown approach {str(name)[:32]!r}: expected conus or multilevel")
    return APPROACHES[str(name)]
