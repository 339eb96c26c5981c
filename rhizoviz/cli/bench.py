"""``rhizoviz bench``: the app's start-up, cut latency, look-up and memory against the floor.

The work happens in :mod:`rhizoviz.bench.runner`; this module only parses options and
prints. It needs an X display: with none it starts Xvfb itself, and if it cannot it
exits 2 with one line, like every rhizoviz command.
"""

from __future__ import annotations

import argparse
import json
import sys


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be at least 1")
    return value


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure start-up, cut latency and memory against a bare "
                       "VTK window (needs a display or Xvfb)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--cuts", type=_positive, default=200, metavar="N",
                   help="cuts and restores clicked on the level panel (default 200)")
    p.add_argument("--cuts-3d", type=_positive, default=None, metavar="N",
                   help="cuts and restores clicked in the 3D view (default N/4, at least 10)")
    p.add_argument("--lookups", type=_positive, default=None, metavar="N",
                   help="skin clicks for the reverse look-up (default N/4, at least 10)")
    p.add_argument("--startup-runs", type=_positive, default=3, metavar="R",
                   help="cold starts of each program; medians are compared (default 3)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 when a target of issue 6 is missed")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rhizoviz.bench.runner import BenchError, NoDisplayError, format_text
    from rhizoviz.bench.runner import run as run_bench

    quarter = max(10, args.cuts // 4)
    try:
        result = run_bench(
            cuts=args.cuts,
            cuts_3d=args.cuts_3d or quarter,
            lookups=args.lookups or quarter,
            startup_runs=args.startup_runs,
        )
    except BenchError as exc:
        sys.stderr.write(f"rhizoviz bench: error: {exc}\n")
        return 2 if isinstance(exc, NoDisplayError) else 1
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(result))
    missed = [name for name, t in result["targets"].items() if not t["met"]]
    return 1 if args.check and missed else 0
