"""What the examiner finds at the bedside, in words: muscles, touch vs pin prick, the
worksheet's levels and totals, and why a dorsal cut leaves the patient clumsy, not weak.

The readable report (:mod:`rhizoviz.core.report`) adds these sections to its own, so
the terminal, the outcome panel and saved text all say the same thing.
"""

from __future__ import annotations

from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL
from rhizoviz.core.exam import Worksheet, worksheet_from_outcome
from rhizoviz.core.outcome import Outcome

CLUMSY_NOT_WEAK = (
    "Dorsal-root and ganglion cuts weaken no muscle: they take sensation, position sense "
    "and reflexes, so the patient is clumsy, not weak."
)
NO_SKIN_FROM_VENTRAL = (
    "Ventral-root cuts change no skin: the ventral root carries no sensation here."
)


BEDSIDE = "At the bedside"  # the lead section: what the patient feels, what is found
MAX_NAMED = 6  # a lead names this many findings, then counts the rest


def _places(items: list[tuple[str, str]]) -> str:
    """[("left", "C6"), ("left", "C7"), ("right", "T4")] -> 'left C6, C7 and right T4'."""
    by_side: dict[str, list[str]] = {}
    for side, what in items:
        by_side.setdefault(side, []).append(what)
    parts = [f"{side} {', '.join(names)}" for side, names in by_side.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _some(names: list[str]) -> str:
    if len(names) <= MAX_NAMED:
        return ", ".join(names)
    return f"{', '.join(names[:MAX_NAMED])} and {len(names) - MAX_NAMED} more"


def patient_feels(outcome: Outcome) -> str:
    """What the patient would notice on the skin, as the key points say, in one sentence."""
    found = []
    for word, modality in (("pin prick", "pin_prick"), ("light touch", "light_touch")):
        for status, how in (("absent", "no {} at"), ("impaired", "{} dulled at")):
            points = [(k.side, k.level) for k in outcome.key_points
                      if getattr(k, modality) == status]
            if points:
                found.append(f"{how.format(word)} {_places(points)}")
    kinds = {c.root for c in outcome.cuts}
    if not found:
        why = ("ventral roots carry no sensation" if kinds == {VENTRAL}
               else "the overlapping neighbouring roots still reach every key point")
        return f"The patient feels the skin as before: {why}."
    return f"The patient feels {'; '.join(found)}."


def examiner_finds(outcome: Outcome) -> str:
    """What an examiner finds in the muscles and reflexes, in one sentence."""
    weak = [f"{m.side} {m.name} (grade {m.grade})" for m in outcome.key_muscles if m.grade < 5]
    reflexes = [f"{r.side} {r.label[0].lower()}{r.label[1:]} {r.status}"
                for r in outcome.reflexes if r.status != "normal"]
    found = []
    if weak:
        found.append(f"weakness of the {_some(weak)}")
    if reflexes:
        found.append(f"reflexes: {_some(reflexes)}")
    if not found:
        return "The examiner finds full strength and normal reflexes."
    if not weak:
        found.append("no weakness (the patient is clumsy, not weak)")
    return f"The examiner finds {'; '.join(found)}."


def _muscle_lines(outcome: Outcome) -> list[str]:
    lines = [
        f"{m.side.capitalize()} {m.name} ({m.level}): grade {m.grade} of 5"
        f" (ventral roots {', '.join(m.roots)})"
        for m in outcome.key_muscles
        if m.grade < 5
    ]
    kinds = {c.root for c in outcome.cuts}
    if kinds & {DORSAL, GANGLION}:
        lines.append(CLUMSY_NOT_WEAK)
    if VENTRAL in kinds:
        lines.append(NO_SKIN_FROM_VENTRAL)
    return lines


def _touch_lines(outcome: Outcome) -> list[str]:
    return [
        f"{k.side.capitalize()} {k.level} ({k.landmark[0].lower()}{k.landmark[1:]}): "
        f"pin prick {k.pin_prick}, light touch {k.light_touch}"
        for k in outcome.key_points
        if k.pin_prick != "normal" or k.light_touch != "normal"
    ]


def _worksheet_lines(sheet: Worksheet) -> list[str]:
    sensory, motor = sheet.sensory_levels(), sheet.motor_levels()
    lt, pp, mt = sheet.light_touch_total, sheet.pin_prick_total, sheet.motor_total
    yes_no = {True: "yes", False: "no", None: "not testable"}
    return [
        f"Sensory level: left {sensory['left']}, right {sensory['right']}",
        f"Motor level: left {motor['left']}, right {motor['right']}",
        f"Light touch {lt.total}/112, pin prick {pp.total}/112, motor {mt.total}/100",
        f"Voluntary anal contraction: {yes_no[sheet.vac]}; deep anal pressure: {yes_no[sheet.dap]}",
    ]


def examiner_sections(outcome: Outcome) -> dict[str, list[str]]:
    """Section title -> lines of what a clinician would find; empty when nothing is cut."""
    if not outcome.cuts:
        return {}
    return {
        BEDSIDE: [patient_feels(outcome), examiner_finds(outcome)],
        "Key muscles": _muscle_lines(outcome),
        "Light touch and pin prick": _touch_lines(outcome),
        "ISNCSCI worksheet": _worksheet_lines(worksheet_from_outcome(outcome)),
    }
