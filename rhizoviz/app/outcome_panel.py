"""The outcome panel: what the current cuts do, in sentences a student can learn from.

The words come from :func:`rhizoviz.core.report.outcome_sections`; this widget only
lays them out, adds a one-line reading guide per section and colours the status
words with the current palette so the panel and the body agree.
"""

from __future__ import annotations

import html
import re

from PyQt6.QtWidgets import QTextBrowser, QWidget

from rhizoviz.app.session_qt import QtSession
from rhizoviz.core.exam_report import BEDSIDE
from rhizoviz.core.report import (
    describe_cuts,
    elide,
    model_sentence,
    outcome_sections,
    outcome_text,
)
from rhizoviz.core.session import State

# How to read each section; shown once under its title.
GUIDES: dict[str, str] = {
    BEDSIDE: "In words: what the patient would notice, and what an examiner would find.",
    "Cuts": "Dorsal roots (and their ganglia) carry sensation into the cord, ventral roots "
    "carry movement out; these are the ones cut.",
    "Left dermatomes": "Absent: no surviving root reaches this skin. "
    "Impaired: its own root is cut, but feeling is reduced rather than lost.",
    "Right dermatomes": "",
    "Key sensory points": "The ISNCSCI points an examiner tests with light touch and pin-prick.",
    "Reflexes": "A stretch reflex needs its sensory (dorsal-root) limb: cut it and the "
    "reflex fails although the muscle still works.",
    "Body surface": "Share of the skin of each side in each state.",
}

SECTION_ORDER = (
    BEDSIDE,
    "Left dermatomes",
    "Right dermatomes",
    "Reflexes",
    "Key sensory points",
    "Body surface",
    "Cuts",
)
DEFAULT_COLOURS: dict[str, str] = {"absent": "#b3202a", "impaired": "#d08700"}


def _readable(colour: str, max_luma: float = 125.0) -> str:
    """The same hue, darkened until its luma is at most ``max_luma`` (of 255)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    if luma <= max_luma:
        return colour
    k = max_luma / luma
    return "#{:02x}{:02x}{:02x}".format(*(round(c * k) for c in (r, g, b)))


_STATUS_WORD = re.compile(r"\b(absent|impaired|diminished)\b")


class OutcomePanel(QTextBrowser):
    """Read-only, selectable report of the session's outcome, redrawn on every change."""

    def __init__(self, session: QtSession, parent: QWidget | None = None, *,
                 follow: bool = True) -> None:
        """``follow``: refresh on every change of the session. The main window passes
        False and refreshes the panel itself, right after the 3D view's frame."""
        super().__init__(parent)
        self.session = session
        self.colours = dict(DEFAULT_COLOURS)
        self._html = ""
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        if follow:
            session.changed.connect(self.refresh)
        self.refresh(session.state)

    def set_colours(self, colours: dict[str, str]) -> None:
        """Use the palette's status colours (hex) for the status words, darkened where a
        light skin colour would not read as text on a white page."""
        self.colours = {k: _readable(v) for k, v in {**DEFAULT_COLOURS, **colours}.items()}
        self.refresh(self.session.state)

    def plain_text(self) -> str:
        """The report as plain text, for "Save outcome as text"."""
        state = self.session.state
        head = state.name + (f"\n{state.description}" if state.description else "")
        return f"{head}\n\n{outcome_text(self.session.outcome, self.session.atlas)}"

    def _mark(self, line: str) -> str:
        def colour(m: re.Match[str]) -> str:
            word = m.group(1)
            c = self.colours.get("absent" if word == "absent" else "impaired", "#000000")
            return f'<b style="color:{c}">{word}</b>'

        return _STATUS_WORD.sub(colour, html.escape(line))

    def refresh(self, state: State) -> None:
        """Rebuild the report from the session (cheap: a few dozen lines of HTML)."""
        outcome = self.session.outcome
        parts = [f"<h3>{html.escape(elide(state.name, 200))}</h3>"]
        if outcome.cuts:  # one line for the whole set: "Cut: both L2–S1 at 40%"
            summary = describe_cuts(state.cuts, self.session.atlas)
            parts.append(f"<p><b>{html.escape(summary)}</b></p>")
        if state.description:
            parts.append(f"<p>{html.escape(elide(state.description, 2000))}</p>")
        parts.append(f"<p><i>{html.escape(model_sentence(outcome.model))}</i></p>")
        if not outcome.cuts:
            parts.append(
                "<p>No root is cut, so all sensation, strength and every reflex is normal. "
                "Click a root in the 3D view or in the level panel to cut it.</p>"
            )
            self._set_html("".join(parts))
            return
        sections = outcome_sections(outcome, self.session.atlas)
        # What the student should notice first; the cuts are listed last (the level
        # panel already shows them).
        order = sorted(sections, key=lambda t: SECTION_ORDER.index(t) if t in SECTION_ORDER else 50)
        for title in order:
            lines = sections[title]
            parts.append(f"<h4>{html.escape(title)}</h4>")
            guide = GUIDES.get(title, "")
            if guide and lines:
                parts.append(f'<p style="color:#555555">{html.escape(guide)}</p>')
            if lines:
                items = "".join(f"<li>{self._mark(line)}</li>" for line in lines)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append("<p>no change</p>")
        self._set_html("".join(parts))

    def _set_html(self, text: str) -> None:
        if text == self._html:  # e.g. a save renames nothing here: no relayout, no repaint
            return
        self._html = text
        bar = self.verticalScrollBar()
        pos = bar.value() if bar is not None else 0
        self.setHtml(text)
        if bar is not None:
            bar.setValue(pos)
