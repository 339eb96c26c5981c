"""The grade key, one click away: Phillips & Park 0-4+, their colours, and the caveat."""

from __future__ import annotations

import html

from PyQt6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from rhizoviz.core.sdr.emg import MYOTOME
from rhizoviz.core.sdr.patient import GRADE_CAVEAT, GRADE_LABELS, GRADE_MEANINGS
from rhizoviz.scene.palette import DEFAULT_PALETTE
from rhizoviz.scene.trainer_colours import TrainerColours, ink, trainer_colours


def chip(colour: str, text: str = "") -> str:
    """A coloured cell for rich text (grade colours on a dark or light page)."""
    return (f'<span style="background:{colour}; color:{ink(colour)}; font-weight:bold;">'
            f"&nbsp;{html.escape(text) or '&nbsp;&nbsp;'}&nbsp;</span>")


def grade_key_html(colours: TrainerColours | None = None) -> str:
    c = colours or trainer_colours(DEFAULT_PALETTE)
    rows = "".join(
        f"<tr><td>{chip(colour, label)}</td><td>{html.escape(meaning)}</td></tr>"
        for label, meaning, colour in zip(GRADE_LABELS, GRADE_MEANINGS, c.grades, strict=True)
    )
    myotomes = ", ".join(f"{lv} {' + '.join(m)}" for lv, m in MYOTOME.items())
    return (
        "<h3>Response grades to a 1 s, 50 Hz train</h3>"
        f'<table cellspacing="0" cellpadding="5">{rows}</table>'
        f"<p><i>{html.escape(GRADE_CAVEAT)}.</i></p>"
        "<h3>In the 3D view</h3>"
        f"<p>{chip(c.untested, 'untested')} "
        f"{chip(c.cut, 'marked to cut')} (with a gap) "
        f"{chip(c.out_of_reach, 'out of reach')} "
        f'<span style="color:{c.sphincter}; font-weight:bold;">&#9679;</span> '
        "anal-sphincter (pudendal) response: think twice before cutting it.</p>"
        "<h3>Which muscles a segment drives here</h3>"
        f"<p>{html.escape(myotomes)}. Each muscle gets two or more roots; this mapping "
        "is the trainer's simplification.</p>"
    )


class GradeKey(QDialog):
    """A small non-modal window beside the trainer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Grade key")
        self.setModal(False)
        self.resize(520, 480)
        self.browser = QTextBrowser()
        self.browser.setHtml(grade_key_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def set_colours(self, colours: TrainerColours) -> None:
        """The key in the colours of the app's palette (the 3D view's)."""
        self.browser.setHtml(grade_key_html(colours))
