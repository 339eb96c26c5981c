"""The debrief as text: the whole grade map, the plan's cuts, gain, risks and practice.

The terminal (``rhizoviz trainer sdr``) prints it; the trainer window can show the
same lines. The outcome report itself comes from :func:`rhizoviz.core.report.outcome_text`.
"""

from __future__ import annotations

import textwrap

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.report import describe_cut
from rhizoviz.core.sdr import TEACHING_CAVEAT
from rhizoviz.core.sdr.patient import GRADE_CAVEAT, GRADE_LABELS, GRADE_MEANINGS, LEVELS
from rhizoviz.core.sdr.plan import (
    SENSORY_FIGURES,
    Plan,
    practice,
    root_fractions,
    spasticity_reduction,
    warnings,
)

#: How the expected reduction is reckoned, in words (the text and the window say it alike).
REDUCTION_MODEL = ("teaching model: grade-weighted share of the abnormal response cut, "
                   "with some weight for tissue cut, saturating")

_CELL = 6  # "[4+]s" and a space
_WIDTH = 96  # prose wraps here; the grade map keeps its columns


def _wrapped(lines: list[str], indent: str = "  ") -> list[str]:
    return [
        out
        for line in lines
        for out in textwrap.wrap(
            line, _WIDTH, initial_indent=indent, subsequent_indent=indent + "  "
        )
    ]


def _cell(plan: Plan, level: str, side: str, index: int) -> str:
    rootlet = plan.patient.roots[(level, side)][index]
    text = rootlet.grade_label
    text = f"[{text}]" if plan.is_cut(rootlet) else f" {text} "
    return (text + ("s" if rootlet.sphincter else "")).ljust(_CELL)


def grade_map(plan: Plan) -> list[str]:
    """One line per level: each rootlet's grade, left then right; [x] cut, s sphincter."""
    width = max(plan.patient.count(lv, s) for lv in LEVELS for s in SIDES) * _CELL
    lines = [f"{'':4}{'left':<{width}}  right"]
    for level in LEVELS:
        if not plan.approach.reaches(level):
            lines.append(f"{level:<4}(out of reach of this exposure)")
            continue
        halves = [
            "".join(_cell(plan, level, side, i) for i in range(plan.patient.count(level, side)))
            for side in SIDES
        ]
        lines.append(f"{level:<4}{halves[0]:<{width}}  {halves[1]}".rstrip())
    return lines


def debrief_text(plan: Plan) -> str:
    """The readable debrief; ends with a newline."""
    out = [
        f"Selective dorsal rhizotomy trainer - child of seed {plan.patient.seed}",
        *_wrapped([TEACHING_CAVEAT], ""),
        *_wrapped([f"Exposure: {plan.approach.label}. {plan.approach.note}"], ""),
        "",
        "Grade map (rootlets medial to lateral; [x] cut, s = anal-sphincter response):",
        *(f"  {line}" for line in grade_map(plan)),
        "",
        f"Grades ({GRADE_CAVEAT}):",
        *(
            f"  {label:<3} {meaning}"
            for label, meaning in zip(GRADE_LABELS, GRADE_MEANINGS, strict=True)
        ),
        "",
        "Cuts:",
        *(f"  {describe_cut(c)}" for c in root_fractions(plan) or []),
    ]
    if not plan.cut:
        out.append("  none")
    out += [
        "",
        *_wrapped(
            [
                f"Expected reduction of spasticity: {spasticity_reduction(plan):.0%} "
                f"({REDUCTION_MODEL})"
            ],
            "",
        ),
        "",
        "Warnings:",
        *_wrapped(warnings(plan) or ["none"]),
        "",
        "Sensory risk in published series:",
        *_wrapped(list(SENSORY_FIGURES)),
        "",
        "Against published practice:",
        *_wrapped(practice(plan)),
    ]
    return "\n".join(out) + "\n"
