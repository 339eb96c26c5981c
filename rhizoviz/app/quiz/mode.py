"""Quiz mode: one question at a time, answered with the app's own gestures, graded on the body.

The questions, their answers and the grading are the core's
(:mod:`rhizoviz.core.quiz`, :mod:`rhizoviz.core.quiz_grading`); this module decides
what the session holds and what the body shows for each kind and phase:

==============  ============================  ==============================================
kind            the session (spine, levels)   the body while asking
==============  ============================  ==============================================
which-roots     the student's own cuts        the loss of the hidden cuts (never on the spine)
where-loss      the question's cuts (locked)  blank skin; key points show the student's marks
name-dermatome  nothing                       one lit key point, or a numb patch or band
reflexes        the question's cuts (locked)  the skin of those cuts; the outcome panel hidden
==============  ============================  ==============================================

After Submit (or the lecturer's Reveal) the body shows the truth, and ``Y`` switches
between the truth and what the student said. A new question is one session change,
so it costs one frame, as a cut does.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from PyQt6.QtCore import QObject, QTimer, pyqtSignal
from PyQt6.QtWidgets import QMessageBox, QWidget

from rhizoviz.app.mode_support import (
    PRESENTATION_PT,
    EditLock,
    PointerBorrow,
    add_mode_dock,
    finding_docks,
    fit_presentation,
    keep_control_keys,
    open_lesson,
    set_point_size,
    show_hover,
    window_action,
)
from rhizoviz.app.quiz.answers import (
    LevelAnswer,
    MarksAnswer,
    ReflexAnswer,
    RootsAnswer,
)
from rhizoviz.app.quiz.panel import KIND_TITLES, QuizPanel
from rhizoviz.cli.quiz import answer_text
from rhizoviz.core.atlas import PIN_PRICK, SIDES
from rhizoviz.core.cuts import Cut, CutSet
from rhizoviz.core.progress import ProgressError, load_or_start_afresh
from rhizoviz.core.quiz import Question, Quiz, QuizError, describe_cuts, generate_quiz
from rhizoviz.core.quiz_grading import Grade, grade
from rhizoviz.core.scenario import Scenario

LOCKED_KINDS = frozenset({"where-loss", "name-dermatome", "reflexes"})
EMPTY = CutSet()


class QuizMode(QObject):
    """The quiz in the main window: owns the quiz dock and borrows the view while a quiz runs."""

    questionShown = pyqtSignal(int)  # noqa: N815 - the index of the question now asked
    graded = pyqtSignal(object)  # the Grade of an answer

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.atlas = self.session.atlas
        self.panel = QuizPanel()
        self.dock = add_mode_dock(window, "Quiz", self.panel)
        self.pointer = PointerBorrow(window)
        self.lock = EditLock(window)
        self.quiz: Quiz | None = None
        self.index = -1
        self.phase = "idle"  # idle, asking, answered (graded), revealed (lecturer)
        self.showing = "truth"  # after an answer: "truth" or "yours"
        self.last_grade: Grade | None = None
        self.scores: list[float] = []
        self._your_levels: list[str] = []
        self._before: Scenario | None = None
        self._findings_shown: list[Any] = []  # finding docks on screen when the quiz began
        self.on_start: Callable[[], None] | None = None  # another mode steps aside
        self.progress, problem = load_or_start_afresh()
        self.panel.progress.show_progress(self.progress, problem)

        q = self.panel.question
        self.panel.choose.startRequested.connect(self._start_from_chooser)
        q.submitRequested.connect(self.quiz_submit)
        q.nextRequested.connect(self.quiz_next)
        q.revealRequested.connect(self.quiz_reveal)
        q.toggleRequested.connect(self.quiz_toggle_truth)
        q.stopRequested.connect(self.stop_quiz)
        q.lessonRequested.connect(lambda link: open_lesson(self.window, link))
        self.panel.progress.resetRequested.connect(self._confirm_reset)
        self.session.changed.connect(self._on_state)
        presenting = window_action(window, "toggle_presentation")
        if presenting is not None:
            presenting.toggled.connect(self._on_presentation)
        self.refresh_commands()

    # ------------------------------------------------------------------ commands
    def start_quiz(self) -> None:
        """Open the quiz dock at its chooser (the menu entry and its key)."""
        if self.on_start is not None:
            self.on_start()
        self.dock.show()
        self.dock.raise_()
        if self.phase == "idle":
            self.panel.pages.setCurrentWidget(self.panel.choose)
            self.panel.setCurrentIndex(0)
            self.panel.choose.seed.setFocus()

    def begin(self, seed: int | None = None, difficulty: str = "standard",
              kinds: list[str] | None = None, count: int = 8) -> None:
        """Generate a quiz and ask its first question (QuizError if it cannot be made)."""
        seed = secrets.randbelow(1_000_000) if seed is None else seed
        quiz = generate_quiz(seed, count, kinds, difficulty, self.atlas)
        if self.on_start is not None:
            self.on_start()
        if self.phase == "idle":
            self._before = self.session.state.to_scenario()
            self._findings_shown = [d for d in finding_docks(self.window) if d.isVisible()]
            self.pointer.take(self._click, self._hover)
            self.window.caption_source = self._caption
        self.quiz, self.scores = quiz, []
        self.dock.show()
        self.panel.pages.setCurrentWidget(self.panel.question)
        self.panel.setCurrentIndex(0)
        self._ask(0)

    def quiz_submit(self) -> None:
        """Grade the answer (or, once answered, go on to the next question)."""
        if self.phase in ("answered", "revealed"):
            self.quiz_next()
            return
        if self.phase != "asking":
            return
        q = self.question
        try:
            response = self._response(q)
        except ValueError:
            return  # the answer widget says what is wrong with the typed level
        result = grade(q, response)
        self.last_grade = result
        self.scores.append(result.score)
        try:
            self.progress.record(q.kind, q.difficulty, q.regions, result.score)
            problem = None
        except ProgressError as exc:
            problem = str(exc)
        self.panel.progress.show_progress(self.progress, problem)
        self._feedback("answered", result)
        self.graded.emit(result)

    def quiz_reveal(self) -> None:
        """Show the truth without grading: the lecturer's key in the lecture hall."""
        if self.phase == "asking":
            self._feedback("revealed", None)

    def quiz_next(self) -> None:
        if self.quiz is None or self.phase == "idle":
            return
        if self.index + 1 < len(self.quiz.questions):
            self._ask(self.index + 1)
        else:
            self._finish()

    def quiz_toggle_truth(self) -> None:
        """After an answer: the body shows what you said, or what is true."""
        if self.phase not in ("answered", "revealed"):
            return
        self.showing = "yours" if self.showing == "truth" else "truth"
        self._show_toggle()
        self._paint()
        self.window.render_now()

    def stop_quiz(self) -> None:
        """Leave the quiz: the cuts and the view as they were before it."""
        if self.phase == "idle":
            return
        self.phase = "idle"
        self.quiz = None
        self.window.caption_source = None
        self.pointer.give_back()
        self.lock.set(False)
        self.window.scene.highlight_roots([], render=False)
        self._show_findings()
        self.panel.pages.setCurrentWidget(self.panel.choose)
        self.refresh_commands()
        if self._before is not None:
            self.session.apply_scenario(self._before)
            self._before = None

    # ------------------------------------------------------------------ asking
    @property
    def question(self) -> Question:
        assert self.quiz is not None
        return self.quiz.questions[self.index]

    def _ask(self, index: int) -> None:
        assert self.quiz is not None
        self.index, self.phase, self.showing = index, "asking", "truth"
        self.last_grade = None
        q = self.question
        page = self.panel.question
        page.header.setText(
            f"<b>Question {index + 1} of {len(self.quiz.questions)}</b> · "
            f"{KIND_TITLES[q.kind]} · {q.difficulty} · quiz {self.quiz.seed}")
        page.prompt.setText(q.prompt)
        page.set_answer(self._answer_widget(q))
        keep_control_keys(page)
        page.show_feedback(False)
        self.lock.set(q.kind in LOCKED_KINDS)
        for dock in finding_docks(self.window):
            dock.hide()
        self.window.scene.highlight_roots([], render=False)
        self.refresh_commands()
        if self.window.scene.modality != PIN_PRICK:  # the findings are pin prick's
            self.window.scene.set_modality(PIN_PRICK, render=False)
            self.window.command("toggle_modality").setChecked(False)
        view = self._view_for(q)
        if view != self.window.scene.view:
            self.window.set_view(view)  # drawn in the same frame as the question
        shown = q.cuts if q.kind in ("where-loss", "reflexes") else ()
        # one session change: one frame, and _on_state paints the question over it
        self.session.apply_scenario(Scenario(self._name(), "", q.model, tuple(shown)))
        self._fit_presentation()
        self.questionShown.emit(index)

    @staticmethod
    def _view_for(q: Question) -> str:
        """From behind when the skin asked about is there (sacral, the back of the scalp)."""
        back = ("C2", "S1", "S2", "S3", "S4", "S5", "Co1")
        levels = q.answer.get("levels") or [c.level for c in q.cuts]
        return "posterior" if levels and all(lv in back for lv in levels) else "anterior"

    def _name(self) -> str:
        assert self.quiz is not None
        return f"Quiz {self.quiz.seed}, question {self.index + 1}"

    def _caption(self) -> str | None:
        """While a question is open the caption names it, never the cuts (hidden, or
        the student's answer)."""
        if self.phase == "idle" or self.quiz is None:
            return None
        return f"{self._name()}  \u00b7  {self.question.model} model"

    def _answer_widget(self, q: Question) -> QWidget:
        if q.kind == "which-roots":
            widget: QWidget = RootsAnswer()
            if q.difficulty == "hard":  # every question of the level, so it gives nothing away
                widget.show_note("Hard questions may cut ventral roots or remove ganglia: choose "
                                 "the kind of root above the Levels panel before you cut.")
        elif q.kind == "where-loss":
            points = [(p["level"], p["side"]) for p in q.answer["key_sensory_points"]]
            landmarks = {k.level: k.landmark for k in self.atlas.key_points}
            widget = MarksAnswer(points, landmarks)
            widget.changed.connect(self._marks_changed)
        elif q.kind == "name-dermatome":
            widget = LevelAnswer(band=len(q.answer["levels"]) > 1)
            widget.submitted.connect(self.quiz_submit)
        else:
            sides = [s for s in SIDES if any(c.side == s for c in q.cuts)]
            widget = ReflexAnswer(self.atlas, sides, q.findings.get("key_muscles", ()))
        return widget

    def _response(self, q: Question) -> Any:
        answer = self.panel.question.answer
        if isinstance(answer, LevelAnswer):
            self._your_levels = answer.levels(self.atlas)
            return self._your_levels
        if isinstance(answer, ReflexAnswer):
            return answer.values(), answer.muscle_values()
        if isinstance(answer, MarksAnswer):
            return answer.values()
        return list(self.session.state.cuts.cuts())

    def _marks_changed(self) -> None:
        if self.phase == "asking":
            self._paint()
            self.window.render_now()

    # ------------------------------------------------------------------ feedback
    def _feedback(self, phase: str, result: Grade | None) -> None:
        q = self.question
        self.phase, self.showing = phase, "truth"
        page = self.panel.question
        if result is None:
            page.verdict.setText("<b>The answer</b>")
            page.diff.setText("")
        else:
            word = "Right" if result.correct else ("Partly right" if result.score else "Wrong")
            page.verdict.setText(f"<b>{word}</b> · score {result.score:.0%}")
            page.diff.setText("\n".join(f"• {line}" for line in result.wrong[:12])
                              + ("\n…" if len(result.wrong) > 12 else ""))
        page.truth.setText(f"The truth: {answer_text(q)}")
        page.why.setText(f"Why: {q.why}")
        colour = ' style="color: #59c8ff"' if self.window.presenting else ""  # on black
        page.lesson.setText(
            f'<a href="{q.lesson}"{colour}>Read the lesson that teaches this ▶</a>')
        page.toggle.setVisible(result is not None)
        self._show_toggle()
        page.show_feedback(True)
        page.next.setText("Next question ▶" if self.quiz and self.index + 1 < len(
            self.quiz.questions) else "Finish ▶")
        self._show_findings()
        self.refresh_commands()
        self._paint()
        self.window.render_now()

    def _show_findings(self) -> None:
        """The finding docks the student had open come back once the answer is out."""
        if not self.window.presenting:
            for dock in self._findings_shown:
                dock.show()

    def _show_toggle(self) -> None:
        other = "your answer" if self.showing == "truth" else "the truth"
        now = "the truth" if self.showing == "truth" else "your answer"
        self.panel.question.toggle.setText(f"Body shows {now} · show {other} (Y)")

    def _finish(self) -> None:
        assert self.quiz is not None
        quiz, scores = self.quiz, self.scores
        total = sum(scores)
        self.panel.done.summary.setText(
            f"Quiz {quiz.seed} done: {total:.1f} of {len(quiz.questions)} "
            f"({total / len(quiz.questions):.0%})." if scores else
            f"Quiz {quiz.seed} done (answers revealed, not graded).")
        self.stop_quiz()
        self.panel.pages.setCurrentWidget(self.panel.done)

    # ------------------------------------------------------------------ the body
    def _on_state(self, state: Any) -> None:
        """After the window drew the session: paint the question over it, same frame."""
        if self.phase == "idle":
            return
        q = self.question
        expected = q.cuts if q.kind in ("where-loss", "reflexes") else ()
        if q.kind in LOCKED_KINDS and (state.cuts != CutSet(expected) or state.model != q.model):
            # the question's cuts are part of the question: a preset or a lesson link
            # cannot change them while it is open
            QTimer.singleShot(0, lambda: self.session.apply_scenario(
                Scenario(self._name(), "", q.model, tuple(expected))))
            return
        if q.kind == "which-roots" and isinstance(self.panel.question.answer, RootsAnswer):
            self.panel.question.answer.show_cuts(describe_cuts(list(state.cuts.cuts()),
                                                               self.atlas))
        self._paint()
        self.window.show_caption()  # the question's name (see _caption), never the cuts

    def _paint(self) -> None:
        """Skin, markers and highlighted roots for the question, phase and toggle (no frame)."""
        scene, q = self.window.scene, self.question
        truth = self.phase != "asking" and self.showing == "truth"
        yours = self.phase != "asking" and self.showing == "yours"
        highlight: list[tuple[str, str]] = []
        if q.kind == "which-roots":
            if not yours:
                scene.show_skin(CutSet(q.cuts), q.model, render=False)
            else:
                scene.show_skin(self.session.state.cuts, q.model, render=False)
            if truth:
                highlight = [(c.level, c.side) for c in q.cuts]
        elif q.kind == "where-loss":
            if truth:
                scene.show_skin(CutSet(q.cuts), q.model, render=False)
            else:
                scene.show_skin(EMPTY, q.model, render=False)
                answer = self.panel.question.answer
                marks = answer.values() if isinstance(answer, MarksAnswer) else {}
                scene.show_marks(marks, render=False)
        elif q.kind == "name-dermatome":
            side = q.answer["side"]
            if self.phase == "asking" and q.difficulty == "starter":
                scene.show_skin(EMPTY, q.model, render=False)
                scene.show_marks({(q.answer["levels"][0], side): "absent"}, render=False)
            elif self.phase == "asking":
                scene.show_skin(CutSet(q.cuts), q.model, render=False)
            else:
                levels = q.answer["levels"] if truth else self._your_levels
                band = [Cut(lv, side, 1.0) for lv in levels if lv in self.atlas.level_names]
                scene.show_skin(CutSet(band), "textbook", render=False)
                highlight = [(c.level, c.side) for c in band] if truth else []
        # reflexes: the session's own skin, as the window drew it
        scene.highlight_roots(highlight, render=False)

    # ------------------------------------------------------------------ pointer
    def _click(self, x: float, y: float) -> None:
        q = self.question if self.phase != "idle" else None
        if q is None or q.kind == "which-roots":
            self.window.click_at(x, y)
            return
        if q.kind != "where-loss" or self.phase != "asking":
            return
        pick = self.window.scene.pick(x, y)
        point = None
        if pick is not None and pick.kind == "key_point":
            point = pick.key_point
        elif pick is not None and pick.kind == "skin" and pick.skin is not None:
            point = (pick.skin.dermatome, pick.skin.side)
        answer = self.panel.question.answer
        if point is not None and isinstance(answer, MarksAnswer) and not answer.cycle(point):
            self._say(f"{point[1]} {point[0]} is not asked in this question")

    def _hover(self, x: float, y: float) -> None:
        q = self.question if self.phase != "idle" else None
        if q is None or q.kind == "which-roots" or self.phase != "asking":
            self.window.hover_at(x, y)
            return
        text = ""
        if q.kind == "where-loss":
            kp = self.window.scene.key_point_at(x, y)
            if kp is not None:
                text = f"{kp[1].capitalize()} {kp[0]} key sensory point: click to mark it"
        show_hover(self.window, text)  # never the status or the level asked for

    def _say(self, text: str) -> None:
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(text, 6000)

    # ------------------------------------------------------------------ chrome
    def _start_from_chooser(self) -> None:
        choose = self.panel.choose
        text = choose.seed.text().strip()
        try:
            seed = int(text) if text else None
        except ValueError:
            choose.error.setText(f"'{text[:20]}' is not a quiz number: type a whole number")
            return
        try:
            self.begin(seed, choose.difficulty.currentData(), choose.chosen_kinds() or None,
                       choose.count.value())
        except QuizError as exc:
            choose.error.setText(str(exc))
            return
        choose.error.setText("")

    def _confirm_reset(self) -> None:
        answer = QMessageBox.question(
            self.window, "Reset progress",
            "Forget every answer you have given in quizzes? This cannot be undone.")
        if answer == QMessageBox.StandardButton.Yes:
            self.reset_progress()

    def reset_progress(self) -> None:
        try:
            self.progress.reset()
            problem = None
        except ProgressError as exc:
            problem = str(exc)
        self.panel.progress.show_progress(self.progress, problem)

    def refresh_commands(self) -> None:
        running = self.phase != "idle"
        for name in ("quiz_submit", "quiz_next", "quiz_toggle_truth", "stop_quiz"):
            action = window_action(self.window, name)
            if action is not None:
                action.setEnabled(running)
        reveal = window_action(self.window, "quiz_reveal")
        if reveal is not None:
            reveal.setEnabled(self.phase == "asking")

    def _on_presentation(self, on: bool) -> None:
        set_point_size(self.panel, PRESENTATION_PT if on else 0)
        if self.phase != "idle":
            self.window.show_caption()
            self.window.render_now()
        self._fit_presentation()

    def _fit_presentation(self) -> None:
        """In the lecture hall the question takes nearly half the screen, beside the body."""
        fit_presentation(self.window, self.dock)
