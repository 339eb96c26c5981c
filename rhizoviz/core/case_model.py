"""What a case does with a student's choices: block results, the outcome, a report.

*Block.* A diagnostic root block is a transient full cut of the blocked roots: the
body shows the numbness of that cut. The usual pain eases by the share the blocked
roots carry, but blocks are not perfectly specific (facts-2 §6): the anaesthetic
reaches the roots next to a blocked one on the same side (``spread``), and any block
eases some pain whatever root it reaches (``nonspecific``: placebo, spread to the
epidural space). So a wrong root can look right.

*Outcome.* Relief is the share of the symptom carried by the cut roots, times the
fraction of each root cut; a dorsal rhizotomy spares the part carried by ventral-root
afferents, which a ganglionectomy removes; ``long_term_factor`` scales it to what the
sources report years later. What the patient loses is the same outcome model as
everywhere, for their own deficit plus the operation's cuts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.cases import OPERATION_LABELS, OPERATIONS, STEPS, Case, CaseError, Root
from rhizoviz.core.cuts import Cut, CutSet, format_fraction
from rhizoviz.core.findings import findings
from rhizoviz.core.outcome import evaluate
from rhizoviz.core.quiz_draw import new_cut, root_kinds
from rhizoviz.core.report import outcome_sections
from rhizoviz.core.scenario import write_text_atomic


def _percent(x: float) -> float:
    """Round to 5 %: a patient reports relief on a coarse scale."""
    return round(round(x * 20) / 20, 2)


@dataclass(frozen=True)
class BlockResult:
    roots: tuple[Root, ...]
    relief: float  # 0..1 of the usual pain, during the block
    positive: bool
    numb: dict[str, Any]  # findings of the transient full cut of the blocked roots


def block(case: Case, roots: Iterable[Root], atlas: Atlas | None = None) -> BlockResult:
    """The result of blocking ``roots`` (each must be one of the case's block choices)."""
    atlas = atlas or load_atlas()
    chosen = tuple(dict.fromkeys(roots))
    if not chosen:
        raise CaseError(f"{case.name}: choose at least one root to block")
    for level, side in chosen:
        if (level, side) not in case.block_choices:
            raise CaseError(f"{case.name}: {side} {level} is not offered for a block here")
    reached: dict[Root, float] = {}
    for level, side in chosen:
        reached[(level, side)] = 1.0
        i = atlas.index(level)
        for j in (i - 1, i + 1):
            if 0 <= j < len(atlas.levels):
                key = (atlas.levels[j].name, side)
                reached[key] = max(reached.get(key, 0.0), case.block_spread)
    specific = sum(s.share * reached.get((s.level, s.side), 0.0) for s in case.generator)
    relief = _percent(min(1.0, case.block_nonspecific + (1 - case.block_nonspecific) * specific))
    numb = findings([Cut(lv, side, 1.0) for lv, side in chosen], case.model)
    return BlockResult(chosen, relief, relief >= case.block_positive_at, numb)


@dataclass(frozen=True)
class Decision:
    """The student's decision: candidate or not, which operation, which roots, how much."""

    candidate: bool
    operation: str
    roots: tuple[Root, ...] = ()
    fraction: float = 1.0

    def __post_init__(self) -> None:
        if self.operation not in OPERATIONS:
            raise CaseError(f"unknown operation '{self.operation}'")
        if not 0.0 < self.fraction <= 1.0:
            raise CaseError(f"bad fraction {self.fraction!r}: must be > 0 and <= 1")


def operation_cuts(decision: Decision) -> tuple[Cut, ...]:
    """The cuts an operation makes (none when the patient is not a candidate)."""
    if not decision.candidate or decision.operation == "none":
        return ()
    if decision.operation == "ganglionectomy":
        root = "ganglion" if "ganglion" in root_kinds() else "dorsal"
        return tuple(new_cut(lv, side, 1.0, root) for lv, side in decision.roots)
    fraction = decision.fraction if decision.operation == "selective-dorsal-rhizotomy" else 1.0
    return tuple(Cut(lv, side, fraction) for lv, side in decision.roots)


@dataclass(frozen=True)
class CaseResult:
    decision: Decision
    cuts: tuple[Cut, ...]
    relief: float  # soon after the operation, 0..1
    long_term: float  # years later, 0..1
    findings: dict[str, Any]  # the patient's own deficit plus the operation's cuts
    cautions: tuple[str, ...]
    agrees: dict[str, bool] = field(default_factory=dict)  # with the expected decision


def outcome(case: Case, decision: Decision) -> CaseResult:
    """What the patient gains and loses from ``decision``."""
    cuts = operation_cuts(decision)
    cut = CutSet(cuts)
    ventral = 0.0 if decision.operation == "ganglionectomy" else case.ventral_afferent_share
    relief = sum(
        s.share * cut.sensory_fraction(s.level, s.side) for s in case.generator
    ) * (1 - ventral)
    cautions = tuple(
        c.text for c in case.cautions
        if any(f > c.fraction_over and (not c.roots or (level, side) in c.roots)
               for (_, level, side), f in cut.root_fractions().items())
    )
    exp = case.expected
    agrees = {
        "candidate": decision.candidate == exp.candidate,
        "operation": (decision.operation if decision.candidate else "none") == exp.operation,
        "roots": set(decision.roots if decision.candidate else ()) == set(exp.roots),
    }
    if exp.operation == "selective-dorsal-rhizotomy" and decision.candidate:
        agrees["fraction"] = abs(decision.fraction - exp.fraction) <= 0.15
    return CaseResult(decision, cuts, _percent(relief), _percent(relief * case.long_term_factor),
                      findings([*case.deficit, *cuts], case.model), cautions, agrees)


def expected_decision(case: Case) -> Decision:
    e = case.expected
    return Decision(e.candidate, e.operation, e.roots, e.fraction)


# --------------------------------------------------------------------------- data and report


def _roots_json(roots: Iterable[Root]) -> list[dict[str, str]]:
    return [{"level": lv, "side": side} for lv, side in roots]


def _result_json(result: CaseResult) -> dict[str, Any]:
    return {
        "cuts": [c.to_dict() for c in result.cuts],
        "relief": result.relief,
        "long_term_relief": result.long_term,
        "findings": result.findings,
        "cautions": list(result.cautions),
    }


def case_json(case: Case) -> dict[str, Any]:
    """The case's seven steps as data (``rhizoviz case NAME --json``)."""
    blocks = [block(case, [root]) for root in case.block_choices]
    exp = expected_decision(case)
    steps: list[dict[str, Any]] = [
        {"step": "presentation", "text": case.presentation,
         "pain_map": [{"level": a.level, "side": a.side, "label": a.label}
                      for a in case.pain_map]},
        {"step": "examination", "text": case.examination,
         "deficit": [c.to_dict() for c in case.deficit],
         "findings": findings(case.deficit, case.model)},
        {"step": "imaging", "text": case.imaging},
        {"step": "block", "text": case.block_text, "choices": _roots_json(case.block_choices),
         "spread": case.block_spread, "nonspecific": case.block_nonspecific,
         "positive_at": case.block_positive_at,
         "single_root_results": [
             {"roots": _roots_json(b.roots), "relief": b.relief, "positive": b.positive}
             for b in blocks]},
        {"step": "decision", "text": case.decision, "operations": list(OPERATIONS),
         "expected": {"candidate": exp.candidate, "operation": exp.operation,
                      "roots": _roots_json(exp.roots), "fraction": exp.fraction}},
        {"step": "outcome", "text": case.outcome, "long_term_factor": case.long_term_factor,
         "risks": [{"text": r.text, "source": r.source} for r in case.risks],
         "expected_result": _result_json(outcome(case, exp))},
        {"step": "discussion", "text": case.discussion, "rehabilitation": case.rehabilitation,
         "sources": list(case.sources), "uncertain": list(case.uncertain),
         "lesson": case.lesson,
         "generator": [{"level": s.level, "side": s.side, "share": round(s.share, 4)}
                       for s in case.generator],
         "unexplained_share": round(case.unexplained_share, 4)},
    ]
    assert tuple(s["step"] for s in steps) == STEPS
    return {"name": case.name, "title": case.title, "summary": case.summary,
            "model": case.model, "goal": case.goal, "steps": steps}


def _roots_text(roots: Sequence[Root]) -> str:
    return ", ".join(f"{side} {lv}" for lv, side in roots) or "none"


def case_report(case: Case, blocks: Sequence[BlockResult], decision: Decision,
                atlas: Atlas | None = None) -> str:
    """A short Markdown report of what the student chose and what followed."""
    result = outcome(case, decision)
    goal = "pain" if case.goal == "pain" else "spasticity"
    lines = [f"# {case.title}", "", case.summary, "", "## Diagnostic blocks", ""]
    lines += [f"- {_roots_text(b.roots)}: usual {goal} eased by {format_fraction(b.relief)}"
              f" ({'positive' if b.positive else 'negative'})" for b in blocks] or ["- none"]
    op = OPERATION_LABELS[decision.operation] if decision.candidate else "Not a candidate"
    amount = (f", {format_fraction(decision.fraction)} of rootlets"
              if decision.operation == "selective-dorsal-rhizotomy" and decision.candidate else "")
    lines += ["", "## Decision", "", f"- {op}"
              + (f" on {_roots_text(decision.roots)}{amount}" if decision.candidate
                 and decision.operation != "none" else ""), "",
              "## Outcome", "",
              f"- {goal.capitalize()} relief soon after: {format_fraction(result.relief)}; "
              f"years later: {format_fraction(result.long_term)}"]
    sections = outcome_sections(evaluate(CutSet([*case.deficit, *result.cuts]), case.model),
                                atlas)
    for title in ("Left dermatomes", "Right dermatomes", "Reflexes"):
        if sections.get(title):
            lines.append(f"- {title}: {'; '.join(sections[title])}")
    lines += [f"- Caution: {c}" for c in result.cautions]
    lines += ["", "## Risks", ""] + [f"- {r.text} ({r.source})" for r in case.risks]
    exp = expected_decision(case)
    verdict = "agrees" if all(result.agrees.values()) else "differs from"
    lines += ["", "## What an experienced team would do", "",
              f"Your decision {verdict} theirs: "
              + (f"{OPERATION_LABELS[exp.operation]} on {_roots_text(exp.roots)}."
                 if exp.operation != "none" else "no operation."), "", case.discussion,
              "", "## Rehabilitation", "", case.rehabilitation]
    if case.uncertain:
        lines += ["", "## Uncertain", ""] + [f"- {u}" for u in case.uncertain]
    lines += ["", "## Sources", ""] + [f"- {s}" for s in case.sources]
    return "\n".join(lines) + "\n"


def save_case_report(path: str | os.PathLike[str], case: Case, blocks: Sequence[BlockResult],
                     decision: Decision) -> None:
    """Write :func:`case_report` atomically; :class:`CaseError` naming the path on failure."""
    try:
        write_text_atomic(path, case_report(case, blocks, decision))
    except OSError as exc:
        raise CaseError(f"{path}: cannot save ({exc.strerror or exc})") from None
