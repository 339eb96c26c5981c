"""Quiz progress: kept between runs, summarised per kind, region and day, reset, safe files."""

import json
import os

import pytest

from rhizoviz.core.progress import (
    ENV_FOLDER,
    FILE_NAME,
    MAX_PROGRESS_BYTES,
    ProgressError,
    load_or_start_afresh,
    load_progress,
    progress_folder,
)
from rhizoviz.core.quiz import KINDS


def test_answers_are_kept_between_runs_and_summarised(tmp_path):
    p = load_progress(tmp_path)
    assert p.attempts == [] and not (tmp_path / FILE_NAME).exists()
    p.record("reflexes", "standard", ["cervical"], 1.0, when="2026-11-02T10:00:00+00:00")
    p.record("reflexes", "hard", ["cervical", "lumbar"], 0.5, when="2026-11-02T10:05:00+00:00")
    p.record("where-loss", "starter", ["lumbar"], 0.25, when="2026-11-03T09:00:00+00:00")

    again = load_progress(tmp_path)  # a new run reads what the last one wrote
    assert again.attempts == p.attempts
    kinds = again.by_kind()
    assert list(kinds) == list(KINDS)
    assert (kinds["reflexes"].answered, kinds["reflexes"].mean_score) == (2, 0.75)
    assert kinds["which-roots"].answered == 0
    regions = again.by_region()
    assert list(regions) == ["cervical", "lumbar"]  # cranio-caudal, only those asked
    assert regions["lumbar"].answered == 2 and regions["lumbar"].mean_score == pytest.approx(0.375)
    history = again.history()
    assert [day for day, _ in history] == ["2026-11-02", "2026-11-03"]
    assert history[0][1].mean_score == 0.75 and history[1][1].answered == 1


def test_reset_forgets_everything(tmp_path):
    p = load_progress(tmp_path)
    p.record("which-roots", "standard", ["thoracic"], 1.0)
    p.reset()
    assert p.attempts == [] and not (tmp_path / FILE_NAME).exists()
    assert load_progress(tmp_path).attempts == []


def test_folder_from_argument_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_FOLDER, str(tmp_path / "env"))
    assert progress_folder() == tmp_path / "env"
    assert progress_folder(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv(ENV_FOLDER)
    assert "rhizoviz" in str(progress_folder())  # the platform's application-data folder


def test_saving_is_atomic_and_leaves_no_temporary_files(tmp_path):
    p = load_progress(tmp_path)
    for i in range(5):
        p.record("reflexes", "standard", ["sacral"], i / 4)
    assert sorted(os.listdir(tmp_path)) == [FILE_NAME]
    data = json.loads((tmp_path / FILE_NAME).read_text())
    assert data["schema"] == "rhizoviz-progress/1" and len(data["attempts"]) == 5


def write(tmp_path, data):
    (tmp_path / FILE_NAME).write_text(json.dumps(data))


GOOD = {"time": "2026-11-02T10:00:00+00:00", "kind": "reflexes", "difficulty": "hard",
        "regions": ["lumbar"], "score": 0.5}


@pytest.mark.parametrize(
    "data, token",
    [
        ([], "schema"),
        ({"schema": "other"}, "schema"),
        ({"schema": "rhizoviz-progress/1"}, "attempts"),
        ({"schema": "rhizoviz-progress/1", "attempts": [1]}, "attempts[0]"),
        ({"schema": "rhizoviz-progress/1", "attempts": [{**GOOD, "score": 2}]}, "score"),
        ({"schema": "rhizoviz-progress/1", "attempts": [{**GOOD, "kind": "x"}]}, "kind"),
        ({"schema": "rhizoviz-progress/1", "attempts": [{**GOOD, "time": "soon"}]}, "time"),
        ({"schema": "rhizoviz-progress/1", "attempts": [{**GOOD, "regions": "lumbar"}]},
         "regions"),
        ({"schema": "rhizoviz-progress/1", "attempts": [{**GOOD, "extra": 1}]}, "extra"),
        ({"schema": "rhizoviz-progress/1",
          "attempts": [{k: v for k, v in GOOD.items() if k != "difficulty"}]}, "difficulty"),
    ],
)
def test_a_bad_file_gives_one_line_naming_the_field(tmp_path, data, token):
    write(tmp_path, data)
    with pytest.raises(ProgressError) as err:
        load_progress(tmp_path)
    assert token in str(err.value) and "\n" not in str(err.value)
    progress, problem = load_or_start_afresh(tmp_path)
    assert progress.attempts == [] and token in problem


def test_only_regular_files_of_bounded_size_are_read(tmp_path):
    (tmp_path / FILE_NAME).mkdir()
    with pytest.raises(ProgressError, match="not a regular file"):
        load_progress(tmp_path)
    (tmp_path / FILE_NAME).rmdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / FILE_NAME)
        with pytest.raises(ProgressError, match="not a regular file"):
            load_progress(tmp_path)
        (tmp_path / FILE_NAME).unlink()
    (tmp_path / FILE_NAME).write_bytes(b" " * (MAX_PROGRESS_BYTES + 1))
    with pytest.raises(ProgressError, match="at most"):
        load_progress(tmp_path)
    (tmp_path / FILE_NAME).write_bytes(b"\xff\xfe")
    with pytest.raises(ProgressError, match="not a JSON"):
        load_progress(tmp_path)
