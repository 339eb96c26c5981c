"""The core is plain Python + numpy with complete type hints: mypy --strict agrees.

The settings live in ``pyproject.toml`` (``[tool.mypy]``), so ``mypy`` run by hand
from the repository root checks the same thing as this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_core_passes_a_strict_type_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # mypy reads [tool.mypy] from ./pyproject.toml
    stdout, stderr, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path)]
    )
    assert status == 0, stdout + stderr
    assert "Success" in stdout
