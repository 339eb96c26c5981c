"""Seeded quizzes generated from the outcome model.

A quiz is a list of :class:`Question`, each built from cuts drawn by
:mod:`rhizoviz.core.quiz_draw` and the findings the outcome model gives for them:
nothing is typed in. Four kinds:

* ``which-roots``: the body shows the findings of hidden cuts; the student cuts roots
  that reproduce them (graded by comparing outcomes, :mod:`rhizoviz.core.quiz_grading`);
* ``where-loss``: the cuts are shown; the student marks key sensory points;
* ``name-dermatome``: a key point or a numb patch lights up; the student names the level;
* ``reflexes``: the cuts are shown; the student says which reflexes are lost or diminished.

The same seed gives the same quiz on every machine; within a quiz no two questions
show the student the same thing.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import Cut, CutSet, format_fraction
from rhizoviz.core.findings import abnormal, findings
from rhizoviz.core.outcome import check_model
from rhizoviz.core.quiz_draw import (
    DIFFICULTIES,
    Draw,
    draw_cuts,
    draw_until,
    pick,
    regions_of,
)
from rhizoviz.core.quiz_explain import (
    key_point_why,
    patch_why,
    reflex_why,
    skin_why,
)
from rhizoviz.core.report import cut_groups, level_runs

KINDS: tuple[str, ...] = ("which-roots", "where-loss", "name-dermatome", "reflexes")
MAX_COUNT = 100
MAX_SEED = 2**63 - 1
_ATTEMPTS = 60  # draws per question before the quiz gives up on finding a new one
_MARGIN = 2  # where-loss asks about key points this many levels beyond the cuts


class QuizError(ValueError):
    """A quiz cannot be made as asked; the one-line message says why."""


@dataclass(frozen=True)
class Question:
    """One question: what the student is shown, and the answer the model gives."""

    id: str
    kind: str
    difficulty: str
    prompt: str
    model: str
    cuts: tuple[Cut, ...]
    findings: dict[str, Any]
    answer: dict[str, Any]
    why: str
    lesson: str
    regions: tuple[str, ...] = field(default=())
    seen: str = field(default="", repr=False)  # what the student sees, for de-duplication

    def to_json(self) -> dict[str, Any]:
        """The question as ``rhizoviz quiz --json`` prints it (why and lesson in the answer)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "difficulty": self.difficulty,
            "prompt": self.prompt,
            "model": self.model,
            "cuts": [c.to_dict() for c in self.cuts],
            "findings": self.findings,
            "answer": {**self.answer, "why": self.why, "lesson": self.lesson},
        }


@dataclass(frozen=True)
class Quiz:
    seed: int
    difficulty: str
    kinds: tuple[str, ...]
    questions: tuple[Question, ...]

    def to_json(self) -> dict[str, Any]:
        return {"seed": self.seed, "questions": [q.to_json() for q in self.questions]}


# --------------------------------------------------------------------------- wording


def describe_cuts(cuts: Sequence[Cut], atlas: Atlas | None = None) -> str:
    """'left C5–C7 dorsal roots; both sides L4 dorsal roots, 40 % of rootlets' and so on."""
    noun = {"dorsal": "dorsal root", "ventral": "ventral root", "ganglion": "ganglion"}
    parts: list[str] = []
    for side, runs, root, fraction in cut_groups(cuts, atlas):
        where = "both sides" if side == "both" else side
        name = noun.get(root, f"{root} root")
        several = len(runs) > 1 or "\u2013" in runs[0] or side == "both"
        amount = "" if fraction >= 1.0 else f", {format_fraction(fraction)} of rootlets"
        parts.append(f"{where} {', '.join(runs)} {name}{'s' if several else ''}{amount}")
    return "; ".join(parts)


def describe_findings(data: dict[str, Any], atlas: Atlas | None = None) -> str:
    """What differs from normal, per side: the text of a which-roots prompt."""
    atlas = atlas or load_atlas()
    parts = []
    for side in SIDES:
        bits = []
        for status in ("absent", "impaired"):
            levels = [d["level"] for d in data["dermatomes"]
                      if d["side"] == side and d["status"] == status]
            if levels:
                bits.append(f"{', '.join(level_runs(levels, atlas))} {status}")
        for status in ("absent", "diminished"):
            names = [_reflex_word(r["name"]) for r in data["reflexes"]
                     if r["side"] == side and r["status"] == status]
            if names:
                bits.append(f"{', '.join(names)} {status}")
        for m in data.get("key_muscles", ()):
            grade = m.get("status", m.get("grade"))
            if m.get("side") == side and grade not in (None, "normal", 5):
                bits.append(f"{m.get('name', m.get('level'))} {grade}")
        if bits:
            parts.append(f"{side}: " + "; ".join(bits))
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "." if parts else "No loss."


def _reflex_word(name: str) -> str:
    return ("Achilles" if name == "achilles" else name) + " jerk"


def _point_runs(levels: Sequence[str], atlas: Atlas) -> str:
    """'C4-T2 and L5-S4-5': runs of consecutive key points (S4-5 is one point)."""
    order = [k.level for k in atlas.key_points]
    runs: list[list[str]] = []
    for lv in sorted(levels, key=order.index):
        if runs and order.index(lv) == order.index(runs[-1][-1]) + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    words = [r[0] if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _model_words(model: str) -> str:
    return "textbook map" if model == "textbook" else "overlap model"


# --------------------------------------------------------------------------- kinds


Builder = Callable[[random.Random, str, Atlas], "Question | None"]


def _question(kind: str, difficulty: str, prompt: str, draw: Draw, answer: dict[str, Any],
              why: tuple[str, str], seen: Any, data: dict[str, Any], atlas: Atlas) -> Question:
    return Question(
        id="", kind=kind, difficulty=difficulty, prompt=prompt, model=draw.model,
        cuts=draw.cuts, findings=data, answer=answer, why=why[0], lesson=why[1],
        regions=regions_of(draw.cuts, atlas),
        seen=json.dumps([kind, seen], sort_keys=True),
    )


def _which_roots(rng: random.Random, difficulty: str, atlas: Atlas) -> Question | None:
    draw = draw_until(rng, lambda: draw_cuts(rng, difficulty, atlas),
                      lambda d: abnormal(findings(d.cuts, d.model)))
    return None if draw is None else _build_which_roots(draw, difficulty, atlas)


def _build_which_roots(draw: Draw, difficulty: str, atlas: Atlas) -> Question:
    from rhizoviz.core.quiz_grading import equivalent_alternatives

    data = findings(draw.cuts, draw.model)
    muscles = " and muscles" if "key_muscles" in data else ""
    prompt = (
        f"The body shows what hidden cuts did ({_model_words(draw.model)}). Cut the roots that "
        f"give the same skin, key points, reflexes{muscles}. {describe_findings(data, atlas)}"
    )
    answer = {
        "cuts": [c.to_dict() for c in draw.cuts],
        "alternatives": [[c.to_dict() for c in alt]
                         for alt in equivalent_alternatives(draw.cuts, draw.model)],
        "rule": "any cuts whose findings equal these findings are right",
    }
    return _question("which-roots", difficulty, prompt, draw, answer,
                     skin_why(draw.cuts, draw.model, data, atlas), data, data, atlas)


def _asked_points(draw: Draw, atlas: Atlas) -> list[tuple[str, str]]:
    """(key point level, side) pairs a where-loss question asks about: near the cuts."""
    sides = [s for s in SIDES if any(c.side == s for c in draw.cuts)]
    indices = [atlas.index(c.level) for c in draw.cuts]
    near = [
        k.level for k in atlas.key_points
        if any(abs(atlas.index(p) - i) <= _MARGIN for p in k.primary for i in indices)
    ]
    return [(lv, s) for s in sides for lv in near]


def _where_loss(rng: random.Random, difficulty: str, atlas: Atlas) -> Question | None:
    def shows_loss(d: Draw) -> bool:  # a ventral root alone leaves every key point normal
        return any(
            k["status"] != "normal" for k in findings(d.cuts, d.model)["key_sensory_points"]
        )

    draw = draw_until(rng, lambda: draw_cuts(rng, difficulty, atlas), shows_loss)
    return None if draw is None else _build_where_loss(draw, difficulty, atlas)


def _build_where_loss(draw: Draw, difficulty: str, atlas: Atlas) -> Question:
    data = findings(draw.cuts, draw.model)
    asked = _asked_points(draw, atlas)
    status = {(k["level"], k["side"]): k["status"] for k in data["key_sensory_points"]}
    points = [{"level": lv, "side": s, "status": status[(lv, s)]} for lv, s in asked]
    sides = sorted({s for _, s in asked}, key=SIDES.index)
    levels = [lv for lv, s in asked if s == sides[0]]
    prompt = (
        f"Cut: {describe_cuts(draw.cuts, atlas)} ({_model_words(draw.model)}). Mark the key "
        f"sensory points {_point_runs(levels, atlas)} on the {' and '.join(sides)} side"
        f"{'s' if len(sides) > 1 else ''} as absent, impaired or normal to pin prick."
    )
    return _question("where-loss", difficulty, prompt, draw, {"key_sensory_points": points},
                     skin_why(draw.cuts, draw.model, data, atlas),
                     [draw.model, [c.to_dict() for c in draw.cuts]], data, atlas)


def _reflex_levels(atlas: Atlas) -> tuple[str, ...]:
    wanted = {lv for rf in atlas.reflexes for lv in rf.levels}
    return tuple(lv for lv in atlas.level_names if lv in wanted)


def _reflexes(rng: random.Random, difficulty: str, atlas: Atlas) -> Question | None:
    levels = _reflex_levels(atlas)

    def touches(d: Draw) -> bool:
        return any(r["status"] != "normal" for r in findings(d.cuts, d.model)["reflexes"])

    draw = draw_until(rng, lambda: draw_cuts(rng, difficulty, atlas, levels), touches)
    return None if draw is None else _build_reflexes(draw, difficulty, atlas)


def _build_reflexes(draw: Draw, difficulty: str, atlas: Atlas) -> Question:
    data = findings(draw.cuts, draw.model)
    answer: dict[str, Any] = {
        "reflexes": [{"name": r["name"], "side": r["side"], "status": r["status"]}
                     for r in data["reflexes"] if r["status"] != "normal"],
    }
    muscles = ""
    if "key_muscles" in data:
        muscles = " And which key muscles are weak?"
        answer["key_muscles"] = [m for m in data["key_muscles"]
                                 if m.get("status", m.get("grade")) not in ("normal", 5)]
    prompt = (
        f"Cut: {describe_cuts(draw.cuts, atlas)} ({_model_words(draw.model)}). Which tendon "
        f"reflexes are lost, and which diminished?{muscles}"
    )
    return _question("reflexes", difficulty, prompt, draw, answer, reflex_why(data),
                     [draw.model, [c.to_dict() for c in draw.cuts]], data, atlas)


def _name_dermatome(rng: random.Random, difficulty: str, atlas: Atlas) -> Question | None:
    side = pick(rng, SIDES)
    if difficulty == "hard":
        # a numb band: cut four or five roots; the inner ones lose all feeling
        derm = [lv for lv in atlas.dermatome_levels if lv not in atlas.no_overlap]
        length = 4 + rng.randrange(2)
        start = rng.randrange(len(derm) - length + 1)
        draw = Draw("overlap", tuple(Cut(lv, side, 1.0) for lv in derm[start:start + length]))
        data = findings(draw.cuts, draw.model)
        absent = [d["level"] for d in data["dermatomes"]
                  if d["side"] == side and d["status"] == "absent"]
        prompt = (f"On the {side} side a band of skin has lost all feeling (the blue band). "
                  "Name the levels of the numb band.")
        return _question("name-dermatome", difficulty, prompt, draw,
                         {"levels": absent, "side": side}, patch_why(absent, atlas),
                         ["band", side, absent], data, atlas)
    point = pick(rng, atlas.key_points)
    if difficulty == "starter":
        draw = Draw("textbook", tuple(Cut(lv, side, 1.0) for lv in point.primary))
        prompt = (f"A key sensory point lights up on the {side} side: "
                  f"{point.landmark[0].lower()}{point.landmark[1:]}. Which dermatome is it in?")
        why = key_point_why(point.level, point.landmark)
        seen = ["point", side, point.level]
    else:
        draw = Draw("overlap", tuple(Cut(lv, side, 1.0) for lv in point.supply))
        prompt = (f"On the {side} side one patch of skin has lost all feeling (the blue patch, "
                  "with its key sensory point). Name its dermatome.")
        why = patch_why(point.primary, atlas)
        seen = ["patch", side, point.level]
    data = findings(draw.cuts, draw.model)
    answer = {"levels": [point.level], "side": side, "landmark": point.landmark}
    return _question("name-dermatome", difficulty, prompt, draw, answer, why, seen, data, atlas)


BUILDERS: dict[str, Builder] = {
    "which-roots": _which_roots,
    "where-loss": _where_loss,
    "name-dermatome": _name_dermatome,
    "reflexes": _reflexes,
}


_BUILD_FROM_CUTS: dict[str, Callable[[Draw, str, Atlas], Question]] = {
    "which-roots": _build_which_roots,
    "where-loss": _build_where_loss,
    "reflexes": _build_reflexes,
}


def question_for(kind: str, cuts: Sequence[Cut], model: str = "overlap",
                 difficulty: str = "standard", atlas: Atlas | None = None) -> Question:
    """A question of ``kind`` about given cuts (a lecturer's own, a case's, a test's).

    ``name-dermatome`` questions light a key point rather than show cuts: they are only
    drawn, never built from cuts.
    """
    if kind not in _BUILD_FROM_CUTS:
        raise QuizError(f"a {kind} question cannot be built from cuts")
    if not cuts:
        raise QuizError("a question needs at least one cut")
    q = _BUILD_FROM_CUTS[kind](Draw(check_model(model), tuple(CutSet(cuts).cuts())),
                              difficulty, atlas or load_atlas())
    return _with_id(q, "custom")


# --------------------------------------------------------------------------- quizzes


def check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise QuizError(f"bad seed {seed!r}: expected a whole number from 0 to {MAX_SEED}")
    return seed


def check_kinds(kinds: Sequence[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in canonical order (so order on the command line does not matter)."""
    if not kinds:
        return KINDS
    for kind in kinds:
        if kind not in KINDS:
            raise QuizError(f"unknown kind '{kind}': choose from {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in kinds)


def generate_quiz(
    seed: int,
    count: int = 12,
    kinds: Sequence[str] | None = None,
    difficulty: str = "standard",
    atlas: Atlas | None = None,
) -> Quiz:
    """``count`` questions for ``seed``: the same arguments give the same quiz everywhere.

    Kinds take turns in an order shuffled by the seed. Raises :class:`QuizError` with a
    one-line message for bad arguments, or when the kinds and difficulty cannot give
    ``count`` different questions.
    """
    atlas = atlas or load_atlas()
    seed = check_seed(seed)
    chosen = check_kinds(kinds)
    if difficulty not in DIFFICULTIES:
        raise QuizError(f"unknown difficulty '{difficulty}': choose from {', '.join(DIFFICULTIES)}")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise QuizError(f"bad count {count!r}: expected 1 to {MAX_COUNT}")
    rng = random.Random(seed)
    order = list(chosen)
    rng.shuffle(order)
    seen: set[str] = set()
    questions: list[Question] = []
    for n in range(count):
        kind = order[n % len(order)]
        for _ in range(_ATTEMPTS):
            q = BUILDERS[kind](rng, difficulty, atlas)
            if q is not None and q.seen not in seen:
                break
        else:
            raise QuizError(
                f"only {sum(1 for x in questions if x.kind == kind)} different {kind} questions "
                f"found at {difficulty} difficulty; ask for fewer"
            )
        seen.add(q.seen)
        questions.append(_with_id(q, f"{seed}-{n + 1:02d}"))
    return Quiz(seed, difficulty, chosen, tuple(questions))


def _with_id(q: Question, qid: str) -> Question:
    from dataclasses import replace

    return replace(q, id=qid)
