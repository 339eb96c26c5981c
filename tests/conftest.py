"""Fixtures shared by every suite that opens a window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def settings_folder(tmp_path: Path, qapp: Any) -> Iterator[Path]:
    """Point QSettings at a temporary folder, so no test reads or writes real settings."""
    from PyQt6.QtCore import QCoreApplication, QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    QCoreApplication.setOrganizationName("rhizoviz-tests")
    QCoreApplication.setApplicationName("rhizoviz-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture(scope="session")
def standin_meshes() -> tuple[Any, Any]:
    """Small synthetic body and spine (a few thousand triangles): fast, same data shape."""
    from rhizoviz.scene.standins import standin_body, standin_spine

    return standin_body(), standin_spine()
