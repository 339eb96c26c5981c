"""The one sentence of "why" after a quiz answer, and the lesson that teaches it.

Sentences are built from the question's own cuts and outcome, so they always match
what the body shows. A lesson link is ``NN-name#anchor``: a shipped lesson's file
name without ``.md`` and one of its heading anchors (see :func:`resolve_lesson_link`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.cuts import Cut

PRINCIPLE = "01-principle#principle"  # overlap: one cut root rarely numbs its dermatome
EVALUATION = "02-evaluation#evaluation"  # key points, reflex levels, textbook vs overlap map
LESSON_LINKS: tuple[str, ...] = (PRINCIPLE, EVALUATION)


def resolve_lesson_link(link: str, lessons: Sequence[Any]) -> tuple[int, str] | None:
    """(index of the lesson, heading anchor) for ``NN-name#anchor``, or None if none matches."""
    stem, _, anchor = link.partition("#")
    for index, lesson in enumerate(lessons):
        if lesson.path.stem == stem and any(h.anchor == anchor for h in lesson.headings):
            return index, anchor
    return None


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _runs(levels: Sequence[str], atlas: Atlas) -> list[str]:
    """'C5-C7' style runs of consecutive levels, in atlas order."""
    ordered = sorted(set(levels), key=atlas.index)
    out: list[list[str]] = []
    for lv in ordered:
        if out and atlas.index(lv) == atlas.index(out[-1][-1]) + 1:
            out[-1].append(lv)
        else:
            out.append([lv])
    return [run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in out]


def skin_why(cuts: Sequence[Cut], model: str, findings: dict[str, Any],
             atlas: Atlas | None = None) -> tuple[str, str]:
    """Why the skin looks as it does for these cuts: (sentence, lesson link)."""
    atlas = atlas or load_atlas()
    derm = findings["dermatomes"]
    absent = [d["level"] for d in derm if d["status"] == "absent"]
    impaired = [d["level"] for d in derm if d["status"] == "impaired"]
    if model == "textbook":
        return (
            "On the textbook map one root supplies one dermatome, so a full cut numbs exactly "
            f"its own band ({_join(_runs(absent or impaired, atlas))}) and nothing else.",
            EVALUATION,
        )
    full = [c for c in cuts if c.fraction >= 1.0]
    if absent == ["C2"] or (absent and set(absent) <= {"C2"}):
        return (
            "Nothing overlaps C2 from above (C1 has no skin), so cutting C2 alone numbs the "
            "back of the scalp.",
            PRINCIPLE,
        )
    if absent:
        spared = [lv for lv in _runs(impaired, atlas)]
        tail = (f", while {_join(spared)} only lose part of their supply and are impaired"
                if spared else "")
        return (
            "Skin goes numb only where its own root and both neighbours are fully cut: "
            f"{_join(_runs(absent, atlas))} lost all feeling{tail}.",
            PRINCIPLE,
        )
    if not full:
        return (
            "A partly cut root impairs its skin but numbs none of it: the rootlets left and the "
            "overlapping neighbours still carry feeling.",
            PRINCIPLE,
        )
    return (
        "Neighbouring dermatomes overlap, so with the roots above and below still intact "
        f"the {_join(_runs(impaired, atlas))} skin is impaired, not absent.",
        PRINCIPLE,
    )


def reflex_why(findings: dict[str, Any]) -> tuple[str, str]:
    """Why the reflexes are as they are: the first reflex that changed explains the rule."""
    atlas = load_atlas()
    changed = [r for r in findings["reflexes"] if r["status"] != "normal"]
    if not changed:
        return (
            "No cut root carries the afferent limb of a tested reflex, so every tendon jerk is "
            "normal.",
            EVALUATION,
        )
    r = changed[0]
    label = atlas.reflex(r["name"]).label
    levels = _join(r["levels"])
    return (
        f"A reflex is lost only when every dorsal root of its levels is fully cut and diminished "
        f"when some are: the {label[0].lower()}{label[1:]} runs in {levels}.",
        EVALUATION,
    )


def key_point_why(level: str, landmark: str) -> tuple[str, str]:
    return (
        f"The {landmark[0].lower()}{landmark[1:]} is the ISNCSCI key sensory point of {level}.",
        EVALUATION,
    )


def patch_why(absent: Sequence[str], atlas: Atlas | None = None) -> tuple[str, str]:
    atlas = atlas or load_atlas()
    return (
        f"Only {_join(_runs(absent, atlas))} lost all feeling: a dermatome goes numb when its own "
        "root and both neighbours are cut, Sherrington's way of isolating one.",
        PRINCIPLE,
    )
