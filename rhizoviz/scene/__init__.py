"""The 3D scene layer: pyvista actors built once and recoloured from the core's state.

No Qt here: the same :class:`AnatomyScene` draws into the app's ``QtInteractor``, an
off-screen plotter for ``rhizoviz render``, and the tests.
"""

from rhizoviz.scene.anatomy_scene import VERTEBRAE_MODES, VIEWS, AnatomyScene, Pick, SkinLookup
from rhizoviz.scene.palette import DEFAULT_PALETTE, PALETTES, Palette, get_palette

__all__ = [
    "DEFAULT_PALETTE",
    "PALETTES",
    "VERTEBRAE_MODES",
    "VIEWS",
    "AnatomyScene",
    "Palette",
    "Pick",
    "SkinLookup",
    "get_palette",
]
