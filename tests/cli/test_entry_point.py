"""The console entry point: ``rhizoviz`` runs ``main`` and exits with its code."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_command_is_run() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["rhizoviz"] == "rhizoviz.__main__:run"


@pytest.mark.parametrize(
    ("args", "code", "stream", "needle"),
    [
        (["simulate", "--cut", "left:C6"], 0, "stdout", "C6"),
        (["simulate", "--cut", "Q9"], 2, "stderr", "Q9"),
        (["no-such-command"], 2, "stderr", "unknown command"),
    ],
)
def test_run_exits_with_the_commands_code_and_output(args, code, stream, needle) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from rhizoviz.__main__ import run; "
         f"sys.argv = ['rhizoviz', *{args!r}]; run()"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == code, done.stderr
    assert needle in getattr(done, stream)
    assert "Traceback" not in done.stderr
