"""The grade key, one click away: Phillips & Park 0-4+, their colours, and the caveat."""

from __future__ import annotations

import html

from PyQt6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from rhizoviz.core.sdr.emg import MYOTOME
from rhizoviz.core.sdr.patient import GRADE_CAVEAT, GRADE_LABELS, GRADE_MEANINGS
from rhizoviz.scene.trainer_scene import GRADE_COLOURS, ROOTLET_COLOURS, SPHINCTER_COLOUR

CUT_COLOUR = ROOTLET_COLOURS[6]
UNTESTED_COLOUR = ROOTLET_COLOURS[0]
OUT_OF_REACH_COLOUR = ROOTLET_COLOURS[7]


def chip(colour: str, text: str = "") -> str:
    """A coloured cell for rich text (grade colours on a dark or light page)."""
    return (f'<span style="background:{colour}; color:#111111; font-weight:bold;">'
            f"&nbsp;{html.escape(text) or '&nbsp;&nbsp;'}&nbsp;</span>")


def grade_key_html() -> str:
    rows = "".join(
        f"<tr><td>{chip(colour, label)}</td><td>{html.escape(meaning)}</td></tr>"
        for label, meaning, colour in zip(GRADE_LABELS, GRADE_MEANINGS, GRADE_COLOURS,
                                          strict=True)
    )
    myotomes = ", ".join(f"{lv} {' + '.join(m)}" for lv, m in MYOTOME.items())
    return (
        "<h3>Response grades to a 1 s, 50 Hz train</h3>"
        f'<table cellspacing="0" cellpadding="5">{rows}</table>'
        f"<p><i>{html.escape(GRADE_CAVEAT)}.</i></p>"
        "<h3>In the 3D view</h3>"
        f"<p>{chip(UNTESTED_COLOUR, 'untested')} "
        f"{chip(CUT_COLOUR, 'marked to cut')} (with a gap) "
        f"{chip(OUT_OF_REACH_COLOUR, 'out of reach')} "
        f'<span style="color:{SPHINCTER_COLOUR}; font-weight:bold;">&#9679;</span> '
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
