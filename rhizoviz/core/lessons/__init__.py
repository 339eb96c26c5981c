"""Lessons: the shipped Markdown lessons, an educator's own file, and their "Try it" links.

A lesson is Markdown (or plain text) turned into safe HTML for a Qt ``QTextBrowser``.
The package has four parts, each importable on its own:

* :mod:`.links`: "Try it" links (``rhizoviz:cut?spec=left:C6``) parsed into scenarios;
* :mod:`.markdown`: the converter to HTML that can fetch or run nothing (its docstring
  says why it is ours and not a general Markdown library);
* :mod:`.loading`: the shipped lessons and an educator's file, read with a byte bound;
* :mod:`.search`: phrase search over the text as shown.

Everything the app and the tests use is importable from ``rhizoviz.core.lessons``.
"""

from __future__ import annotations

from rhizoviz.core.lessons.links import (
    MAX_LINK_CHARS,
    MAX_NAME_CHARS,
    MAX_SPECS,
    LessonError,
    TryIt,
    parse_try_link,
)
from rhizoviz.core.lessons.loading import (
    LESSON_SUFFIXES,
    MAX_LESSON_BYTES,
    SHIPPED_NAME,
    Lesson,
    lesson_for,
    lesson_from_text,
    load_lesson_file,
    load_lessons,
)
from rhizoviz.core.lessons.markdown import LESSON_CSS, Heading, html_to_text, markdown_to_html
from rhizoviz.core.lessons.search import find

__all__ = [
    "LESSON_CSS",
    "LESSON_SUFFIXES",
    "MAX_LESSON_BYTES",
    "MAX_LINK_CHARS",
    "MAX_NAME_CHARS",
    "MAX_SPECS",
    "SHIPPED_NAME",
    "Heading",
    "Lesson",
    "LessonError",
    "TryIt",
    "find",
    "html_to_text",
    "lesson_for",
    "lesson_from_text",
    "load_lesson_file",
    "load_lessons",
    "markdown_to_html",
    "parse_try_link",
]
