"""The named views a scenario or a command may ask for.

The names are data shared by the scenario files, the command line and the app; what
each view looks like (the camera) belongs to the scene.
"""

from __future__ import annotations

VIEW_NAMES: tuple[str, ...] = ("anterior", "posterior", "left", "right", "spine", "in-situ")
IN_SITU = "in-situ"  # the spine true to size where it lies, inside a see-through body
DEFAULT_VIEW = "anterior"
