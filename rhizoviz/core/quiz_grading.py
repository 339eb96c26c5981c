"""Grading quiz answers against the outcome model.

``which-roots`` compares *outcomes*, not cut sets: under overlap several cut sets
give the same body (a root cut alone, fully or in part; a cut of C1, which has no
skin and no reflex), and any of them is right. The other kinds are scored per item
(key point, reflex, level), so a half-right answer earns half the marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.findings import FINDING_KEYS, findings
from rhizoviz.core.quiz import Question
from rhizoviz.core.quiz_draw import cut_root_kind

PARTIAL_PROBE = 0.5  # any partial fraction looks the same to the model: one probe stands for all


@dataclass(frozen=True)
class Grade:
    """The mark for one answer, with what to show the student beside the truth."""

    correct: bool
    score: float  # 0..1
    wrong: tuple[str, ...]  # one line per item answered wrongly: "left C6: you said …, it is …"
    why: str
    lesson: str


def same_findings(a: Iterable[Cut], b: Iterable[Cut], model: str) -> bool:
    """Do two cut sets look the same on the body (skin, key points, reflexes, muscles)?"""
    return findings(CutSet(a), model) == findings(CutSet(b), model)


def equivalent_alternatives(
    cuts: Sequence[Cut], model: str, limit: int = 3
) -> list[tuple[Cut, ...]]:
    """Other cut sets with the same findings, found by flipping roots full <-> partial.

    Single flips first, then all the accepted flips together; at most ``limit`` sets,
    in the cuts' own order (deterministic). This shows the student some other right
    answers; grading itself never needs it (it compares findings).
    """
    base = findings(CutSet(cuts), model)
    flips: list[int] = []
    found: list[tuple[Cut, ...]] = []
    for i, cut in enumerate(cuts):
        if cut_root_kind(cut) == "ganglion":
            continue  # a ganglion is removed whole: there is no partial one to try
        fraction = PARTIAL_PROBE if cut.fraction >= 1.0 else 1.0
        alt = tuple(replace(c, fraction=fraction) if j == i else c for j, c in enumerate(cuts))
        if findings(CutSet(alt), model) == base:
            flips.append(i)
            found.append(alt)
    if len(flips) > 1:
        combo = tuple(
            replace(c, fraction=PARTIAL_PROBE if c.fraction >= 1.0 else 1.0) if j in flips else c
            for j, c in enumerate(cuts)
        )
        if findings(CutSet(combo), model) == base:
            found.append(combo)
    return found[:limit]


def _entry_id(key: str, entry: Mapping[str, Any]) -> tuple[str, str]:
    name = entry.get("name", entry.get("level", "?"))
    return str(name), str(entry.get("side", ""))


def _entry_value(entry: Mapping[str, Any]) -> Any:
    return entry.get("status", entry.get("grade"))


def _differences(truth: Mapping[str, Any], given: Mapping[str, Any]) -> list[str]:
    lines = []
    for key in FINDING_KEYS:
        want = {_entry_id(key, e): _entry_value(e) for e in truth.get(key, ())}
        got = {_entry_id(key, e): _entry_value(e) for e in given.get(key, ())}
        for ident, value in want.items():
            if got.get(ident) != value:
                name, side = ident
                lines.append(
                    f"{side} {name} ({key.replace('_', ' ')}): yours {got.get(ident)}, "
                    f"the patient's {value}"
                )
    return lines


def _changed(data: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    """The findings that differ from normal, as (key, name, side)."""
    out = set()
    for key in FINDING_KEYS:
        entries = list(data.get(key, ()))
        normal = _normal_value(_entry_value(e) for e in entries)
        out |= {(key, *_entry_id(key, e)) for e in entries if _entry_value(e) != normal}
    return out


def grade_which_roots(q: Question, cuts: Iterable[Cut]) -> Grade:
    """Right when the student's cuts give the same findings as the hidden ones.

    Scored over the findings either body shows changed, so cutting nothing earns
    nothing rather than the marks of every normal patch of skin.
    """
    given = findings(CutSet(cuts), q.model)
    wrong = _differences(q.findings, given)
    total = len(_changed(q.findings) | _changed(given))
    return Grade(not wrong, max(0.0, (total - len(wrong)) / total) if total else 1.0,
                 tuple(wrong), q.why, q.lesson)


def _score(items: Sequence[tuple[str, Any, Any]], why: str, lesson: str) -> Grade:
    """Per-item marks: (label, truth, answer)."""
    wrong = tuple(f"{label}: you said {got}, it is {want}" for label, want, got in items
                  if got != want)
    score = (len(items) - len(wrong)) / len(items) if items else 1.0
    return Grade(not wrong, score, wrong, why, lesson)


def grade_where_loss(q: Question, marks: Mapping[tuple[str, str], str]) -> Grade:
    """Scored per key sensory point asked; a point left unmarked counts as 'normal'."""
    items = [
        (f"{p['side']} {p['level']}", p["status"], marks.get((p["level"], p["side"]), "normal"))
        for p in q.answer["key_sensory_points"]
    ]
    return _score(items, q.why, q.lesson)


def normalise_level(text: str) -> str:
    """'c6 ' -> 'C6', 'S4–5', 'S4-S5', 'S4', 'S5' -> 'S4-5', 'co1' -> 'Co1'."""
    t = text.strip().upper().replace("\u2013", "-").replace(" ", "")
    if t in {"S4", "S5", "S4-5", "S4-S5", "S45"}:
        return "S4-5"
    return "Co" + t[2:] if t.startswith("CO") else t


def grade_name_dermatome(q: Question, levels: str | Sequence[str]) -> Grade:
    """The named level(s) against the lit one(s); each level is one mark."""
    named = [levels] if isinstance(levels, str) else list(levels)
    want = [normalise_level(lv) for lv in q.answer["levels"]]
    got = {normalise_level(lv) for lv in named}
    hits = sum(1 for lv in want if lv in got)
    extra = sorted(got - set(want))
    wrong = [f"missed {lv}" for lv in want if lv not in got] + [f"{lv} is not lit" for lv in extra]
    denominator = len(want) + len(extra)
    return Grade(not wrong, hits / denominator if denominator else 1.0, tuple(wrong),
                 q.why, q.lesson)


def grade_reflexes(
    q: Question,
    reflexes: Mapping[tuple[str, str], str],
    muscles: Mapping[tuple[str, str], Any] | None = None,
) -> Grade:
    """Scored over the reflexes (and muscles) that the truth or the answer says changed.

    Unnamed ones count as normal, so naming every reflex "absent" is not a free mark.
    """
    items: list[tuple[str, Any, Any]] = []
    groups: list[tuple[str, Mapping[tuple[str, str], Any], str | None]] = [
        ("reflexes", reflexes, "normal")
    ]
    if "key_muscles" in q.findings:
        groups.append(("key_muscles", muscles or {}, None))
    for key, given, normal in groups:
        truth = {_entry_id(key, e): _entry_value(e) for e in q.findings[key]}
        default = normal if normal is not None else _normal_value(truth.values())
        for ident, want in truth.items():
            got = given.get(ident, default)
            if want != default or got != default:
                items.append((f"{ident[1]} {ident[0]}", want, got))
    return _score(items, q.why, q.lesson)


def _normal_value(values: Iterable[Any]) -> Any:
    """What 'unchanged' is for a findings list: 'normal', or the top grade if numeric."""
    vals = list(values)
    numbers = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
    return max(numbers) if numbers and len(numbers) == len(vals) else "normal"


def grade(q: Question, response: Any) -> Grade:
    """Grade any kind: cuts for which-roots, marks for where-loss, level(s) for
    name-dermatome, reflex statuses (or ``(reflexes, muscles)``) for reflexes."""
    if q.kind == "which-roots":
        return grade_which_roots(q, response)
    if q.kind == "where-loss":
        return grade_where_loss(q, response)
    if q.kind == "name-dermatome":
        return grade_name_dermatome(q, response)
    if q.kind == "reflexes":
        if isinstance(response, tuple) and len(response) == 2:
            return grade_reflexes(q, response[0], response[1])
        return grade_reflexes(q, response)
    raise ValueError(f"unknown question kind {q.kind!r}")
