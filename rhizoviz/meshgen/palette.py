"""Dermatome colours: neighbouring levels get clearly different hues.

Shared by the preview picture and available to the app, so both speak the same
colour language.
"""

from __future__ import annotations

from rhizoviz.core.atlas import load_atlas

FACE_COLOUR = (0.86, 0.80, 0.74)

# Hand-picked so that every pair of levels that touch on the skin (consecutive levels,
# and bands meeting across an axial line such as C4/T2 or L2/S2) differ clearly in hue.
_BASE = {
    "C2": "#2b5c8a",
    "C3": "#f28e2b",
    "C4": "#59a14f",
    "C5": "#e15759",
    "C6": "#8e6bbf",
    "C7": "#9c755f",
    "C8": "#ff9da7",
    "T1": "#8c8c8c",
    "T2": "#edc948",
    "T3": "#4e9fd1",
    "T4": "#d94f2b",
    "T5": "#86c5a0",
    "T6": "#b9a0d4",
    "T7": "#f5b865",
    "T8": "#5fa8a0",
    "T9": "#f08bb4",
    "T10": "#3d8b3d",
    "T11": "#c9b2a0",
    "T12": "#7ab8e8",
    "L1": "#a6d96a",
    "L2": "#3f4a9c",
    "L3": "#e6ab02",
    "L4": "#b05a2a",
    "L5": "#1b9e9e",
    "S1": "#c2185b",
    "S2": "#9bc1e0",
    "S3": "#ffd92f",
    "S4": "#7b3294",
    "S5": "#d73027",
    "Co1": "#404040",
}


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def level_colours() -> dict[str, tuple[float, float, float]]:
    """RGB (0-1) for each dermatome level, plus ``""`` for trigeminal skin."""
    levels = load_atlas().dermatome_levels
    colours = {name: _rgb(_BASE[name]) for name in levels}
    colours[""] = FACE_COLOUR
    return colours
