"""Clinical cases: one patient walked through the source document's path, as data.

A case is a JSON file in ``lessons/cases/`` (its name is the file name without
``.json``). Its text fields are in the lessons' safe Markdown. It has seven steps:
presentation (with a pain map), examination (findings computed from the model for
the patient's own root deficit), imaging, a diagnostic root block, the decision,
the outcome and the discussion. The hidden truth is the *generator*: which roots
carry the pain (or the spastic drive), and what share of it each carries.

Every way a file can be wrong gives a :class:`CaseError` whose one-line message
names the file and the field (``steps.block.spread``), so a broken case is reported
and the app keeps running. The model that turns a student's choices into a block
result and an outcome is in :mod:`rhizoviz.core.case_model`.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, parse_spec
from rhizoviz.core.lessons import LessonError, lesson_from_text
from rhizoviz.core.outcome import MODELS
from rhizoviz.core.userfile import read_user_file

SCHEMA = "rhizoviz-case/1"
MAX_CASE_BYTES = 200_000
MAX_TEXT_CHARS = 20_000
MAX_LIST = 64
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
GOALS: tuple[str, ...] = ("pain", "spasticity")
OPERATIONS: tuple[str, ...] = (
    "dorsal-rhizotomy", "ganglionectomy", "selective-dorsal-rhizotomy", "none",
)
OPERATION_LABELS: dict[str, str] = {
    "dorsal-rhizotomy": "Dorsal rhizotomy",
    "ganglionectomy": "Ganglionectomy",
    "selective-dorsal-rhizotomy": "Selective dorsal rhizotomy",
    "none": "No operation",
}
STEPS: tuple[str, ...] = (
    "presentation", "examination", "imaging", "block", "decision", "outcome", "discussion",
)


class CaseError(ValueError):
    """A case file is invalid or missing; the one-line message names the file and field."""


Root = tuple[str, str]  # (level, side)


@dataclass(frozen=True)
class PainArea:
    level: str
    side: str
    label: str


@dataclass(frozen=True)
class Share:
    """A root that carries part of the patient's symptom."""

    level: str
    side: str
    share: float


@dataclass(frozen=True)
class Risk:
    text: str
    source: str


@dataclass(frozen=True)
class Caution:
    """A warning the outcome shows when a cut root is cut more than ``fraction_over``."""

    fraction_over: float
    roots: tuple[Root, ...]  # empty: any root
    text: str


@dataclass(frozen=True)
class Expected:
    """What an experienced team would decide."""

    candidate: bool
    operation: str
    roots: tuple[Root, ...]
    fraction: float


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    title: str
    summary: str
    model: str
    goal: str
    generator: tuple[Share, ...]
    ventral_afferent_share: float
    presentation: str
    pain_map: tuple[PainArea, ...]
    examination: str
    deficit: tuple[Cut, ...]
    imaging: str
    block_text: str
    block_choices: tuple[Root, ...]
    block_spread: float
    block_nonspecific: float
    block_positive_at: float
    decision: str
    expected: Expected
    outcome: str
    long_term_factor: float
    risks: tuple[Risk, ...]
    cautions: tuple[Caution, ...]
    discussion: str
    rehabilitation: str
    sources: tuple[str, ...]
    uncertain: tuple[str, ...]
    lesson: str

    @property
    def unexplained_share(self) -> float:
        """The part of the symptom no listed root carries (no cut can relieve it)."""
        return max(0.0, 1.0 - sum(s.share for s in self.generator))


# --------------------------------------------------------------------------- validation


class _Check:
    """Field readers that raise :class:`CaseError` naming ``source`` and the field path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> CaseError:
        return CaseError(f"{self.source}: field '{path}' {message}")

    def obj(self, value: Any, path: str, required: set[str],
            optional: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be an object") if path else CaseError(
                f"{self.source}: top level must be a JSON object")
        for key in sorted(required):
            if key not in value:
                raise CaseError(f"{self.source}: missing field '{_join(path, key)}'")
        extra = sorted(set(value) - required - set(optional))
        if extra:
            raise CaseError(f"{self.source}: unknown field '{_join(path, extra[0])}'")
        return value

    def text(self, value: Any, path: str, markdown: bool = True, one_line: bool = False) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, "must be non-empty text")
        if len(value) > MAX_TEXT_CHARS:
            raise self.fail(path, f"has {len(value)} characters (at most {MAX_TEXT_CHARS})")
        if one_line and any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in value):
            raise self.fail(path, "must be one line without control characters")
        if markdown:
            try:
                lesson_from_text(value, f"{self.source}:{path}", "markdown", strict=True)
            except LessonError as exc:
                raise self.fail(path, f"has bad Markdown: {str(exc).split(': ', 1)[-1]}"
                                ) from None
        return value

    def number(self, value: Any, path: str, low: float, high: float) -> float:
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value) or not low <= value <= high):
            raise self.fail(path, f"must be a number from {low:g} to {high:g}")
        return float(value)

    def flag(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, "must be true or false")
        return value

    def items(self, value: Any, path: str, allow_empty: bool = False) -> list[Any]:
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(path, "must be a " + ("list" if allow_empty else "non-empty list"))
        if len(value) > MAX_LIST:
            raise self.fail(path, f"has {len(value)} entries (at most {MAX_LIST})")
        return value

    def cuts(self, value: Any, path: str) -> list[Cut]:
        if not isinstance(value, str):
            raise self.fail(path, "must be a cut spec like 'right:L5' or 'both:L2-S1@0.3'")
        try:
            return parse_spec(value)
        except CutSpecError as exc:
            raise self.fail(path, f"is not a cut spec ({exc})") from None

    def roots(self, value: Any, path: str) -> tuple[Root, ...]:
        return tuple((c.level, c.side) for c in self.cuts(value, path))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_case(data: Any, name: str, source: str, path: Path | None = None) -> Case:
    """Validate decoded JSON as a case named ``name``."""
    ck = _Check(source)
    top = ck.obj(data, "", {"schema", "title", "summary", "goal", "generator", "steps"},
                 {"model", "ventral_afferent_share"})
    if top["schema"] != SCHEMA:
        raise ck.fail("schema", f"must be '{SCHEMA}'")
    title = ck.text(top["title"], "title", markdown=False, one_line=True)
    if len(title) > 200:
        raise ck.fail("title", "is longer than 200 characters")
    model = top.get("model", "overlap")
    if model not in MODELS:
        raise ck.fail("model", f"must be one of {', '.join(MODELS)}")
    goal = top["goal"]
    if goal not in GOALS:
        raise ck.fail("goal", f"must be one of {', '.join(GOALS)}")
    generator: list[Share] = []
    for i, raw in enumerate(ck.items(top["generator"], "generator")):
        where = f"generator[{i}]"
        entry = ck.obj(raw, where, {"spec", "share"})
        share = ck.number(entry["share"], f"{where}.share", 0.0, 1.0)
        roots = ck.roots(entry["spec"], f"{where}.spec")
        generator.extend(Share(lv, side, share / len(roots)) for lv, side in roots)
    if sum(s.share for s in generator) > 1.0 + 1e-9:
        raise ck.fail("generator", "shares add up to more than 1")
    steps = ck.obj(top["steps"], "steps", set(STEPS))

    pres = ck.obj(steps["presentation"], "steps.presentation", {"text", "pain_map"})
    pain_map: list[PainArea] = []
    for i, raw in enumerate(ck.items(pres["pain_map"], "steps.presentation.pain_map")):
        where = f"steps.presentation.pain_map[{i}]"
        entry = ck.obj(raw, where, {"spec", "label"})
        label = ck.text(entry["label"], f"{where}.label", markdown=False, one_line=True)
        pain_map.extend(PainArea(lv, side, label) for lv, side in
                        ck.roots(entry["spec"], f"{where}.spec"))
    exam = ck.obj(steps["examination"], "steps.examination", {"text"}, {"deficit"})
    deficit: list[Cut] = []
    for i, spec in enumerate(ck.items(exam.get("deficit", []), "steps.examination.deficit",
                                      allow_empty=True)):
        deficit.extend(ck.cuts(spec, f"steps.examination.deficit[{i}]"))
    imaging = ck.obj(steps["imaging"], "steps.imaging", {"text"})
    block = ck.obj(steps["block"], "steps.block", {"text", "choices"},
                   {"spread", "nonspecific", "positive_at"})
    choices: list[Root] = []
    for i, spec in enumerate(ck.items(block["choices"], "steps.block.choices", allow_empty=True)):
        choices.extend(ck.roots(spec, f"steps.block.choices[{i}]"))
    decision = ck.obj(steps["decision"], "steps.decision", {"text", "expected"})
    exp = ck.obj(decision["expected"], "steps.decision.expected",
                 {"candidate", "operation"}, {"roots", "fraction"})
    if exp["operation"] not in OPERATIONS:
        raise ck.fail("steps.decision.expected.operation",
                      f"must be one of {', '.join(OPERATIONS)}")
    exp_roots: list[Root] = []
    for i, spec in enumerate(ck.items(exp.get("roots", []), "steps.decision.expected.roots",
                                      allow_empty=True)):
        exp_roots.extend(ck.roots(spec, f"steps.decision.expected.roots[{i}]"))
    if exp["operation"] != "none" and not exp_roots:
        raise ck.fail("steps.decision.expected.roots", "must name the roots to operate on")
    expected = Expected(
        ck.flag(exp["candidate"], "steps.decision.expected.candidate"), exp["operation"],
        tuple(exp_roots),
        ck.number(exp.get("fraction", 1.0), "steps.decision.expected.fraction", 0.05, 1.0),
    )
    out = ck.obj(steps["outcome"], "steps.outcome", {"text", "risks"},
                 {"long_term_factor", "cautions"})
    risks = []
    for i, raw in enumerate(ck.items(out["risks"], "steps.outcome.risks")):
        where = f"steps.outcome.risks[{i}]"
        entry = ck.obj(raw, where, {"text", "source"})
        risks.append(Risk(ck.text(entry["text"], f"{where}.text"),
                          ck.text(entry["source"], f"{where}.source", markdown=False)))
    cautions = []
    for i, raw in enumerate(ck.items(out.get("cautions", []), "steps.outcome.cautions",
                                     allow_empty=True)):
        where = f"steps.outcome.cautions[{i}]"
        entry = ck.obj(raw, where, {"fraction_over", "text"}, {"roots"})
        croots = ck.roots(entry["roots"], f"{where}.roots") if "roots" in entry else ()
        cautions.append(Caution(ck.number(entry["fraction_over"], f"{where}.fraction_over",
                                          0.0, 1.0), croots, ck.text(entry["text"],
                                                                     f"{where}.text")))
    disc = ck.obj(steps["discussion"], "steps.discussion",
                  {"text", "rehabilitation", "sources", "uncertain", "lesson"})
    sources = tuple(ck.text(s, f"steps.discussion.sources[{i}]", markdown=False, one_line=True)
                    for i, s in enumerate(ck.items(disc["sources"], "steps.discussion.sources")))
    uncertain = tuple(ck.text(s, f"steps.discussion.uncertain[{i}]") for i, s in
                      enumerate(ck.items(disc["uncertain"], "steps.discussion.uncertain",
                                         allow_empty=True)))
    lesson = ck.text(disc["lesson"], "steps.discussion.lesson", markdown=False, one_line=True)
    if not re.fullmatch(r"\d{2}-[a-z0-9-]+#[a-z0-9-]+", lesson):
        raise ck.fail("steps.discussion.lesson",
                      "must be a lesson link like '02-evaluation#evaluation'")
    return Case(
        name=name, path=path or Path(source), title=title,
        summary=ck.text(top["summary"], "summary"), model=model, goal=goal,
        generator=tuple(generator),
        ventral_afferent_share=ck.number(top.get("ventral_afferent_share", 0.0),
                                         "ventral_afferent_share", 0.0, 1.0),
        presentation=ck.text(pres["text"], "steps.presentation.text"),
        pain_map=tuple(pain_map),
        examination=ck.text(exam["text"], "steps.examination.text"),
        deficit=tuple(CutSet(deficit).cuts()),
        imaging=ck.text(imaging["text"], "steps.imaging.text"),
        block_text=ck.text(block["text"], "steps.block.text"),
        block_choices=tuple(dict.fromkeys(choices)),
        block_spread=ck.number(block.get("spread", 0.0), "steps.block.spread", 0.0, 1.0),
        block_nonspecific=ck.number(block.get("nonspecific", 0.0), "steps.block.nonspecific",
                                    0.0, 1.0),
        block_positive_at=ck.number(block.get("positive_at", 0.5), "steps.block.positive_at",
                                    0.0, 1.0),
        decision=ck.text(decision["text"], "steps.decision.text"),
        expected=expected,
        outcome=ck.text(out["text"], "steps.outcome.text"),
        long_term_factor=ck.number(out.get("long_term_factor", 1.0),
                                   "steps.outcome.long_term_factor", 0.0, 1.0),
        risks=tuple(risks), cautions=tuple(cautions),
        discussion=ck.text(disc["text"], "steps.discussion.text"),
        rehabilitation=ck.text(disc["rehabilitation"], "steps.discussion.rehabilitation"),
        sources=sources, uncertain=uncertain, lesson=lesson,
    )


def load_case_file(path: str | os.PathLike[str]) -> Case:
    """Read and validate one case file (its name is the file name without ``.json``)."""
    path = Path(path)
    name = path.stem
    if path.suffix != ".json" or not NAME.match(name):
        raise CaseError(f"{path}: a case file is named like 'occipital-neuralgia.json'")
    raw = read_user_file(path, MAX_CASE_BYTES, CaseError)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CaseError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CaseError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except (RecursionError, ValueError):
        raise CaseError(f"{path}: not a usable case (nested too deeply or a number too long)"
                        ) from None
    return parse_case(data, name, str(path), path)


def cases_dir() -> Path:
    from rhizoviz.resources import lessons_dir

    return lessons_dir() / "cases"


def case_files(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    root = Path(folder) if folder is not None else cases_dir()
    try:
        return sorted(p for p in root.iterdir() if p.suffix == ".json" and p.is_file())
    except OSError as exc:
        raise CaseError(f"{root}: cannot list cases ({exc.strerror or exc})") from None


def load_cases(folder: str | os.PathLike[str] | None = None) -> tuple[list[Case], list[str]]:
    """Every case that loads, and a one-line problem for each that does not.

    A broken file never hides the others: the app lists the good ones and reports the rest.
    """
    good, problems = [], []
    for path in case_files(folder):
        try:
            good.append(load_case_file(path))
        except CaseError as exc:
            problems.append(str(exc))
    return good, problems


@cache
def _shipped_case(path: str, mtime_ns: int) -> Case:
    return load_case_file(path)


def load_case(name: str, folder: str | os.PathLike[str] | None = None) -> Case:
    """One case by name; :class:`CaseError` if there is none or it is broken."""
    if not isinstance(name, str) or not NAME.match(name):
        raise CaseError(f"unknown case '{str(name)[:64]}'")
    root = Path(folder) if folder is not None else cases_dir()
    path = root / f"{name}.json"
    if not path.is_file():
        known = ", ".join(p.stem for p in case_files(folder)) or "none"
        raise CaseError(f"unknown case '{name}' (cases: {known})")
    return _shipped_case(str(path), path.stat().st_mtime_ns)
