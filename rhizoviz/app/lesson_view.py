"""The lesson viewer: lesson text beside the 3D view, with "Try it" links that act on it.

Lessons come from :mod:`rhizoviz.core.lessons` as ready, sanitised HTML. The browser
never follows a link itself (``setOpenLinks(False)``) and never fetches anything:
``rhizoviz:`` links become a scenario applied through the session (one undo step),
any other link is only named in the status bar, so the app stays offline.
"""

from __future__ import annotations

from typing import Any

from PyQt6.QtCore import Qt, QUrl, pyqtSignal
from PyQt6.QtGui import QFont, QTextDocument
from PyQt6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rhizoviz.app.session_qt import QtSession
from rhizoviz.core import lessons as core_lessons

# Appended to the lessons' own style sheet in presentation mode (later rules win).
DARK_CSS = """
blockquote.note { background-color: #1d2a3a; color: #ffffff; }
p.try-it { background-color: #12351c; color: #ffffff; }
a { color: #8fd3ff; }
"""
LESSON_FILTER = "Lessons (*.md *.markdown *.txt);;All files (*)"


class LessonView(QWidget):
    """Lesson list, previous/next, search and a browser showing the current lesson."""

    statusMessage = pyqtSignal(str)  # noqa: N815 - Qt signal naming
    lessonChanged = pyqtSignal(str)  # noqa: N815

    def __init__(self, session: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lessons: list[Any] = list(core_lessons.load_lessons())
        self.index = -1
        self.css = core_lessons.LESSON_CSS

        self.prev_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.prev_button.setToolTip("Previous lesson (Page Up)")
        self.next_button.setToolTip("Next lesson (Page Down)")
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        self.combo.setToolTip("Lessons")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search lessons")
        self.search.setClearButtonEnabled(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.search, 1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.combo)
        layout.addLayout(nav)
        layout.addWidget(self.browser, 1)

        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.combo.currentIndexChanged.connect(self._on_combo)
        self.search.returnPressed.connect(self.find_next)
        self.browser.anchorClicked.connect(self.follow_link)
        self._fill_combo()
        if self.lessons:
            self.show_lesson(0)

    # -- navigation --------------------------------------------------------
    def _fill_combo(self) -> None:
        self.combo.blockSignals(True)  # filling the list is not the user choosing
        self.combo.clear()
        for lesson in self.lessons:
            self.combo.addItem(lesson.title)
        self.combo.blockSignals(False)

    def current_title(self) -> str:
        return self.lessons[self.index].title if 0 <= self.index < len(self.lessons) else ""

    def show_lesson(self, index: int) -> None:
        if not 0 <= index < len(self.lessons):
            return
        self.index = index
        lesson = self.lessons[index]
        doc = self.browser.document()
        if doc is not None:
            doc.setDefaultStyleSheet(self.css)  # must precede setHtml to take effect
        self.browser.setHtml(lesson.html)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.lessons) - 1)
        self.lessonChanged.emit(lesson.title)

    def step(self, delta: int) -> None:
        """Previous (-1) or next (+1) lesson."""
        self.show_lesson(max(0, min(len(self.lessons) - 1, self.index + delta)))

    def _on_combo(self, index: int) -> None:
        self.show_lesson(index)

    # -- links -------------------------------------------------------------
    def follow_link(self, url: QUrl) -> None:
        """Apply a ``rhizoviz:`` Try-it link; never open anything else."""
        text = url.toString()
        if url.scheme() != "rhizoviz":
            if url.scheme() == "" and url.hasFragment():
                self.browser.scrollToAnchor(url.fragment())
            else:
                self.statusMessage.emit(f"Not opened (rhizoviz works offline): {text}")
            return
        lesson = self.lessons[self.index] if 0 <= self.index < len(self.lessons) else None
        try:
            scenario = lesson.action(text) if lesson else core_lessons.parse_try_link(text)
        except ValueError as exc:
            self.statusMessage.emit(f"This Try-it link does not work: {exc}")
            return
        self.session.apply_scenario(scenario)
        self.statusMessage.emit(f"Applied: {scenario.name}")

    # -- search --------------------------------------------------------------
    def find_next(self) -> bool:
        """Find the search text in this lesson, then in the following lessons."""
        query = self.search.text().strip()
        if not query:
            return False
        if self.browser.find(query):
            return True
        order = [*range(self.index + 1, len(self.lessons)), *range(0, self.index + 1)]
        hits = {index for index, _snippet in core_lessons.find(self.lessons, query)}
        for i in order:
            if i in hits:
                self.show_lesson(i)
                cursor = self.browser.textCursor()
                cursor.movePosition(cursor.MoveOperation.Start)
                self.browser.setTextCursor(cursor)
                if self.browser.find(query):
                    return True
        self.statusMessage.emit(f"'{query}' is not in any lesson")
        return False

    # -- opening an educator's own file -----------------------------------
    def open_lesson_file(self, path: str) -> bool:
        try:
            lesson = core_lessons.load_lesson_file(path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Cannot open lesson", str(exc))
            return False
        self.lessons.append(lesson)
        self._fill_combo()
        self.show_lesson(len(self.lessons) - 1)
        problems = (
            f" ({len(lesson.problems)} broken link(s): {lesson.problems[0]})"
            if (lesson.problems)
            else ""
        )
        self.statusMessage.emit(f"Opened lesson {path}{problems}")
        return True

    def open_lesson_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open lesson", "", LESSON_FILTER)
        if path:
            self.open_lesson_file(path)

    # -- presentation ------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        """Light-on-dark lesson colours for presentation mode (notes, Try it, links)."""
        self.css = core_lessons.LESSON_CSS + (DARK_CSS if dark else "")
        bar = self.browser.verticalScrollBar()
        pos = bar.value() if bar is not None else 0
        self.show_lesson(self.index)
        if bar is not None:
            bar.setValue(pos)

    def set_point_size(self, points: float) -> None:
        """Text size for the lesson (presentation mode uses at least 24 pt)."""
        font = QFont(self.browser.font())
        font.setPointSizeF(points)
        self.browser.setFont(font)
        doc: QTextDocument | None = self.browser.document()
        if doc is not None:
            doc.setDefaultFont(font)
