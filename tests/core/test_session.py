"""The one state object: intents, outcome, undo and redo."""

import pytest

from rhizoviz.core.cuts import CutSet
from rhizoviz.core.scenario import preset
from rhizoviz.core.session import Session, State


def key(session, level, side):
    return next(
        k.status for k in session.outcome.key_points if k.level == level and k.side == side
    )


def test_toggle_cuts_and_restores_and_notifies():
    s = Session()
    seen = []
    s.subscribe(seen.append)
    s.toggle("C6", "left")
    assert s.cuts.fraction("C6", "left") == 1.0
    assert key(s, "C6", "left") == "impaired"
    s.toggle("C6", "left")
    assert len(s.cuts) == 0
    assert len(seen) == 2 and seen[-1] is s.state


def test_range_is_one_undo_step_and_undo_redo_restore_exact_states():
    s = Session()
    s.toggle("T4", "right")
    after_first = s.state
    s.cut_range("C5", "C7", ["left"], 0.5)
    after_range = s.state
    assert s.cuts.fraction("C7", "left") == 0.5
    s.undo()
    assert s.state == after_first
    s.redo()
    assert s.state == after_range
    s.undo()
    s.undo()
    assert s.state == State()
    assert not s.can_undo and s.can_redo


def test_model_switch_and_scenario_and_reset():
    s = Session()
    s.apply_scenario(preset("C5-C7 (remaining sensibility)"))
    assert key(s, "C6", "left") == "absent"
    assert s.state.name == "C5-C7 (remaining sensibility)"
    s.set_model("textbook")
    assert key(s, "C5", "left") == "absent"
    s.reset()
    assert s.cuts == CutSet() and s.model == "textbook"
    s.undo()
    assert len(s.cuts) == 3


def test_no_op_changes_are_not_history():
    s = Session()
    s.set_model("overlap")
    s.set_fraction("C6", "left", 0)
    assert not s.can_undo


def test_bad_intents_are_refused_without_change():
    s = Session()
    s.toggle("C6", "left")
    before = s.state
    with pytest.raises(ValueError):
        s.toggle("C9", "left")
    with pytest.raises(ValueError):
        s.set_fraction("C6", "left", 1.5)
    with pytest.raises(ValueError):
        s.set_model("foerster")
    assert s.state == before


def test_unsubscribe():
    s = Session()
    seen = []
    stop = s.subscribe(seen.append)
    stop()
    s.toggle("L5", "left")
    assert seen == []


def test_rename_names_the_cuts_without_an_undo_step():
    s = Session()
    seen = []
    s.subscribe(seen.append)
    s.toggle("C6", "left")
    assert s.state.name == "Custom cuts" and not s.state.has_own_name
    s.rename("my-c6")
    assert s.state.name == "my-c6" and s.state.has_own_name
    assert s.state.cuts.fraction("C6", "left") == 1.0 and seen[-1] == s.state
    s.undo()  # undo goes back past the cut, not to the unnamed cut
    assert not s.state.cuts and s.state.name == "No cuts"
    s.rename("No cuts")
    assert len(seen) == 3  # renaming to the same name is no change
