"""The app tests: every one runs with its own QSettings folder.

Nothing a test saves (geometry, palette) reaches the user's real settings or another
test. The ``window``, ``make_window`` and ``session`` fixtures are the shared ones in
``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_settings(settings_folder: Path) -> Path:
    """Every app test runs with its own temporary QSettings folder."""
    return settings_folder
