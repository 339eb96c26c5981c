"""One JSON object for everything a set of cuts does: ``rhizoviz simulate --json``.

Every caller that reports an outcome as data (the command line, quiz findings, a
trainer's result) builds it here, so the keys and their meanings stay the same
everywhere: the outcome's own keys (cuts, dermatomes, key sensory points, reflexes,
key muscles, body surface) plus the ISNCSCI ``exam`` worksheet.
"""

from __future__ import annotations

from rhizoviz.core.exam import worksheet_from_outcome
from rhizoviz.core.outcome import Outcome


def outcome_json(outcome: Outcome) -> dict[str, object]:
    """The outcome and its worksheet as one JSON-ready dict."""
    data = outcome.to_json()
    data["exam"] = worksheet_from_outcome(outcome).to_json()
    return data
