"""User files: bounded reads of regular files only, and nothing that blocks.

Each read that could hang (a named pipe, a link to ``/dev/zero``) runs in a worker
thread the test waits on for a while: a hang fails the test instead of the suite.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rhizoviz.core.lessons import LessonError, load_lesson_file
from rhizoviz.core.scenario import ScenarioError, load_scenario
from rhizoviz.core.userfile import UserFileError, read_user_file, write_atomic

GUARD_S = 60  # generous on a loaded machine: a blocked read never comes back at all

posix_only = pytest.mark.skipif(
    sys.platform == "win32", reason="no FIFOs or /dev/zero; links need special rights"
)


def guarded(call: Callable[[], Any]) -> BaseException | Any:
    """Run ``call`` in a daemon thread; its result or exception, or fail if it hangs."""
    outcome: list[Any] = []

    def work() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(GUARD_S)
    if worker.is_alive():
        pytest.fail(f"the read did not return within {GUARD_S} s: it blocked")
    return outcome[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def dev_zero_link(tmp_path: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    path = tmp_path / "zero.json"
    path.symlink_to("/dev/zero")
    return path


def _one_line_naming(exc: object, kind: type[Exception], name: str) -> str:
    assert isinstance(exc, kind), exc
    message = str(exc)
    assert name in message and "\n" not in message, message
    return message


@posix_only
def test_a_named_pipe_is_refused_at_once(fifo: Path) -> None:
    exc = guarded(lambda: read_user_file(fifo, 1000))
    assert "named pipe" in _one_line_naming(exc, UserFileError, "pipe.json")


@posix_only
def test_a_link_to_dev_zero_is_refused(dev_zero_link: Path) -> None:
    exc = guarded(lambda: read_user_file(dev_zero_link, 1000))
    assert "device" in _one_line_naming(exc, UserFileError, "zero.json")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "lesson.md").mkdir()
    exc = guarded(lambda: read_user_file(tmp_path / "lesson.md", 1000))
    assert "folder" in _one_line_naming(exc, UserFileError, "lesson.md")


@posix_only
def test_a_missing_file_and_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "link.json").symlink_to(tmp_path / "gone.json")
    for name in ("missing.json", "link.json"):
        exc = guarded(lambda n=name: read_user_file(tmp_path / n, 1000))
        assert "cannot read" in _one_line_naming(exc, UserFileError, name)


@posix_only
def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_bytes(b"{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    assert read_user_file(tmp_path / "link.json", 10) == b"{}"


def test_the_byte_bound_holds_exactly(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, 100) == b"x" * 100
    exc = guarded(lambda: read_user_file(path, 99))
    assert "100 bytes (at most 99)" in _one_line_naming(exc, UserFileError, "f.txt")
    path.write_bytes(b"")
    assert read_user_file(path, 99) == b""


def test_the_callers_error_class_is_raised(tmp_path: Path) -> None:
    exc = guarded(lambda: read_user_file(tmp_path / "x", 10, ScenarioError))
    _one_line_naming(exc, ScenarioError, "x")


@posix_only
@pytest.mark.parametrize(
    ("load", "kind", "suffix"),
    [(load_scenario, ScenarioError, ".json"), (load_lesson_file, LessonError, ".md")],
    ids=["scenario", "lesson"],
)
def test_scenarios_and_lessons_refuse_pipes_and_devices(
    tmp_path: Path, load: Callable[[Path], Any], kind: type[Exception], suffix: str
) -> None:
    pipe, zero = tmp_path / f"pipe{suffix}", tmp_path / f"zero{suffix}"
    os.mkfifo(pipe)
    zero.symlink_to("/dev/zero")
    for path in (pipe, zero):
        _one_line_naming(guarded(lambda p=path: load(p)), kind, path.name)


def test_write_atomic_replaces_the_file_or_leaves_it_whole(tmp_path: Path) -> None:
    out = tmp_path / "figure.png"
    out.write_bytes(b"good")
    assert write_atomic(out, lambda tmp: tmp.write_bytes(b"new")) == out
    assert out.read_bytes() == b"new"

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"ha")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomic(out, half_then_fail)
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.png"]
