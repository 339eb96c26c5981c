"""Scenario files: validated at load, saved atomically, round-tripped exactly."""

import json
import os

import pytest

from rhizoviz.core.cuts import Cut
from rhizoviz.core.scenario import (
    MAX_NAME_CHARS,
    MAX_SCENARIO_BYTES,
    Scenario,
    ScenarioError,
    load_scenario,
    preset,
    save_scenario,
)


def write(tmp_path, data, name="s.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


GOOD = {
    "name": "Left C6",
    "description": "one root",
    "model": "overlap",
    "cuts": [{"level": "C6", "side": "left", "fraction": 1.0}],
}


def test_load_good_file(tmp_path):
    sc = load_scenario(write(tmp_path, GOOD))
    assert sc.name == "Left C6" and sc.model == "overlap"
    assert sc.cuts == (Cut("C6", "left", 1.0),)


def test_version_is_optional_and_fraction_defaults_to_one(tmp_path):
    data = {"name": "x", "cuts": [{"level": "L5", "side": "right"}], "version": 1}
    sc = load_scenario(write(tmp_path, data))
    assert sc.cuts == (Cut("L5", "right", 1.0),) and sc.model == "overlap"


@pytest.mark.parametrize(
    "data, field",
    [
        ("{nope", "not JSON"),
        ([], "top level"),
        ({**GOOD, "colour": "red"}, "'colour'"),
        ({k: v for k, v in GOOD.items() if k != "cuts"}, "'cuts'"),
        ({**GOOD, "name": 3}, "'name'"),
        ({**GOOD, "name": "N" * 201}, "'name'"),
        ({**GOOD, "name": "two\nlines"}, "'name'"),
        ({**GOOD, "name": "tab\there"}, "'name'"),
        ({**GOOD, "model": "foerster"}, "'model'"),
        ({**GOOD, "cuts": {"level": "C6"}}, "'cuts'"),
        ({**GOOD, "cuts": [{"level": "C9", "side": "left"}]}, "cuts[0]"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "up"}]}, "cuts[0]"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "left", "fraction": 0}]}, "cuts[0]"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "left", "fraction": 1.5}]}, "cuts[0]"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "left", "fraction": "1"}]}, "cuts[0]"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "left", "depth": 2}]}, "'depth'"),
        ({**GOOD, "cuts": [{"level": "C6", "side": "left"}] * 10_000}, "'cuts'"),
        ({**GOOD, "version": "one"}, "'version'"),
        ({**GOOD, "view": "superior"}, "'view'"),
        ({**GOOD, "view": 3}, "'view'"),
    ],
)
def test_bad_files_name_file_and_field(tmp_path, data, field):
    path = write(tmp_path, data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert str(path) in message and field in message and "\n" not in message


def test_too_large_and_not_utf8(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_SCENARIO_BYTES + 1))
    with pytest.raises(ScenarioError, match="bytes"):
        load_scenario(big)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b'{"name": "\xff\xfe"}')
    with pytest.raises(ScenarioError, match="UTF-8"):
        load_scenario(binary)
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.json")


def test_save_then_load_round_trips(tmp_path):
    sc = preset("Selective dorsal rhizotomy L2-S1")
    path = tmp_path / "sdr.json"
    save_scenario(sc, path)
    assert load_scenario(path) == sc
    assert [p.name for p in tmp_path.iterdir()] == ["sdr.json"]


def test_save_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    save_scenario(Scenario("first", cuts=(Cut("C6", "left"),)), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ScenarioError, match="No space left"):
        save_scenario(Scenario("second"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioError, match="cannot save"):
        save_scenario(Scenario("x"), tmp_path / "nope" / "s.json")


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"name": "x", "cuts": [{"level": "C6", "side": "left", "fraction": ' + b"9" * 5000
         + b"}]}", "number too long"),
    ],
)
def test_pathological_json_is_a_scenario_error(tmp_path, raw, reason):
    path = tmp_path / "deep.json"
    path.write_bytes(raw)
    with pytest.raises(ScenarioError, match=reason):
        load_scenario(path)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode("utf-8"))
    assert load_scenario(path).cuts == (Cut("C6", "left", 1.0),)


def test_a_name_of_exactly_the_limit_opens(tmp_path):
    name = "Ü" * MAX_NAME_CHARS  # characters, not bytes, are counted
    assert load_scenario(write(tmp_path, {**GOOD, "name": name})).name == name


def test_a_view_is_read_and_saved_only_when_given(tmp_path):
    sc = load_scenario(write(tmp_path, {**GOOD, "view": "posterior"}))
    assert sc.view == "posterior"
    path = tmp_path / "again.json"
    save_scenario(sc, path)
    assert json.loads(path.read_text())["view"] == "posterior"
    assert load_scenario(path) == sc
    save_scenario(Scenario("plain"), path)
    assert "view" not in json.loads(path.read_text())


def test_presets_of_the_back_of_the_body_open_from_behind():
    assert preset("C2 (occipital neuralgia)").view == "posterior"
    assert preset("S1-S2 (Achilles reflex)").view == "posterior"
    assert preset("Single C6 cut").view is None


def test_levels_and_sides_read_as_in_a_spec(tmp_path):
    from rhizoviz.core.cuts import parse_spec

    data = dict(GOOD, cuts=[
        {"level": "c6", "side": "LEFT"}, {"level": "co1", "side": "Right", "fraction": 0.5},
    ])
    sc = load_scenario(write(tmp_path, data))
    assert sc.cuts == (Cut("C6", "left", 1.0), Cut("Co1", "right", 0.5))
    assert parse_spec("LEFT:c6") == [sc.cuts[0]]


@pytest.mark.parametrize("second", [
    {"level": "C6", "side": "left", "fraction": 0.5},
    {"level": "c6", "side": "Left"},  # the same root, written another way
])
def test_a_root_listed_twice_is_an_error_naming_it(tmp_path, second):
    data = dict(GOOD, cuts=[{"level": "C6", "side": "left", "fraction": 1.0}, second])
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, data))
    message = str(err.value)
    assert "s.json" in message and "cuts[1]" in message and "C6 left" in message
    assert "\n" not in message


def test_both_sides_of_one_level_are_two_roots(tmp_path):
    data = dict(GOOD, cuts=[{"level": "C6", "side": "left"}, {"level": "C6", "side": "right"}])
    assert len(load_scenario(write(tmp_path, data)).cuts) == 2
