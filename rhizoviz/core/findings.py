"""What the body shows for a set of cuts, exactly as ``rhizoviz simulate --json`` prints it.

Quiz questions and clinical cases carry "findings": the skin, key points, reflexes
(and key muscles, where the outcome model has them) for some cuts. They must be
the very lists ``simulate --json`` prints for the same cuts, so a lecturer can check
any question at the terminal. This module is the one place that builds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.outcome import evaluate

#: The parts of the outcome JSON a student can see on the body; ``key_muscles`` only
#: appears once the outcome model reports muscles.
FINDING_KEYS: tuple[str, ...] = ("dermatomes", "key_sensory_points", "reflexes", "key_muscles")


def simulate_json(cuts: CutSet | Iterable[Cut], model: str) -> dict[str, Any]:
    """The outcome JSON ``simulate --json --no-body`` prints for these cuts and model."""
    cutset = cuts if isinstance(cuts, CutSet) else CutSet(cuts)
    return evaluate(cutset, model).to_json()


def findings(cuts: CutSet | Iterable[Cut], model: str) -> dict[str, Any]:
    """The visible findings of these cuts: the :data:`FINDING_KEYS` the outcome has."""
    data = simulate_json(cuts, model)
    return {key: data[key] for key in FINDING_KEYS if key in data}


def abnormal(findings_json: dict[str, Any]) -> bool:
    """Does anything on the body differ from normal?"""
    return any(
        entry.get("status", "normal") != "normal"
        for key in FINDING_KEYS
        for entry in findings_json.get(key, ())
    )
