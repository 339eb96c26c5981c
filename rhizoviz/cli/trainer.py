"""``rhizoviz trainer sdr``: the selective dorsal rhizotomy trainer at the terminal.

Draws the child of ``--seed``, marks ``--cut`` rootlets and prints the debrief, or
with ``--json`` one object whose ``outcome`` is exactly what ``rhizoviz simulate
--json`` prints for the same partial cuts. Bad input exits 2 with one line.
"""

from __future__ import annotations

import argparse
import json
import sys

from rhizoviz.cli.simulate import simulate_json
from rhizoviz.core.cuts import CutSet
from rhizoviz.core.outcome import DEFAULT_MODEL, MODELS
from rhizoviz.core.sdr.approach import APPROACHES, DEFAULT_APPROACH
from rhizoviz.core.sdr.debrief import debrief_text
from rhizoviz.core.sdr.patient import PatientError, check_seed, draw_patient
from rhizoviz.core.sdr.plan import cut_set, make_plan, plan_json

DEFAULT_SEED = 1


def _seed(text: str) -> int:
    try:
        return check_seed(int(text, 10))
    except (ValueError, PatientError):
        raise argparse.ArgumentTypeError(
            f"bad seed {text[:32]!r}: expected an integer 0..2**63-1"
        ) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trainer", help="surgical trainers (sdr: selective dorsal rhizotomy)")
    kinds = p.add_subparsers(dest="trainer", required=True)
    sdr = kinds.add_parser("sdr", help="stimulate rootlets, choose what to cut, see the cost")
    sdr.add_argument("--seed", type=_seed, default=DEFAULT_SEED, help="the child (integer)")
    sdr.add_argument(
        "--approach",
        choices=tuple(APPROACHES),
        default=DEFAULT_APPROACH,
        help="conus: single-level L1 laminectomy; multilevel: L2-S1",
    )
    sdr.add_argument(
        "--cut",
        action="extend",
        nargs="+",
        default=[],
        metavar="ROOTLET",
        help="rootlets to cut, e.g. L5-left-3 S1-right-2",
    )
    sdr.add_argument("--model", choices=MODELS, default=DEFAULT_MODEL, help="outcome model")
    sdr.add_argument("--json", action="store_true", help="print one JSON object")
    sdr.add_argument(
        "--no-body", action="store_true", help="skip the body-surface fractions (no mesh load)"
    )
    sdr.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"rhizoviz trainer: error: {message}\n")
    return 2


def outcome_json(cuts: CutSet, model: str, body: bool) -> dict[str, object]:
    """The ``simulate --json`` object for these cuts: the one place that builds it here.

    Built by :func:`rhizoviz.cli.simulate.simulate_json`, as ``simulate`` builds it.
    May raise MeshFileError.
    """
    return simulate_json(cuts, model, body)


def run(args: argparse.Namespace) -> int:
    try:
        plan = make_plan(draw_patient(args.seed), args.cut, args.approach)
    except PatientError as exc:
        return _fail(str(exc))
    if not args.json:
        sys.stdout.write(debrief_text(plan))
        return 0
    from rhizoviz.mesh_loader import MeshFileError

    data = plan_json(plan)
    try:
        data["outcome"] = outcome_json(cut_set(plan), args.model, not args.no_body)
    except MeshFileError as exc:
        return _fail(str(exc))
    json.dump(data, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
