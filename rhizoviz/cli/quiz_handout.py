"""A printable quiz: question pages with pictures, then the answer key on its own pages.

Pictures come from :func:`rhizoviz.scene.render.render_figure`, the renderer behind
``rhizoviz render``, so the handout shows what the lecture shows. Pages are laid out
with matplotlib's ``PdfPages`` rather than Qt's ``QPdfWriter``: matplotlib is already a
dependency, needs no ``QGuiApplication`` or platform plugin on a headless server, and
writes text as real (searchable, copyable) text with TrueType fonts.

A question page shows only what the student may see: the spine with its cuts for
``where-loss`` and ``reflexes``; words for ``which-roots`` (the findings) and
``name-dermatome`` (the lit landmarks), since the figure's spine would name the cut
roots. Every answer in the key has the figure of the truth: body and spine.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.cuts import CutSet
from rhizoviz.core.quiz import Question, Quiz, describe_cuts
from rhizoviz.core.session import State
from rhizoviz.core.userfile import check_output_path, write_atomic

PER_PAGE = 2
PAGE_SIZE = (8.27, 11.69)  # A4 portrait, inches
PICTURE = (1200, 640)
WRAP = 92
SHOW_SPINE_ON_QUESTION = ("where-loss", "reflexes")


class HandoutError(ValueError):
    """The handout cannot be written; the one-line message names the path or the reason."""


def check_pdf_path(path: str | os.PathLike[str]) -> Path:
    """A writable ``.pdf`` path in an existing folder, checked before any rendering."""
    return check_output_path(
        path, (".pdf",), "the handout must be a .pdf file", HandoutError)


def question_words(q: Question) -> str:
    """The prompt, plus in words what the body would light up where no picture can."""
    if q.kind != "name-dermatome":
        return q.prompt
    side = q.answer["side"]
    lit = [k["landmark"] for k in q.findings["key_sensory_points"]
           if k["side"] == side and k["status"] == "absent"]
    if "landmark" in q.answer and q.difficulty == "starter":
        return q.prompt
    return q.prompt + " The numb skin holds the key sensory point(s) at: " + "; ".join(
        x[0].lower() + x[1:] for x in lit) + "."


def _answer_view(q: Question) -> str:
    atlas = load_atlas()
    regions = {atlas.level(c.level).region for c in q.cuts}
    return "posterior" if regions & {"sacral", "coccygeal"} else "anterior"


def _render_all(quiz: Quiz, folder: Path) -> dict[tuple[int, str], Path]:
    """Figures for the handout: (question number, 'question'|'answer') -> PNG."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    from rhizoviz.scene.render import RenderError, load_meshes, render_figure

    try:
        body, spine = load_meshes()
        pictures: dict[tuple[int, str], Path] = {}
        for n, q in enumerate(quiz.questions, 1):
            state = State(CutSet(q.cuts), q.model)
            if q.kind in SHOW_SPINE_ON_QUESTION:
                pictures[(n, "question")] = render_figure(
                    state, "spine", PICTURE, "default", folder / f"q{n}.png",
                    f"Question {n}", body=body, spine=spine)
            pictures[(n, "answer")] = render_figure(
                state, _answer_view(q), PICTURE, "default", folder / f"a{n}.png",
                f"Answer {n}: {describe_cuts(q.cuts)}", body=body, spine=spine)
    except RenderError as exc:
        raise HandoutError(str(exc)) from None
    return pictures


def _slot(fig: Any, top: float, title: str, body: str, picture: Path | None) -> None:
    """One question or answer in the upper or lower half of a page."""
    import matplotlib.image as mpimg

    fig.text(0.07, top, title, fontsize=12, weight="bold", va="top")
    lines = "\n".join(textwrap.fill(p, WRAP) for p in body.split("\n"))
    fig.text(0.07, top - 0.03, lines, fontsize=9, va="top", linespacing=1.4)
    if picture is not None:
        height = 0.27
        ax = fig.add_axes((0.07, top - 0.13 - height, 0.86, height))
        ax.imshow(mpimg.imread(str(picture)))
        ax.set_axis_off()


def _pages(items: list[tuple[str, str, Path | None]], heading: str, pdf: Any) -> None:
    import matplotlib.pyplot as plt

    for start in range(0, len(items), PER_PAGE):
        fig = plt.figure(figsize=PAGE_SIZE)
        fig.text(0.07, 0.965, heading, fontsize=15, weight="bold", va="top")
        for i, (title, body, picture) in enumerate(items[start:start + PER_PAGE]):
            _slot(fig, 0.92 - i * 0.46, title, body, picture)
        pdf.savefig(fig)
        plt.close(fig)


def write_handout(quiz: Quiz, path: str | os.PathLike[str]) -> Path:
    """Write the question pages, then the answer-key pages, to ``path`` (atomically)."""
    from rhizoviz.cli.quiz import answer_text

    out = check_pdf_path(path)
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages

    head = f"rhizoviz quiz {quiz.seed} \u00b7 {quiz.difficulty}"
    with tempfile.TemporaryDirectory(prefix="rhizoviz-handout-") as tmp:
        pictures = _render_all(quiz, Path(tmp))
        questions = [
            (f"Question {n} \u00b7 {q.kind}", question_words(q), pictures.get((n, "question")))
            for n, q in enumerate(quiz.questions, 1)
        ]
        answers = [
            (f"Answer {n} \u00b7 {q.kind}",
             f"{answer_text(q)}\nWhy: {q.why}\nLesson: {q.lesson}", pictures[(n, "answer")])
            for n, q in enumerate(quiz.questions, 1)
        ]

        def fill(partial: Path) -> None:
            with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(partial) as pdf:
                _pages(questions, f"{head} \u00b7 questions", pdf)
                _pages(answers, f"{head} \u00b7 answer key", pdf)

        try:
            write_atomic(out, fill)
        except OSError as exc:
            raise HandoutError(f"cannot write {str(out)!r}: {exc.strerror or exc}") from None
    return out
