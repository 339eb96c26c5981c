"""``rhizoviz simulate``: the outcome model at the terminal, as text or JSON.

It calls the same core the app does. Bad input exits 2 with one line on stderr
naming the bad token, field or file, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys

from rhizoviz.cli.cut_args import add_cut_arguments, state_from_args
from rhizoviz.core.cuts import CutSet, CutSpecError
from rhizoviz.core.exam import worksheet_from_outcome
from rhizoviz.core.findings import outcome_json
from rhizoviz.core.outcome import Outcome, evaluate
from rhizoviz.core.report import describe_cuts, outcome_text
from rhizoviz.core.scenario import ScenarioError
from rhizoviz.core.session import State


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate",
        help="compute what a set of root cuts does: skin, muscles, reflexes, the ISNCSCI exam",
    )
    add_cut_arguments(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--no-body", action="store_true", help="skip the body-surface fractions (no mesh load)"
    )
    p.add_argument(
        "--worksheet",
        metavar="OUT.pdf|OUT.png",
        help="also write the ISNCSCI worksheet as an A4 PDF or PNG (no window opens)",
    )
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"rhizoviz simulate: error: {message}\n")
    return 2


def simulate_outcome(cuts: CutSet, model: str, body: bool = True) -> Outcome:
    """Evaluate the cuts and, unless ``body`` is False, add the body-surface fractions
    (loads the mesh; may raise MeshFileError)."""
    outcome = evaluate(cuts, model)
    if body:
        from rhizoviz.body_outcome import with_body_surface

        outcome = with_body_surface(outcome)
    return outcome


def simulate_json(cuts: CutSet, model: str, body: bool = True) -> dict[str, object]:
    """The ``simulate --json`` object for these cuts: what every command that reports an
    outcome as data prints (may raise MeshFileError)."""
    return outcome_json(simulate_outcome(cuts, model, body))


def write_worksheet_file(path: str, state: State) -> None:
    """Paint the worksheet for ``state`` to ``path`` (.pdf or .png) with no window.

    The path is checked before Qt starts. QPainter needs a QGuiApplication; with no
    display it runs on Qt's offscreen platform (painting to a PDF or an image needs no
    screen and no OpenGL). Raises WorksheetExportError (a ValueError) naming the path.
    """
    from rhizoviz.app.worksheet_paint import check_export_path

    check_export_path(path)  # before Qt: a bad name costs nothing
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt6.QtGui import QGuiApplication

    from rhizoviz.app.worksheet_paint import SheetInfo, write_worksheet

    app = QGuiApplication.instance() or QGuiApplication(["rhizoviz"])
    sheet = worksheet_from_outcome(evaluate(state.cuts, state.model))
    info = SheetInfo(state.name, datetime.date.today().isoformat(), state.model,
                     describe_cuts(state.cuts))
    write_worksheet(path, sheet, info)
    del app


def run(args: argparse.Namespace) -> int:
    from rhizoviz.mesh_loader import MeshFileError

    try:
        state = state_from_args(args)
    except (CutSpecError, ScenarioError) as exc:
        return _fail(str(exc))
    if args.worksheet is not None:
        try:
            write_worksheet_file(args.worksheet, state)
        except ValueError as exc:  # WorksheetExportError: one line naming the path
            return _fail(str(exc))
    try:
        outcome = simulate_outcome(state.cuts, state.model, not args.no_body)
    except MeshFileError as exc:
        return _fail(str(exc))
    if args.json:
        json.dump(outcome_json(outcome), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(outcome_text(outcome))
    return 0

