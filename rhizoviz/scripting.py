"""The scripting API: the shipped meshes as ``trimesh.Trimesh`` objects.

``rhizoviz.load_body()`` and ``rhizoviz.load_spine()`` are these functions. They read
the files with the fast numpy loader (:mod:`rhizoviz.mesh_loader`, which the app,
``simulate`` and ``render`` use directly) and only then import trimesh and build the
meshes, so importing rhizoviz or starting the app never pays for trimesh (~0.85 s
with the scipy and networkx it imports). Each call builds new meshes that the caller
owns: trimesh meshes are mutable (``apply_transform``, ``fix_normals``), and one
script's changes must not reach another's meshes or the app's shared read-only copy.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rhizoviz import mesh_loader

if TYPE_CHECKING:
    import trimesh


def load_body(folder: str | Path | None = None) -> mesh_loader.Body:
    """The labelled body; ``.mesh`` is a ``trimesh.Trimesh`` in the labels' vertex order.

    ``.dermatome``, ``.side``, ``.supply``, ``.key_points`` and the bit arrays are
    those of :func:`rhizoviz.mesh_loader.load_body` (shared, read-only).
    """
    body = mesh_loader.load_body(folder)
    return replace(body, mesh=body.mesh.to_trimesh())


def load_spine(folder: str | Path | None = None) -> dict[str, trimesh.Trimesh]:
    """The named spine parts (``vertebra_L4``, ``dorsal_root_L5_left`` ...) as Trimesh."""
    return {name: part.to_trimesh() for name, part in mesh_loader.load_spine(folder).items()}
