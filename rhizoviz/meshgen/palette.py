"""Dermatome colours: neighbouring levels get clearly different hues.

Shared by the preview picture and available to the app, so both speak the same
colour language.
"""

from __future__ import annotations

from rhizoviz.core.atlas import load_atlas

FACE_COLOUR = (0.86, 0.80, 0.74)

# Ten hues, dark then light, then ten more muted hues: consecutive entries always differ in hue.
_BASE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#c7c7c7",
    "#dbdb8d",
    "#9edae5",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#5254a3",
    "#8ca252",
    "#bd9e39",
    "#ad494a",
    "#a55194",
)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def level_colours() -> dict[str, tuple[float, float, float]]:
    """RGB (0-1) for each dermatome level, plus ``""`` for trigeminal skin."""
    levels = load_atlas().dermatome_levels
    colours = {name: _rgb(_BASE[i % len(_BASE)]) for i, name in enumerate(levels)}
    colours[""] = FACE_COLOUR
    return colours
