"""Where the shipped meshes and lessons are, installed or in a checkout.

A wheel carries the top-level ``meshes/`` and ``lessons/`` folders inside the
package as ``rhizoviz/_data/...`` (hatch force-include); an editable install or
a source checkout reads them from the repository root beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder holding the shipped ``meshes`` or ``lessons``."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"rhizoviz data folder '{name}' not found beside {_PACKAGE}")


def meshes_dir() -> Path:
    return data_dir("meshes")


def lessons_dir() -> Path:
    return data_dir("lessons")
