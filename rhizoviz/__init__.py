"""rhizoviz: spinal nerve-root anatomy taught through dorsal rhizotomy.

Scripting API: :func:`load_spine` and :func:`load_body` load the shipped meshes as
``trimesh.Trimesh`` objects (:mod:`rhizoviz.scripting`; trimesh is imported on the
first call, not here); :mod:`rhizoviz.core` holds the atlas, cuts and the
sensory-outcome model, with no Qt or VTK import. Heavy modules load only when first asked for.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "load_body", "load_spine"]


def __getattr__(name: str) -> Any:
    if name in ("load_body", "load_spine"):
        from rhizoviz import scripting

        return getattr(scripting, name)
    raise AttributeError(f"module 'rhizoviz' has no attribute {name!r}")
