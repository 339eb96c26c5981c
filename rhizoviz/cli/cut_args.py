"""The cut options `simulate` and `render` share: --cut, --scenario, --model.

Both commands turn them into one core :class:`State` the same way, so a figure
always shows exactly what `simulate` reports for the same arguments.
"""

from __future__ import annotations

import argparse

from rhizoviz.core.cuts import CutSet, parse_spec
from rhizoviz.core.outcome import DEFAULT_MODEL, MODELS
from rhizoviz.core.scenario import load_scenario
from rhizoviz.core.session import CUSTOM_CUTS, NO_CUTS, State


def add_cut_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cut",
        action="append",
        default=[],
        metavar="SPEC",
        help=(
            "[ROOT:][SIDE:]LEVEL[-LEVEL][@FRACTION]; ROOT dorsal (default), ventral or "
            "ganglion; SIDE left, right or both (default); e.g. left:C5-C7, L2-S1@0.4, "
            "ventral:left:L5, ganglion:left:C2"
        ),
    )
    parser.add_argument("--scenario", metavar="FILE", help="a scenario JSON file")
    parser.add_argument(
        "--model", choices=MODELS, default=None, help="overlap (default) or textbook"
    )


def state_from_args(args: argparse.Namespace) -> State:
    """The scenario file's cuts plus every --cut; --model overrides the file's model.

    Raises CutSpecError or ScenarioError with a one-line message.
    """
    return state_and_view_from_args(args)[0]


def state_and_view_from_args(args: argparse.Namespace) -> tuple[State, str | None]:
    """As :func:`state_from_args`, with the view the scenario file asks for (if any)."""
    cuts = []
    model = DEFAULT_MODEL
    name, description, view = "", "", None
    if args.scenario:
        scenario = load_scenario(args.scenario)
        cuts.extend(scenario.cuts)
        model = scenario.model
        name, description, view = scenario.name, scenario.description, scenario.view
    for spec in args.cut:
        cuts.extend(parse_spec(spec))
    if args.cut:
        name = ""  # extra cuts make it another scenario: a caption names the cuts instead
    if args.model:
        model = args.model
    state = State(CutSet(cuts), model, name or (CUSTOM_CUTS if cuts else NO_CUTS), description)
    return state, view
