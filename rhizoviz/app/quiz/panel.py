"""The quiz dock: choose a quiz, read one question, answer, get the feedback, see progress.

Only widgets: :class:`rhizoviz.app.quiz.mode.QuizMode` decides what they show and
what the body shows. Three pages (choose, question, done) and a Progress tab.
"""

from __future__ import annotations

from PyQt6.QtCore import Qt, pyqtSignal
from PyQt6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.app.quiz.progress_chart import ProgressView
from rhizoviz.core.quiz import KINDS, MAX_COUNT
from rhizoviz.core.quiz_draw import DIFFICULTIES

KIND_TITLES: dict[str, str] = {
    "which-roots": "Which roots?",
    "where-loss": "Where is the loss?",
    "name-dermatome": "Name the dermatome",
    "reflexes": "Which reflexes?",
}
DIFFICULTY_HELP: dict[str, str] = {
    "starter": "starter: textbook map, one root",
    "standard": "standard: overlap model, ranges, both sides",
    "hard": "hard: partial cuts, two regions",
}


def _wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChoosePage(QWidget):
    """Difficulty, kinds, quiz number, length: then Start."""

    startRequested = pyqtSignal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.difficulty = QComboBox()
        for d in DIFFICULTIES:
            self.difficulty.addItem(DIFFICULTY_HELP[d], d)
        self.difficulty.setCurrentIndex(DIFFICULTIES.index("standard"))
        self.kinds = {k: QCheckBox(KIND_TITLES[k]) for k in KINDS}
        for box in self.kinds.values():
            box.setChecked(True)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText("any number; blank: a new quiz")
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(8)
        self.start = QPushButton("Start quiz")
        self.start.setDefault(True)
        self.start.clicked.connect(self.startRequested)
        self.seed.returnPressed.connect(self.startRequested)
        self.error = _wrap()
        form = QFormLayout()
        form.addRow("&Difficulty:", self.difficulty)
        kinds = QVBoxLayout()
        for box in self.kinds.values():
            kinds.addWidget(box)
        form.addRow("Kinds:", kinds)
        form.addRow("Quiz &number:", self.seed)
        form.addRow("&Questions:", self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrap("A quiz asks about the body and grades you against the model. "
                               "The same quiz number gives the same questions on every "
                               "computer."))
        layout.addLayout(form)
        layout.addWidget(self.start)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def chosen_kinds(self) -> list[str]:
        return [k for k, box in self.kinds.items() if box.isChecked()]


class QuestionPage(QWidget):
    """The question, the answer widget, Submit / Next, and the feedback."""

    submitRequested = pyqtSignal()  # noqa: N815
    nextRequested = pyqtSignal()  # noqa: N815
    revealRequested = pyqtSignal()  # noqa: N815
    toggleRequested = pyqtSignal()  # noqa: N815
    stopRequested = pyqtSignal()  # noqa: N815
    lessonRequested = pyqtSignal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = _wrap()
        self.prompt = _wrap()
        self.prompt.setObjectName("quiz-prompt")
        self.answer_box = QVBoxLayout()
        self.answer: QWidget | None = None
        self.submit = QPushButton("Submit (Ctrl+Enter)")
        self.reveal = QPushButton("Reveal (R)")
        self.next = QPushButton("Next question ▶")
        self.stop = QPushButton("Stop")
        self.submit.clicked.connect(self.submitRequested)
        self.reveal.clicked.connect(self.revealRequested)
        self.next.clicked.connect(self.nextRequested)
        self.stop.clicked.connect(self.stopRequested)
        buttons = QHBoxLayout()
        for b in (self.submit, self.reveal, self.next, self.stop):
            buttons.addWidget(b)

        self.verdict = QLabel()
        self.verdict.setObjectName("quiz-verdict")
        self.toggle = QPushButton()
        self.toggle.setToolTip("Show on the body what you said, or what is true (Y)")
        self.toggle.clicked.connect(self.toggleRequested)
        self.diff = _wrap()
        self.truth = _wrap()
        self.why = _wrap()
        self.lesson = QLabel()
        self.lesson.setTextFormat(Qt.TextFormat.RichText)
        self.lesson.linkActivated.connect(self.lessonRequested)
        self.feedback = QWidget()
        fb = QVBoxLayout(self.feedback)
        fb.setContentsMargins(0, 0, 0, 0)
        for w in (self.verdict, self.toggle, self.truth, self.diff, self.why, self.lesson):
            fb.addWidget(w)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.header)
        layout.addWidget(self.prompt)
        # buttons and feedback above the answer: in the lecture hall the answer shows
        # right under the question, never below the fold of a long list of key points
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addLayout(self.answer_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def set_answer(self, widget: QWidget | None) -> None:
        if self.answer is not None:
            self.answer_box.removeWidget(self.answer)
            self.answer.hide()
            self.answer.setParent(None)
            self.answer.deleteLater()
        self.answer = widget
        if widget is not None:
            self.answer_box.addWidget(widget)

    def show_feedback(self, on: bool) -> None:
        self.feedback.setVisible(on)
        self.submit.setVisible(not on)
        self.reveal.setVisible(not on)
        self.next.setVisible(on)
        if self.answer is not None:
            self.answer.setEnabled(not on)


class DonePage(QWidget):
    again = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _wrap()
        button = QPushButton("New quiz")
        button.clicked.connect(self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(button)
        layout.addStretch(1)


class QuizPanel(QTabWidget):
    """The dock's content: a Quiz tab (choose / question / done) and a Progress tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choose = ChoosePage()
        self.question = QuestionPage()
        self.done = DonePage()
        self.pages = QStackedWidget()
        for page in (self.choose, self.question, self.done):
            self.pages.addWidget(page)
        self.progress = ProgressView()
        self.addTab(self.pages, "Quiz")
        self.addTab(self.progress, "Progress")
        self.done.again.connect(lambda: self.pages.setCurrentWidget(self.choose))
