"""The trainer's keys, as data: the window binds from this table and its help lists it.

Same shape as :mod:`rhizoviz.app.shortcuts`; each entry names a method of
:class:`rhizoviz.app.trainer.window.TrainerWindow`.
"""

from __future__ import annotations

from rhizoviz.app.shortcuts import Command, command_rows

TRAINER_KEYS: tuple[Command, ...] = (
    Command("Exposure", "choose_conus", ("1",), "Single-level laminectomy at the conus (L1)"),
    Command("Exposure", "choose_multilevel", ("2",), "Multilevel laminectomy L2-S1"),
    Command("Rootlets", "root_up", ("Up",), "Lift the root above"),
    Command("Rootlets", "root_down", ("Down",), "Lift the root below"),
    Command("Rootlets", "other_side", ("S",), "Lift the same root on the other side"),
    Command("Rootlets", "next_rootlet", ("Right",), "Stimulate the next rootlet"),
    Command("Rootlets", "previous_rootlet", ("Left",), "Stimulate the previous rootlet"),
    Command("Rootlets", "stimulate_current", ("Space", "Return"), "Stimulate this rootlet again"),
    Command("Rootlets", "toggle_mark", ("X", "Delete"), "Mark this rootlet to cut, or unmark it"),
    Command("Rootlets", "show_grade_key", ("G", "?"), "The grade key (Phillips & Park)"),
    Command("Rootlets", "finish", ("Ctrl+Return", "F"), "Finish: the debrief"),
    Command("Edit", "undo", ("Ctrl+Z",), "Undo"),
    Command("Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo"),
    Command("View", "frame_window", ("0",), "Frame the exposure again"),
    Command("View", "toggle_presentation", ("F5",), "Presentation mode on or off"),
    Command("View", "leave_presentation", ("Esc",), "Leave presentation mode"),
    Command("View", "show_keys", ("F1",), "This list of keys"),
    Command("View", "close", ("Ctrl+W",), "Leave the trainer (the cuts stay on the body)"),
)


def by_command() -> dict[str, Command]:
    return {s.command: s for s in TRAINER_KEYS}


def keys_html() -> str:
    rows = command_rows(TRAINER_KEYS)
    return (
        "<p>Everything works with the mouse too: click a rootlet in the 3D view to "
        "stimulate it (its root lifts for testing); the buttons beside the EMG mark it "
        "and finish.</p>"
        f'<table cellspacing="0" cellpadding="4">{"".join(rows)}</table>'
    )
