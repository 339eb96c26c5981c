"""One JSON object for everything a set of cuts does: ``rhizoviz simulate --json``.

Every caller that reports an outcome as data (the command line, quiz findings, a
case's examination, a trainer's result) builds it here, so the keys and their
meanings stay the same everywhere: the outcome's own keys (cuts, dermatomes, key
sensory points, reflexes, key muscles, body surface) plus the ISNCSCI ``exam``
worksheet. Quiz questions and cases carry "findings", the part a student can see
on the body: they are the very lists ``simulate --json`` prints for the same cuts,
so a lecturer can check any question at the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.exam import worksheet_from_outcome
from rhizoviz.core.outcome import Outcome, evaluate

#: The parts of the outcome JSON a student can see or examine on the body.
FINDING_KEYS: tuple[str, ...] = ("dermatomes", "key_sensory_points", "reflexes", "key_muscles")


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """The outcome and its worksheet as one JSON-ready dict."""
    data: dict[str, Any] = outcome.to_json()
    data["exam"] = worksheet_from_outcome(outcome).to_json()
    return data


def findings(cuts: CutSet | Iterable[Cut], model: str) -> dict[str, Any]:
    """The visible findings of these cuts: the :data:`FINDING_KEYS` of what
    ``simulate --json`` prints for them (the worksheet is not built: grading asks
    for findings many times and never reads it)."""
    cutset = cuts if isinstance(cuts, CutSet) else CutSet(cuts)
    data = evaluate(cutset, model).to_json()
    return {key: data[key] for key in FINDING_KEYS if key in data}


def _is_abnormal(entry: dict[str, Any]) -> bool:
    if "grade" in entry:  # a key muscle: 5 is normal strength
        return bool(entry["grade"] != 5)
    return bool(entry.get("status", "normal") != "normal")


def abnormal(findings_json: dict[str, Any]) -> bool:
    """Does anything on the body (skin, key points, reflexes, muscles) differ from normal?"""
    return any(_is_abnormal(entry) for key in FINDING_KEYS for entry in findings_json.get(key, ()))
