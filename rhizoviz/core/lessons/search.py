"""Searching the lessons' text as shown: a phrase, ignoring case, spacing and quote styles."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rhizoviz.core.lessons.loading import Lesson

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _fold(text: str) -> str:
    """Lower-case and plain punctuation, keeping every index in place."""
    text = text.translate(_FOLD)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def _searchable(text: str) -> tuple[str, str]:
    flat = " ".join(text.split())
    return flat, _fold(flat)


def find(
    lessons: Iterable[Lesson], query: str, *, max_per_lesson: int = 20, context: int = 40
) -> list[tuple[int, str]]:
    """Where ``query`` occurs: ``(lesson index, snippet)`` for each match, in order.

    A phrase search, ignoring case, runs of white space and curly versus straight quotes
    and dashes. Snippets are plain text with ``…`` where they are cut.
    """
    needle = _fold(" ".join(query.split()))
    if not needle:
        return []
    hits: list[tuple[int, str]] = []
    for index, lesson in enumerate(lessons):
        flat, folded = _searchable(lesson.text)
        pos, count = folded.find(needle), 0
        while pos >= 0 and count < max_per_lesson:
            hits.append((index, _snippet(flat, pos, pos + len(needle), context)))
            count += 1
            pos = folded.find(needle, pos + len(needle))
    return hits


def _snippet(flat: str, start: int, end: int, context: int) -> str:
    a, b = max(0, start - context), min(len(flat), end + context)
    if a > 0:
        space = flat.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(flat):
        space = flat.rfind(" ", end, b)
        b = space if space >= 0 else b
    return ("…" if a > 0 else "") + flat[a:b] + ("…" if b < len(flat) else "")
