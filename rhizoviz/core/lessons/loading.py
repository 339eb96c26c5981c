"""Loading lessons: the shipped ``NN-name.md`` files and an educator's own file.

Files are read through :func:`rhizoviz.core.userfile.read_user_file` (regular files
only, at most :data:`MAX_LESSON_BYTES`), as UTF-8 (a BOM is allowed); any other bytes
give a :class:`LessonError` naming the file rather than a silently garbled lesson. A
broken "Try it" link in a shipped lesson is a load error (tests catch it); in an
educator's file it is shown as plain text and listed in :attr:`Lesson.problems`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rhizoviz.core.lessons.links import MAX_NAME_CHARS, LessonError, TryIt, parse_try_link
from rhizoviz.core.lessons.markdown import (
    Heading,
    Page,
    html_to_text,
    normalise_newlines,
    split_lines,
    text_page,
)
from rhizoviz.core.scenario import Scenario
from rhizoviz.core.userfile import read_user_file
from rhizoviz.resources import lessons_dir

MAX_LESSON_BYTES = 2_000_000
LESSON_SUFFIXES: dict[str, str] = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
SHIPPED_NAME = re.compile(r"^\d{2}-[a-z0-9-]+\.md$")


@dataclass(frozen=True)
class Lesson:
    """One lesson, ready to show: title, source file, text, safe HTML and its actions."""

    title: str
    path: Path
    markdown: str
    html: str
    actions: tuple[TryIt, ...] = ()
    headings: tuple[Heading, ...] = ()
    format: str = "markdown"  # "markdown" or "text" (a .txt file, shown as paragraphs)
    problems: tuple[str, ...] = ()  # broken links in an educator's file, one line each
    text: str = field(default="", repr=False)  # plain text as shown, for search

    def action(self, url: str) -> TryIt:
        """The action of a link in this lesson (any ``rhizoviz:`` URL is parsed afresh)."""
        for act in self.actions:
            if act.url == url:
                return act
        return parse_try_link(url)


def lesson_for(scenario: Scenario, lessons: Sequence[Lesson]) -> int | None:
    """The index of the first lesson that teaches ``scenario``, or None.

    A lesson teaches it when one of its try-it links opens that preset, or the same cuts
    under the same model: applying a preset from a menu can then bring its lesson
    beside the body, with no table to keep in step with the lesson files.
    """
    for index, lesson in enumerate(lessons):
        for act in lesson.actions:
            if (act.kind == "preset" and act.name == scenario.name) or (
                (act.cuts, act.model) == (scenario.cuts, scenario.model)
            ):
                return index
    return None


def _read(path: Path) -> str:
    """The text of a lesson file, or a one-line :class:`LessonError` naming it."""
    raw = read_user_file(path, MAX_LESSON_BYTES, LessonError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LessonError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        raise LessonError(f"{path}: contains NUL bytes; not a text file")
    return normalise_newlines(text)


def lesson_from_text(
    text: str, path: str | os.PathLike[str], fmt: str = "markdown", strict: bool = False
) -> Lesson:
    """Build a :class:`Lesson` from text already read; ``path`` names it in messages."""
    path = Path(path)
    text = normalise_newlines(text)
    page = Page(str(path), strict)
    if fmt == "text":
        body = text_page(text, page)
        first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
        title = first[:MAX_NAME_CHARS] or path.stem
    elif fmt == "markdown":
        body = page.blocks(split_lines(text))
        h1 = [h for h in page.headings if h.level == 1]
        title = (h1 or page.headings or [Heading(1, path.stem, "")])[0].text or path.stem
    else:
        raise LessonError(f"{path}: unknown lesson format '{fmt}'")
    anchors = {h.anchor for h in page.headings}
    for name in page.anchor_links:
        if name not in anchors:
            page.problem(f"link to '#{name}', which is not a heading in this lesson")
    return Lesson(
        title=title,
        path=path,
        markdown=text,
        html=body,
        actions=tuple(page.actions),
        headings=tuple(page.headings),
        format=fmt,
        problems=tuple(page.problems),
        text=html_to_text(body),
    )


def load_lesson_file(path: str | os.PathLike[str]) -> Lesson:
    """An educator's own lesson (``.md``/``.markdown`` or ``.txt``), for "Open lesson…"."""
    path = Path(path)
    fmt = LESSON_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise LessonError(f"{path}: not a lesson file (use .md, .markdown or .txt)")
    return lesson_from_text(_read(path), path, fmt)


@cache
def _shipped(folder: str) -> tuple[Lesson, ...]:
    root = Path(folder)
    try:
        files = sorted(p for p in root.iterdir() if SHIPPED_NAME.match(p.name) and p.is_file())
    except OSError as exc:
        raise LessonError(f"{root}: cannot list lessons ({exc.strerror or exc})") from None
    if not files:
        raise LessonError(f"{root}: no lessons (files named NN-name.md)")
    lessons = []
    for p in files:
        text = _read(p)
        if not re.match(r"# \S", text):
            raise LessonError(f"{p}: the first line must be '# Title'")
        lessons.append(lesson_from_text(text, p, "markdown", strict=True))
    return tuple(lessons)


def load_lessons(folder: str | os.PathLike[str] | None = None) -> list[Lesson]:
    """The shipped lessons in order (``NN-name.md``), every "Try it" link validated.

    Read once and cached. ``folder`` defaults to :func:`rhizoviz.resources.lessons_dir`.
    """
    if folder is None:
        try:
            folder = lessons_dir()
        except FileNotFoundError as exc:
            raise LessonError(str(exc)) from None
    return list(_shipped(str(Path(folder).resolve())))
