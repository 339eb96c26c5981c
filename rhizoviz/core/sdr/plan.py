"""The student's plan: marked rootlets → partial dorsal cuts, expected gain and warnings.

The fraction cut per root is (rootlets cut) / (rootlets of that root); those
fractions become the core's :class:`~rhizoviz.core.cuts.Cut` objects, so the body,
reflexes and reports follow from the same outcome model as everywhere else.

Expected reduction of spasticity (a teaching model, ours):

    abnormal share A = Σ grade of cut rootlets / Σ grade of all reachable rootlets
    tissue share   T = mean over reachable roots of the fraction cut
    effect         e = 0.7·A + 0.3·T
    reduction        = (1 − exp(−2e)) / (1 − exp(−2))         (0 … 1, saturating)

A weights the abnormal response by grade, because 3+/4+ rootlets are cut first;
T gives ordinary tissue some weight, because McLaughlin et al. found that the more
dorsal-root tissue was cut, the greater the gain, and non-selective 50–75 % section
did as well as selective (Pediatr Neurosurg 2000;32:114). The curve saturates:
spasticity fell in every BC Children's phase although phase 3 cut 52 % of tissue
and phase 1 66 % (Steinbok et al. 1995). Cutting one more rootlet never lowers it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.sdr.approach import DEFAULT_APPROACH, Approach, get_approach
from rhizoviz.core.sdr.patient import LEVELS, Patient, PatientError, Rootlet

ABNORMAL_WEIGHT, TISSUE_WEIGHT, SATURATION = 0.7, 0.3, 2.0
HIGH_ROOT_FRACTION = 0.75  # flag above this share of one root
S2_LIMIT = 0.5  # Steinbok & Schrag: < 50 % of S2 linked to less sphincter trouble
TYPICAL_LEVEL_RANGE = (0.25, 0.40)  # Chambers 1997


@dataclass(frozen=True)
class Plan:
    """A child, an exposure and the rootlets marked for cutting (in the child's order)."""

    patient: Patient
    approach: Approach
    cut: tuple[Rootlet, ...]

    @property
    def cut_ids(self) -> list[str]:
        return [r.id for r in self.cut]

    def reachable(self) -> list[Rootlet]:
        return [r for r in self.patient if self.approach.reaches(r.level)]

    def is_cut(self, rootlet: Rootlet) -> bool:
        return rootlet in self.cut


def make_plan(
    patient: Patient, cut_ids: list[str] | tuple[str, ...] = (), approach: str = DEFAULT_APPROACH
) -> Plan:
    """Validate the ids (known, reachable), drop repeats, order them as the child's."""
    exposure = get_approach(approach)
    marked: set[Rootlet] = set()
    for ident in cut_ids:
        rootlet = patient.rootlet(ident)
        if not exposure.reaches(rootlet.level):
            raise PatientError(
                f"rootlet '{ident}' is out of reach of the {exposure.name} exposure "
                f"(it reaches {exposure.reachable[0]}-{exposure.reachable[-1]})"
            )
        marked.add(rootlet)
    return Plan(patient, exposure, tuple(r for r in patient if r in marked))


def root_fractions(plan: Plan) -> list[Cut]:
    """One partial cut per root with any rootlet cut, cranio-caudal, left first."""
    counts: dict[tuple[str, str], int] = {}
    for r in plan.cut:
        counts[(r.level, r.side)] = counts.get((r.level, r.side), 0) + 1
    return [
        Cut(level, side, counts[(level, side)] / plan.patient.count(level, side))
        for level in LEVELS
        for side in SIDES
        if (level, side) in counts
    ]


def cut_set(plan: Plan) -> CutSet:
    return CutSet(root_fractions(plan))


def abnormal_share(plan: Plan) -> float:
    total = sum(r.grade for r in plan.reachable())
    return sum(r.grade for r in plan.cut) / total if total else 0.0


def tissue_share(plan: Plan) -> float:
    roots = [(lv, s) for lv in plan.approach.reachable for s in SIDES]
    fractions = {(c.level, c.side): c.fraction for c in root_fractions(plan)}
    return sum(fractions.get(root, 0.0) for root in roots) / len(roots)


def spasticity_reduction(plan: Plan) -> float:
    """Expected share of the child's spasticity removed, 0 … 1 (module docstring)."""
    effect = ABNORMAL_WEIGHT * abnormal_share(plan) + TISSUE_WEIGHT * tissue_share(plan)
    value = (1.0 - math.exp(-SATURATION * effect)) / (1.0 - math.exp(-SATURATION))
    return min(max(value, 0.0), 1.0)


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.0f} %"


def warnings(plan: Plan) -> list[str]:
    """Sensory and sphincter flags, one line each, with the figures of the sources."""
    out: list[str] = []
    for cut in root_fractions(plan):
        root = f"{cut.side.capitalize()} {cut.level}"
        if cut.fraction > HIGH_ROOT_FRACTION:
            whole = " (the whole root)" if cut.fraction >= 1.0 else ""
            out.append(
                f"{root}: {_pct(cut.fraction)} of rootlets cut{whole}, above 75 %: sensation "
                "is said to be kept while at least 20 % of a dorsal root is spared "
                "(ISPN guide [?]); persistent sensory change 3.8 % in 158 children "
                "(Steinbok & Schrag 1998)"
            )
        if cut.level == "S2" and cut.fraction > S2_LIMIT:
            out.append(
                f"{root}: {_pct(cut.fraction)} cut, more than half of S2: cutting under 50 % "
                "of S2 and/or pudendal monitoring was linked to less long-term sphincter "
                "trouble (Steinbok & Schrag 1998)"
            )
    for r in plan.cut:
        if r.sphincter:
            out.append(
                f"{r.id} gave an anal-sphincter (pudendal) response and is cut: bladder/bowel "
                "trouble at follow-up 5.1 %, 1.3 % definitely from SDR, transient urinary "
                "retention 4.4 % (158 children, Steinbok & Schrag 1998)"
            )
    return out


def practice(plan: Plan) -> list[str]:
    """Where the plan sits against published practice, one line each."""
    lo, hi = TYPICAL_LEVEL_RANGE
    fractions = {(c.level, c.side): c.fraction for c in root_fractions(plan)}
    per_level = {
        lv: sum(fractions.get((lv, s), 0.0) for s in SIDES) / len(SIDES)
        for lv in plan.approach.reachable
    }
    above = [f"{lv} {_pct(f)}" for lv, f in per_level.items() if f > hi]
    high = [r for r in plan.reachable() if r.grade >= 3]
    low = [r for r in plan.reachable() if r.grade <= 1]
    high_cut = sum(1 for r in plan.cut if r.grade >= 3)
    low_cut = sum(1 for r in plan.cut if r.grade <= 1)
    return [
        f"Tested dorsal-root tissue cut: {_pct(tissue_share(plan))} (mean of the "
        f"{len(per_level) * 2} reachable roots).",
        f"Per level typically 25-40 % (Chambers 1997); above {_pct(hi)} here: "
        f"{', '.join(above) or 'none'}. Single-level series report about 65 % per root "
        "(Pediatr Neurosurg 2020; 'of each rootlet' is ambiguous [?]).",
        f"Grades 3+/4+ cut: {high_cut} of {len(high)}; grades 0/1+ cut: {low_cut} of {len(low)}. "
        "BC Children's criteria drifted from low threshold + sustained + spread (phase 1, "
        "66 % of tissue cut) to contralateral or suprasegmental spread only (phase 3, 52 %); "
        "spasticity fell in every phase (Steinbok et al. 1995).",
        "Critics: only 16 % of 106 roots showed reflex responses, and non-selective 50-75 % "
        "section did as well (Pediatr Neurosurg 2000;32:114).",
        "The more dorsal-root tissue cut, the greater the functional gain (McLaughlin et al.), "
        "and the more persistent sensory change (Steinbok & Schrag 1998).",
    ]


SENSORY_FIGURES: tuple[str, ...] = (
    "158 children (Steinbok & Schrag 1998): sensory change 8.9 % perioperatively, 13.9 % "
    "after discharge, persistent 3.8 %; bladder/bowel trouble at follow-up 5.1 % "
    "(definitely from SDR 1.3 %); late back pain 10.8 %.",
    "Bristol 2019 (150 patients): sensory symptoms 8.7 %, neuropathic pain 5.3 %, urinary "
    "retention 1.3 %, persistent at 24 months 6.5 %.",
)


def plan_json(plan: Plan) -> dict[str, object]:
    """Everything but ``outcome``, which the caller adds from the shared outcome path."""
    return {
        "seed": plan.patient.seed,
        "approach": plan.approach.name,
        "rootlets": [r.to_json() for r in plan.patient],
        "cut": plan.cut_ids,
        "fractions": [c.to_dict() for c in root_fractions(plan)],
        "spasticity_reduction": round(spasticity_reduction(plan), 4),
        "warnings": warnings(plan),
        "practice": practice(plan),
    }
