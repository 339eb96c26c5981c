"""The 3D scene layer: pyvista actors built once and recoloured from the core's state.

No Qt here: the same :class:`AnatomyScene` draws into the app's ``QtInteractor``, an
off-screen plotter for ``rhizoviz render``, and the tests. Names are imported on first
use, so ``from rhizoviz.scene.palette import PALETTES`` (menus, argument checks) does
not pay for importing VTK.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_LAZY = {
    "AnatomyScene": "rhizoviz.scene.anatomy_scene",
    "Pick": "rhizoviz.scene.anatomy_scene",
    "SceneError": "rhizoviz.scene.anatomy_scene",
    "SkinLookup": "rhizoviz.scene.anatomy_scene",
    "VERTEBRAE_MODES": "rhizoviz.scene.anatomy_scene",
    "VIEWS": "rhizoviz.scene.anatomy_scene",
    "configure_plotter": "rhizoviz.scene.anatomy_scene",
    "render_figure": "rhizoviz.scene.render",
    "DEFAULT_PALETTE": "rhizoviz.scene.palette",
    "PALETTES": "rhizoviz.scene.palette",
    "Palette": "rhizoviz.scene.palette",
    "get_palette": "rhizoviz.scene.palette",
}

__all__ = [
    "DEFAULT_PALETTE",
    "PALETTES",
    "VERTEBRAE_MODES",
    "VIEWS",
    "AnatomyScene",
    "Palette",
    "Pick",
    "SceneError",
    "SkinLookup",
    "configure_plotter",
    "get_palette",
    "render_figure",
]

if TYPE_CHECKING:
    from rhizoviz.scene.anatomy_scene import (
        VERTEBRAE_MODES,
        VIEWS,
        AnatomyScene,
        Pick,
        SceneError,
        SkinLookup,
        configure_plotter,
    )
    from rhizoviz.scene.palette import DEFAULT_PALETTE, PALETTES, Palette, get_palette
    from rhizoviz.scene.render import render_figure


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'rhizoviz.scene' has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)
