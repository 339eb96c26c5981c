"""``rhizoviz quiz``: a seeded quiz at the terminal, as JSON, or as a printable handout.

The same ``--seed`` gives the same questions on every machine, so a lecturer can hand
out "quiz 42". Each question's ``findings`` are exactly what ``rhizoviz simulate --json``
prints for its cuts. Bad options exit 2 with one line.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys

from rhizoviz.core.quiz import KINDS, MAX_COUNT, MAX_SEED, Question, Quiz, QuizError, generate_quiz
from rhizoviz.core.quiz_draw import DIFFICULTIES


def _whole_number(text: str, what: str) -> int:
    """``text`` as a base-10 integer, or the one-line error naming ``what`` and the text."""
    try:
        return int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad {what} '{text[:40]}': expected a whole number"
                                         ) from None


def _seed(text: str) -> int:
    value = _whole_number(text, "seed")
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"seed {text[:40]} out of range 0 to {MAX_SEED}")
    return value


def _count(text: str) -> int:
    value = _whole_number(text, "count")
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"count {value} out of range 1 to {MAX_COUNT}")
    return value


def _kinds(text: str) -> list[str]:
    names = [k.strip() for k in text.split(",") if k.strip()]
    for name in names or [text]:
        if name not in KINDS:
            raise argparse.ArgumentTypeError(
                f"unknown kind '{name[:40]}' (choose from {', '.join(KINDS)})")
    return names


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="a seeded quiz generated from the model")
    p.add_argument("--seed", type=_seed, default=None,
                   help="the quiz number: the same seed gives the same quiz (default: random)")
    p.add_argument("--count", type=_count, default=12, help=f"questions, 1 to {MAX_COUNT}")
    p.add_argument("--kinds", type=_kinds, nargs="+", default=None, metavar="KIND",
                   help=f"some of: {', '.join(KINDS)} (spaces or commas; default: all)")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--handout", metavar="OUT.pdf",
                   help="write a question sheet with pictures and an answer key")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"rhizoviz quiz: error: {message}\n")
    return 2


def answer_text(q: Question) -> str:
    """The answer in a sentence, for the terminal and the handout's answer key."""
    from rhizoviz.core.cuts import Cut
    from rhizoviz.core.quiz import describe_cuts

    a = q.answer
    if q.kind == "which-roots":
        text = f"Cut {describe_cuts(q.cuts)}."
        alts = [describe_cuts([Cut(c["level"], c["side"], c["fraction"]) for c in alt])
                for alt in a["alternatives"]]
        if alts:
            text += " Equally right: " + "; or ".join(alts) + "."
        return text
    if q.kind == "where-loss":
        parts = []
        for status in ("absent", "impaired"):
            pts = [f"{p['side']} {p['level']}" for p in a["key_sensory_points"]
                   if p["status"] == status]
            if pts:
                parts.append(f"{status.capitalize()}: {', '.join(pts)}.")
        return " ".join(parts + ["Every other point asked is normal."])
    if q.kind == "name-dermatome":
        return f"{', '.join(a['levels'])} ({a['side']} side)."
    parts = [f"{r['side']} {r['name']} {r['status']}" for r in a["reflexes"]]
    parts += [f"{m.get('side')} {m.get('name', m.get('level'))} {m.get('status', m.get('grade'))}"
              for m in a.get("key_muscles", ())]
    return ("; ".join(parts) or "every reflex normal").capitalize() + "."


def _text(quiz: Quiz) -> str:
    out = [f"Quiz {quiz.seed} ({quiz.difficulty}, {len(quiz.questions)} questions)", ""]
    for n, q in enumerate(quiz.questions, 1):
        out += [f"{n}. [{q.kind}] {q.prompt}", ""]
    out += ["Answers", ""]
    for n, q in enumerate(quiz.questions, 1):
        out += [f"{n}. {answer_text(q)} {q.why} (lesson {q.lesson})"]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    kinds = [k for group in args.kinds for k in group] if args.kinds else None
    try:
        quiz = generate_quiz(seed, args.count, kinds, args.difficulty)
    except QuizError as exc:
        return _fail(str(exc))
    if args.handout:
        from rhizoviz.cli.quiz_handout import HandoutError, write_handout

        try:
            write_handout(quiz, args.handout)
        except HandoutError as exc:
            return _fail(str(exc))
    if args.json:
        json.dump(quiz.to_json(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif not args.handout:
        sys.stdout.write(_text(quiz))
    return 0
