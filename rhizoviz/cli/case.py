"""``rhizoviz case``: the shipped clinical cases as data or readable text.

``rhizoviz case --list [--json]`` lists them; ``rhizoviz case NAME [--json]`` prints one
case's seven steps, with the examination findings, the single-root block results and
the expected decision's outcome computed by the model. Bad names exit 2 with one line.
"""

from __future__ import annotations

import argparse
import json
import sys

from rhizoviz.core.case_model import case_json
from rhizoviz.core.cases import CaseError, load_case, load_cases


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("case", help="the clinical cases: list them, or print one")
    p.add_argument("name", nargs="?", help="a case name (see --list)")
    p.add_argument("--list", action="store_true", help="list the cases")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"rhizoviz case: error: {message}\n")
    return 2


def _text(data: dict) -> str:
    out = [data["title"], "", data["summary"], ""]
    for step in data["steps"]:
        out += [f"## {step['step'].capitalize()}", "", step["text"], ""]
        if step["step"] == "block":
            for r in step["single_root_results"]:
                root = r["roots"][0]
                out.append(f"  block {root['side']} {root['level']}: usual symptom eased by "
                           f"{r['relief']:.0%} ({'positive' if r['positive'] else 'negative'})")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def run(args: argparse.Namespace) -> int:
    if args.list:
        if args.name:
            return _fail("give either --list or a case name, not both")
        try:
            cases, problems = load_cases()
        except CaseError as exc:
            return _fail(str(exc))
        for problem in problems:
            sys.stderr.write(f"rhizoviz case: warning: {problem}\n")
        rows = [{"name": c.name, "title": c.title} for c in cases]
        if args.json:
            json.dump(rows, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            width = max((len(r["name"]) for r in rows), default=0)
            sys.stdout.write("".join(f"{r['name']:<{width}}  {r['title']}\n" for r in rows))
        return 0
    if not args.name:
        return _fail("name a case, or use --list")
    try:
        data = case_json(load_case(args.name))
    except CaseError as exc:
        return _fail(str(exc))
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_text(data))
    return 0
