"""The case dock: the list of cases, one step's text, and the step's choices.

Only widgets; :class:`rhizoviz.app.cases.mode.CaseMode` fills them and decides what
the body shows. Case text is the lessons' safe Markdown, rendered by the same
converter (:func:`rhizoviz.core.lessons.markdown_to_html`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PyQt6.QtCore import Qt, pyqtSignal
from PyQt6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.core.cases import OPERATION_LABELS, OPERATIONS
from rhizoviz.core.lessons import LESSON_CSS

Root = tuple[str, str]


def _wrap(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class RootChecks(QWidget):
    """A grid of check boxes, one per root ('right C2')."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Root, QCheckBox] = {}

    def set_roots(self, roots: Sequence[Root], columns: int = 3) -> None:
        for box in self.boxes.values():
            self.grid.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        for i, (level, side) in enumerate(roots):
            box = QCheckBox(f"{side} {level}")
            self.grid.addWidget(box, i // columns, i % columns)
            self.boxes[(level, side)] = box

    def chosen(self) -> list[Root]:
        return [root for root, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, roots: Sequence[Root]) -> None:
        for root, box in self.boxes.items():
            box.setChecked(root in roots)


class BlockControls(QWidget):
    """Step 4: choose roots, block them; each block's result is listed."""

    blockRequested = pyqtSignal()  # noqa: N815
    endRequested = pyqtSignal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roots = RootChecks()
        self.block = QPushButton("Block the chosen roots")
        self.end = QPushButton("Let the block wear off")
        self.block.clicked.connect(self.blockRequested)
        self.end.clicked.connect(self.endRequested)
        self.result = _wrap()
        self.result.setObjectName("case-block-result")
        self.history = _wrap()
        buttons = QHBoxLayout()
        buttons.addWidget(self.block)
        buttons.addWidget(self.end)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Your block</b>: which root(s)?"))
        layout.addWidget(self.roots)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.history)


class DecisionControls(QWidget):
    """Step 5: candidate or not, which operation, which roots, how much."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yes = QRadioButton("Candidate for an operation")
        self.no = QRadioButton("Not a candidate")
        self.yes.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.yes)
        group.addButton(self.no)
        self.operation = QComboBox()
        for op in OPERATIONS:
            self.operation.addItem(OPERATION_LABELS[op], op)
        self.roots = RootChecks()
        self.fraction = QSpinBox()
        self.fraction.setRange(5, 100)
        self.fraction.setSingleStep(5)
        self.fraction.setValue(100)
        self.fraction.setSuffix(" % of rootlets")
        self.fraction.setToolTip("Selective dorsal rhizotomy cuts part of each root's rootlets")
        form = QFormLayout()
        form.addRow(self.yes)
        form.addRow(self.no)
        form.addRow("&Operation:", self.operation)
        form.addRow("On the roots:", self.roots)
        form.addRow("&How much:", self.fraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Your decision</b>"))
        layout.addLayout(form)
        self.no.toggled.connect(self._enable)
        self.operation.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        operate = self.yes.isChecked() and self.operation.currentData() != "none"
        self.operation.setEnabled(self.yes.isChecked())
        self.roots.setEnabled(operate)
        self.fraction.setEnabled(operate and
                                 self.operation.currentData() == "selective-dorsal-rhizotomy")


class CasePanel(QWidget):
    """Case list on top, then the step: its text, its choices, Back and Next."""

    openRequested = pyqtSignal(str)  # noqa: N815 - a case name
    nextRequested = pyqtSignal()  # noqa: N815
    backRequested = pyqtSignal()  # noqa: N815
    saveRequested = pyqtSignal()  # noqa: N815
    lessonRequested = pyqtSignal(str)  # noqa: N815
    closeRequested = pyqtSignal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = QListWidget()
        self.cases.setMaximumHeight(130)
        self.cases.itemActivated.connect(
            lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.open_button = QPushButton("Open case")
        self.open_button.clicked.connect(self._open_current)
        self.problems = _wrap()
        self.problems.setObjectName("case-problems")
        self.problems.setStyleSheet("color: #b00020;")

        self.header = QLabel()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        doc = self.text.document()
        if doc is not None:
            doc.setDefaultStyleSheet(LESSON_CSS)
        self.block = BlockControls()
        self.decision = DecisionControls()
        self.save = QPushButton("Save my report (Markdown)…")
        self.save.clicked.connect(self.saveRequested)
        self.lesson = QLabel()
        self.lesson.setTextFormat(Qt.TextFormat.RichText)
        self.lesson.linkActivated.connect(self.lessonRequested)
        closing = QWidget()
        c = QVBoxLayout(closing)
        c.setContentsMargins(0, 0, 0, 0)
        c.addWidget(self.lesson)
        c.addWidget(self.save)
        self.controls = QStackedWidget()
        self.none = QWidget()
        for w in (self.none, self.block, self.decision, closing):
            self.controls.addWidget(w)
        self.closing = closing
        self.controls.currentChanged.connect(self._fit_controls)
        self._fit_controls()
        self.back = QPushButton("◀ Back")
        self.next = QPushButton("Next ▶")
        self.close_case = QPushButton("Close case")
        self.back.clicked.connect(self.backRequested)
        self.next.clicked.connect(self.nextRequested)
        self.close_case.clicked.connect(self.closeRequested)
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        nav.addStretch(1)
        nav.addWidget(self.close_case)

        self.step_box = QWidget()
        s = QVBoxLayout(self.step_box)
        s.setContentsMargins(0, 0, 0, 0)
        s.addWidget(self.header)
        s.addWidget(self.text, 3)
        s.addWidget(self.controls)
        s.addLayout(nav)
        self.list_box = QWidget()
        top = QVBoxLayout(self.list_box)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("<b>Clinical cases</b>: walk one patient from history to outcome"))
        top.addWidget(self.cases)
        top.addWidget(self.open_button)
        top.addWidget(self.problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_box)
        layout.addWidget(self.step_box, 1)
        self.step_box.hide()

    def _fit_controls(self) -> None:
        """The stack as tall as its current page, not its tallest: the text gets the rest."""
        current = self.controls.currentWidget()
        for i in range(self.controls.count()):
            page = self.controls.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
            page.adjustSize()
        self.controls.adjustSize()

    def _open_current(self) -> None:
        item = self.cases.currentItem()
        if item is not None:
            self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def set_text(self, markdown_html: str) -> None:
        self.text.setHtml(markdown_html)
