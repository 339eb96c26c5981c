"""The outcome model applied to every vertex of the shipped body mesh.

This joins the core's status rule to the body's per-vertex labels, so the
``simulate`` command can report how much skin a set of cuts affects with the
very rule that colours the body in the app.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rhizoviz.core.atlas import PIN_PRICK
from rhizoviz.core.cuts import CutSet
from rhizoviz.core.outcome import Outcome, RootMasks, model_supply, patch_status, widen_supply
from rhizoviz.mesh_loader import Body, load_body, surface_fractions


def body_status(body: Body, cuts: CutSet, model: str, modality: str = PIN_PRICK) -> np.ndarray:
    """Per-vertex status (0 normal, 1 impaired, 2 absent) of pin prick or light touch."""
    supply = body.supply_bits
    if modality != PIN_PRICK:
        supply = widen_supply(body.primary_bits, supply, modality)
    supply = model_supply(model, body.primary_bits, supply)
    return patch_status(body.primary_bits, supply, body.side_code, RootMasks.from_cuts(cuts))


def with_body_surface(outcome: Outcome, body: Body | None = None) -> Outcome:
    """The outcome with the fraction of each side's skin that is absent and impaired."""
    body = body or load_body()
    status = body_status(body, CutSet(outcome.cuts), outcome.model)
    return replace(outcome, body_surface=surface_fractions(body, status))
