"""The window's learning modes (quiz, clinical cases), registered for their commands.

The keys, menu entries and Help lines of the modes are rows of the command table
(:mod:`rhizoviz.app.shortcuts`, owners ``quiz`` and ``case``); each mode registers as
the owner of its rows, so the window itself only calls :func:`install_modes`.
"""

from __future__ import annotations

from typing import Any

from rhizoviz.app.cases.mode import CaseMode
from rhizoviz.app.quiz.mode import QuizMode


def install_modes(window: Any) -> tuple[QuizMode, CaseMode]:
    """Make the quiz and case modes; one steps aside when the other starts."""
    quiz = QuizMode(window)
    case = CaseMode(window)

    def quiz_starts() -> None:
        case.stop_case()
        case.dock.hide()

    def case_starts() -> None:
        quiz.stop_quiz()
        quiz.dock.hide()

    quiz.on_start, case.on_start = quiz_starts, case_starts
    window.command_actions.register("quiz", quiz)
    window.command_actions.register("case", case)
    quiz.refresh_commands()  # only what the mode can do now stays enabled
    case.refresh_commands()
    return quiz, case
