"""Case mode: one clinical case, a step at a time, with the body showing each step.

The case, the block and the outcome are the core's (:mod:`rhizoviz.core.cases`,
:mod:`rhizoviz.core.case_model`); this module shows them. What the session and the
body hold at each step:

* presentation: no cuts; the pain map drawn over the skin (the dermatomes that hurt) in
  the palette's pain colour, which no sensation status uses, and the legend names it;
* examination, imaging, decision: the patient's own deficit (the examination shows the
  ISNCSCI worksheet and the outcome panel);
* block: the deficit plus a transient full cut of the blocked roots, reverted when the
  block wears off or the step is left;
* outcome, discussion: the deficit plus the operation's cuts: what the patient loses.

The cuts are the case's while it is open (editing is locked); closing the case gives
back the cuts the student had before. The caption over the body names the case by its
title and the step (the window's ``caption_source``), never by colours.
"""

from __future__ import annotations

import html
import os
import textwrap
from collections.abc import Callable
from typing import Any

from PyQt6.QtCore import QObject, Qt, pyqtSignal
from PyQt6.QtWidgets import QFileDialog, QListWidgetItem

from rhizoviz.app.cases.panel import CasePanel
from rhizoviz.app.mode_support import (
    PRESENTATION_PT,
    EditLock,
    add_mode_dock,
    finding_docks,
    fit_presentation,
    keep_control_keys,
    open_lesson,
    set_point_size,
    window_action,
)
from rhizoviz.core.case_model import (
    BlockResult,
    Decision,
    block,
    expected_decision,
    outcome,
    save_case_report,
)
from rhizoviz.core.cases import (
    OPERATION_LABELS,
    STEPS,
    Case,
    CaseError,
    load_cases,
)
from rhizoviz.core.cuts import Cut, CutSet, format_fraction
from rhizoviz.core.findings import findings
from rhizoviz.core.lessons import markdown_to_html
from rhizoviz.core.quiz import describe_findings
from rhizoviz.core.report import model_tag
from rhizoviz.core.scenario import Scenario

STEP_TITLES: dict[str, str] = {
    "presentation": "Presentation: the history, and where it hurts",
    "examination": "Examination",
    "imaging": "Imaging",
    "block": "Diagnostic selective nerve root block",
    "decision": "Decision",
    "outcome": "Outcome",
    "discussion": "Discussion",
}
Root = tuple[str, str]
CAPTION_CHARS = {False: 60, True: 40}  # a caption line's length beside the case dock
CASE_HEIGHT_SHARE = 0.6  # of the window's height, for the case dock beside the findings


def _md(text: str) -> str:
    return markdown_to_html(text)


def _roots_text(roots: Any) -> str:
    return ", ".join(f"{side} {level}" for level, side in roots) or "none"


def _symptom_words(case: Case) -> tuple[str, str, str]:
    """The symptom map's legend heading, swatch label and caption words: a child with
    spasticity has no pain, so her map names the stiffness."""
    if case.goal == "pain":
        return "Where it hurts", "the patient's pain", "where it hurts"
    return "Where the stiffness comes from", "skin of its roots", "the stiffness's roots"


def _sentence(findings_text: str) -> str:
    return "no loss." if findings_text == "No loss." else findings_text


def _worse(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The findings of ``after`` that differ from ``before``: what an operation added."""
    return {key: [item for item in items if item not in before.get(key, ())]
            for key, items in after.items()}


class CaseMode(QObject):
    """Clinical cases in the main window: a dock with the case list and the current step."""

    stepShown = pyqtSignal(str)  # noqa: N815 - the name of the step now shown

    def __init__(self, window: Any, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.atlas = self.session.atlas
        self.panel = CasePanel()
        self.dock = add_mode_dock(window, "Case", self.panel)
        self.lock = EditLock(window)
        self.case: Case | None = None
        self.step = -1
        self.blocks: list[BlockResult] = []
        self.blocking: BlockResult | None = None
        self.decision: Decision | None = None
        self._before: Scenario | None = None
        self._lesson_was_visible = False
        self.folder = folder
        self.on_start: Callable[[], None] | None = None  # another mode steps aside
        self.reload()
        p = self.panel
        p.openRequested.connect(self.open_case)
        p.nextRequested.connect(self.case_next_step)
        p.backRequested.connect(self.case_previous_step)
        p.closeRequested.connect(self.stop_case)
        p.saveRequested.connect(self.save_report_dialog)
        p.lessonRequested.connect(lambda link: open_lesson(self.window, link))
        p.block.blockRequested.connect(self.apply_block)
        p.block.endRequested.connect(self.end_block)
        self.session.changed.connect(self._on_state)
        presenting = window_action(window, "toggle_presentation")
        if presenting is not None:
            presenting.toggled.connect(self._on_presentation)

    @property
    def active(self) -> bool:
        return self.case is not None

    # ------------------------------------------------------------------ list
    def reload(self) -> None:
        """List the cases that load; a broken file is one line under the list."""
        try:
            cases, problems = load_cases(self.folder)
        except CaseError as exc:
            cases, problems = [], [str(exc)]
        self.cases = {c.name: c for c in cases}
        self.panel.cases.clear()
        for c in cases:
            item = QListWidgetItem(c.title)
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            item.setToolTip(c.summary)
            self.panel.cases.addItem(item)
        if cases:
            self.panel.cases.setCurrentRow(0)
        self.panel.problems.setText("\n".join(problems))

    # ------------------------------------------------------------------ commands
    def start_case(self) -> None:
        """Open the case dock at its list (the menu entry and its key)."""
        if self.on_start is not None:
            self.on_start()
        self.dock.show()
        self.dock.raise_()
        self.panel.cases.setFocus()

    def open_case(self, name: str) -> bool:
        case = self.cases.get(name)
        if case is None:
            self._say(f"unknown case '{name}'")
            return False
        if self.on_start is not None:
            self.on_start()
        if self.case is None:
            self._before = self.session.state.to_scenario()
            # the case's text needs the column; its discussion links the lesson back in
            self._lesson_was_visible = self.window.lesson_dock.isVisible()
            self.window.lesson_dock.hide()
            self.window.caption_source = self._caption
        self.case, self.blocks, self.blocking, self.decision = case, [], None, None
        self.dock.show()
        self.lock.set(True)
        p = self.panel
        p.block.roots.set_roots(case.block_choices)
        p.block.history.setText("")
        offered = self._decision_roots(case)
        p.decision.roots.set_roots(offered)
        p.decision.yes.setChecked(True)
        p.decision.operation.setCurrentIndex(0)
        p.decision.fraction.setValue(100)
        keep_control_keys(p)
        p.list_box.hide()
        p.step_box.show()
        self.refresh_commands()
        self.show_step(0)
        self.window.set_view(self._view_for(case))  # framed below the case's caption
        return True

    def case_next_step(self) -> None:
        if self.case is not None and self.step + 1 < len(STEPS):
            self.show_step(self.step + 1)

    def case_previous_step(self) -> None:
        if self.case is not None and self.step > 0:
            self.show_step(self.step - 1)

    def stop_case(self) -> None:
        if self.case is None:
            return
        self.case, self.step, self.blocking = None, -1, None
        self.window.caption_source = None
        self.lock.set(False)
        self.panel.step_box.hide()
        self.panel.list_box.show()
        if self._lesson_was_visible:
            self.window.lesson_dock.show()
        self.refresh_commands()
        if self._before is not None:
            self.session.apply_scenario(self._before)
            self._before = None

    # ------------------------------------------------------------------ steps
    @property
    def step_name(self) -> str:
        return STEPS[self.step] if self.step >= 0 else ""

    def show_step(self, index: int) -> None:
        """Show one step: its text, its choices, and the body it needs (one session change)."""
        case = self.case
        assert case is not None
        if self.step_name == "decision" and index > self.step:
            self.decision = self.read_decision()
        self.step, self.blocking = index, None
        name = STEPS[index]
        p = self.panel
        p.header.setText(f"<b>{html.escape(case.title)}</b><br>Step {index + 1} of "
                         f"{len(STEPS)}: {self._step_title(name)}")
        p.back.setEnabled(index > 0)
        p.next.setEnabled(index + 1 < len(STEPS))
        if name == "outcome" and self.decision is None:
            self.decision = self.read_decision()
        p.set_text(self._step_html(case, name))
        p.controls.setCurrentWidget({"block": p.block, "decision": p.decision,
                                     "discussion": p.closing}.get(name, p.none))
        p.block.result.setText("")
        p.lesson.setText(f'<a href="{case.lesson}">Read the lesson that teaches this ▶</a>')
        self.session.apply_scenario(Scenario(self._state_name(name), "", case.model,
                                             self._cuts_for(name)))
        if name in ("examination", "outcome") and not self.window.presenting:
            self.window.outcome_dock.show()
            worksheet = getattr(self.window, "worksheet", None)
            if name == "examination" and worksheet is not None:  # the ISNCSCI worksheet
                worksheet.dock.show()
                worksheet.dock.raise_()
        fit_presentation(self.window, self.dock)
        self._make_room()
        self.stepShown.emit(name)

    def _make_room(self) -> None:
        """The case's text and choices keep most of their column: the findings' docks
        beside them (outcome, worksheet) scroll, the step's text would be cut off."""
        others = [d for d in finding_docks(self.window) if d.isVisible()]
        if others and self.dock.isVisible():
            height = self.window.height()
            rest = int(height * (1 - CASE_HEIGHT_SHARE) / len(others))
            self.window.resizeDocks([self.dock, *others],
                                    [int(height * CASE_HEIGHT_SHARE), *[rest] * len(others)],
                                    Qt.Orientation.Vertical)

    def _step_title(self, step: str) -> str:
        if step == "presentation" and self.case is not None and self.case.goal != "pain":
            return "Presentation: the history, and where the stiffness comes from"
        return STEP_TITLES[step]

    def _state_name(self, step: str) -> str:
        assert self.case is not None
        return f"Case: {self.case.title} \u2014 {self._step_phrase(step)}"

    def _step_phrase(self, step: str) -> str:
        """What the body shows at ``step``, in words (no colours: the legend has those)."""
        if step == "presentation":
            return _symptom_words(self.case)[2] if self.case is not None else ""
        if step == "block":
            if self.blocking is not None:
                return f"block of {_roots_text(self.blocking.roots)}, numb skin"
            return "diagnostic root block"
        if step == "outcome":
            return "outcome, what is lost"
        return STEP_TITLES[step].split(":")[0].lower()

    def _caption(self) -> str | None:
        """The caption over the body while a case is open: its title, then the step."""
        if self.case is None or self.step < 0:
            return None
        step = self.step_name
        width = CAPTION_CHARS[bool(self.window.presenting)]  # the hall's text is larger
        title = "\n".join(textwrap.wrap(f"Case: {self.case.title}", width))
        return (f"{title}\nStep {self.step + 1}: {self._step_phrase(step)}"
                f"  \u00b7  {model_tag(self.case.model)}")

    def _cuts_for(self, step: str) -> tuple[Cut, ...]:
        case = self.case
        assert case is not None
        if step == "presentation":
            return ()
        cuts = CutSet(case.deficit)
        if step == "block" and self.blocking is not None:
            for level, side in self.blocking.roots:
                cuts = cuts.with_fraction(level, side, 1.0)
        if step in ("outcome", "discussion") and self.decision is not None:
            for cut in outcome(case, self.decision).cuts:  # dorsal roots, or ganglia
                before = cuts.fraction(cut.level, cut.side, cut.root)
                cuts = cuts.with_fraction(cut.level, cut.side, max(cut.fraction, before),
                                          cut.root)
        return tuple(cuts.cuts())

    def _on_state(self, _state: Any) -> None:
        """The pain map is painted over the skin after the window drew the session."""
        if self.case is not None and self.step_name == "presentation":
            pain = CutSet(Cut(a.level, a.side, 1.0) for a in self.case.pain_map)
            self.window.scene.show_pain_map(pain, "textbook", render=False,
                                            words=_symptom_words(self.case)[:2])

    def _view_for(self, case: Case) -> str:
        """Look from behind where the pain is at the back (scalp, buttock, leg)."""
        back = ("C2", "C3", "L4", "L5", "S1", "S2", "S3", "S4", "S5")
        return "posterior" if any(a.level in back for a in case.pain_map) else "anterior"

    # ------------------------------------------------------------------ block
    def apply_block(self, roots: list[Root] | None = None) -> BlockResult | None:
        """Block the chosen roots: the body goes numb where they supply, the pain eases."""
        case = self.case
        if case is None or self.step_name != "block":
            return None
        chosen = roots if roots is not None else self.panel.block.roots.chosen()
        try:
            result = block(case, chosen, self.atlas)
        except CaseError as exc:
            self.panel.block.result.setText(str(exc).split(": ", 1)[-1])
            return None
        self.blocking = result
        self.blocks.append(result)
        goal = "pain" if case.goal == "pain" else "spasticity"
        verdict = "a positive block" if result.positive else "a negative block"
        self.panel.block.result.setText(
            f"<b>During the block of {_roots_text(result.roots)}</b>: the usual {goal} eased by "
            f"<b>{format_fraction(result.relief)}</b> ({verdict}). The body shows the skin the "
            "anaesthetic dulls or numbs: one root alone only dulls skin its neighbours share.")
        self.panel.block.history.setText(
            "Blocks so far: " + "; ".join(f"{_roots_text(b.roots)}: {format_fraction(b.relief)}"
                                          for b in self.blocks))
        self.session.apply_scenario(Scenario(self._state_name("block"), "", case.model,
                                             self._cuts_for("block")))
        return result

    def end_block(self) -> None:
        """The anaesthetic wears off: the body as it was before the block."""
        if self.case is None or self.blocking is None:
            return
        self.blocking = None
        self.panel.block.result.setText("The block has worn off.")
        self.session.apply_scenario(Scenario(self._state_name("block"), "", self.case.model,
                                             self._cuts_for("block")))

    # ------------------------------------------------------------------ decision
    def _decision_roots(self, case: Case) -> list[Root]:
        roots = {*case.block_choices, *case.expected.roots,
                 *((s.level, s.side) for s in case.generator)}
        return sorted(roots, key=lambda r: (self.atlas.index(r[0]), r[1]))

    def read_decision(self) -> Decision:
        d = self.panel.decision
        candidate = d.yes.isChecked()
        op = d.operation.currentData() if candidate else "none"
        return Decision(candidate, op, tuple(d.roots.chosen()) if op != "none" else (),
                        d.fraction.value() / 100.0)

    # ------------------------------------------------------------------ text
    def _step_html(self, case: Case, step: str) -> str:
        if step == "presentation":
            areas = "".join(f"<li>{html.escape(a.side)} {html.escape(a.level)}: "
                            f"{html.escape(a.label)}</li>" for a in case.pain_map)
            heading, _, _ = _symptom_words(case)
            what = "pain" if case.goal == "pain" else "the skin of the stiffness's roots"
            return (f"<p><i>{html.escape(case.summary)}</i></p>{_md(case.presentation)}"
                    f"<p><b>{heading}</b> (shaded on the body and named in the legend: "
                    f"{what}, not a loss of sensation):</p><ul>{areas}</ul>")
        if step == "examination":
            seen = describe_findings(findings(case.deficit, case.model), self.atlas)
            return f"{_md(case.examination)}<p><b>On the body:</b> {html.escape(seen)}</p>"
        if step == "imaging":
            return _md(case.imaging)
        if step == "block":
            return _md(case.block_text)
        if step == "decision":
            return _md(case.decision)
        if step == "outcome":
            return self._outcome_html(case)
        return self._discussion_html(case)

    def _outcome_html(self, case: Case) -> str:
        decision = self.decision or self.read_decision()
        result = outcome(case, decision)
        goal = "pain" if case.goal == "pain" else "spasticity"
        if decision.candidate and decision.operation != "none":
            amount = (f", {format_fraction(decision.fraction)} of rootlets"
                      if decision.operation == "selective-dorsal-rhizotomy" else "")
            chose = (f"{OPERATION_LABELS[decision.operation]} on "
                     f"{_roots_text(decision.roots)}{amount}")
        else:
            chose = "no operation"
        before = findings(case.deficit, case.model)
        new = describe_findings(_worse(before, result.findings), self.atlas)
        cautions = "".join(f"<li>{html.escape(c)}</li>" for c in result.cautions)
        risks = "".join(f"<li>{_md(r.text)} <i>({html.escape(r.source)})</i></li>"
                        for r in case.risks)
        return (f"<p><b>You chose:</b> {html.escape(chose)}.</p>"
                f"<p><b>Gained:</b> {goal} relief soon after "
                f"<b>{format_fraction(result.relief)}</b>; years later "
                f"<b>{format_fraction(result.long_term)}</b>.</p>"
                f"<p><b>Lost</b> through the operation: "
                f"<b>{html.escape(new if new != 'No loss.' else 'nothing.')}</b></p>"
                f"<p>Before it: {html.escape(_sentence(describe_findings(before, self.atlas)))}"
                f" After it (the body shows this now): "
                f"{html.escape(_sentence(describe_findings(result.findings, self.atlas)))}</p>"
                + (f"<p><b>Cautions:</b></p><ul>{cautions}</ul>" if cautions else "")
                + f"{_md(case.outcome)}<p><b>Risks</b></p><ul>{risks}</ul>")

    def _discussion_html(self, case: Case) -> str:
        exp = expected_decision(case)
        team = (f"{OPERATION_LABELS[exp.operation]} on {_roots_text(exp.roots)}"
                if exp.operation != "none" else "no operation")
        agrees = ""
        if self.decision is not None:
            ok = all(outcome(case, self.decision).agrees.values())
            agrees = " Your decision agrees with theirs." if ok else " Your decision differs."
        uncertain = "".join(f"<li>{_md(u)}</li>" for u in case.uncertain)
        sources = "".join(f"<li>{html.escape(s)}</li>" for s in case.sources)
        return (f"<p><b>What an experienced team would do:</b> {html.escape(team)}."
                f"{agrees}</p>{_md(case.discussion)}<h3>Rehabilitation</h3>"
                f"{_md(case.rehabilitation)}"
                + (f"<h3>Uncertain [?]</h3><ul>{uncertain}</ul>" if uncertain else "")
                + f"<h3>Sources</h3><ul>{sources}</ul>")

    # ------------------------------------------------------------------ report
    def save_report(self, path: str) -> bool:
        case = self.case
        if case is None:
            return False
        try:
            save_case_report(path, case, self.blocks, self.decision or self.read_decision())
        except CaseError as exc:
            self._say(str(exc))
            return False
        self._say(f"Saved {path}")
        return True

    def save_report_dialog(self) -> None:
        if self.case is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Save case report",
                                              f"{self.case.name}-report.md", "Markdown (*.md)")
        if path:
            self.save_report(path)

    # ------------------------------------------------------------------ chrome
    def _on_presentation(self, on: bool) -> None:
        set_point_size(self.panel, PRESENTATION_PT * 0.8 if on else 0)
        if self.case is not None:
            fit_presentation(self.window, self.dock)

    def refresh_commands(self) -> None:
        for name in ("case_next_step", "case_previous_step"):
            action = window_action(self.window, name)
            if action is not None:
                action.setEnabled(self.case is not None)

    def _say(self, text: str) -> None:
        bar = self.window.statusBar()
        if bar is not None:
            bar.showMessage(text, 8000)
