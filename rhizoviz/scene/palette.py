"""Colour palettes for the 3D scene, its legend and exported figures.

A palette is plain data (hex strings), so the app's settings can store its name and
a lecturer can pick one without the scene knowing why. The three sensory statuses
are told apart by lightness as well as hue in every palette, so they survive
red-green colour blindness and a black-and-white printer; ``greyscale`` relies on
lightness alone and ``okabe-ito`` uses only the Okabe & Ito (2008) colours for
anything that carries meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

RGB = tuple[float, float, float]


def hex_to_rgb(value: str) -> RGB:
    """'#rrggbb' to floats in 0..1 (what VTK wants)."""
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"bad colour {value!r}: expected #rrggbb")
    return tuple(int(value[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


def hex_to_rgb255(value: str) -> tuple[int, int, int]:
    r, g, b = hex_to_rgb(value)
    return round(r * 255), round(g * 255), round(b * 255)


@dataclass(frozen=True)
class Palette:
    """Every colour the scene draws with; statuses indexed NORMAL, IMPAIRED, ABSENT."""

    name: str
    label: str
    normal: str
    impaired: str
    absent: str
    pain: str  # a case's pain map: where it hurts, never a sensation status
    marker_normal: str
    marker_impaired: str
    marker_absent: str
    root_intact: str
    root_partial: str
    root_cut: str
    ventral_root: str
    ventral_partial: str
    ventral_cut: str
    ventral_stripe: str  # the bands across a cut ventral root: a pattern, not only a hue
    drg: str
    ganglion_removed: str  # the hollow outline where a removed ganglion was
    bone: str
    disc: str
    cord: str
    dura: str  # the dural sac, drawn see-through
    vertebra_label: str  # vertebra names in the in-situ view...
    segment_label: str  # ...and cord segment names, in a colour of their own
    highlight: str
    background: str
    text: str
    legend_background: str

    @property
    def status_colours(self) -> tuple[str, str, str]:
        """Skin colours in status-code order (0 normal, 1 impaired, 2 absent)."""
        return (self.normal, self.impaired, self.absent)

    @property
    def marker_colours(self) -> tuple[str, str, str]:
        return (self.marker_normal, self.marker_impaired, self.marker_absent)

    def colour_fields(self) -> dict[str, str]:
        skip = ("name", "label")
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}


PALETTES: dict[str, Palette] = {
    p.name: p
    for p in (
        Palette(
            name="default",
            label="Lecture hall (default)",
            normal="#e9c6a8",  # light warm skin
            impaired="#f29e1f",  # amber, mid lightness
            absent="#3d63f0",  # vivid blue, dark: differs from both in hue and lightness
            pain="#b8125c",  # dark raspberry: darker than absent, far darker than impaired
            marker_normal="#fff8ee",
            marker_impaired="#ffd75e",
            marker_absent="#59c8ff",  # sky blue: reads as "absent", not as a white normal marker
            root_intact="#f3e6c8",
            root_partial="#ffc21a",
            root_cut="#ff3030",
            ventral_root="#5ec4a0",
            ventral_partial="#b9a3ff",  # lavender, lighter than the cut
            ventral_cut="#9b4dff",  # violet: far from the dorsal cut red
            ventral_stripe="#ffffff",  # white bands
            drg="#e0c48c",
            ganglion_removed="#ff5ad1",  # pink outline: a shape, not a solid
            bone="#d8d2c4",
            disc="#7fb0c6",
            cord="#f1dcc4",
            dura="#a8c0e0",
            vertebra_label="#f2ead8",
            segment_label="#ff9ad5",
            highlight="#00e5ff",
            background="#111418",
            text="#f4f4f4",
            legend_background="#1b1f26",
        ),
        Palette(
            name="okabe-ito",
            label="Colour-blind safe (Okabe–Ito)",
            normal="#ece6da",
            impaired="#e69f00",  # orange
            absent="#0072b2",  # blue
            pain="#cc79a7",  # reddish purple
            marker_normal="#6f6f6f",  # grey: visible on the pale skin
            marker_impaired="#f0e442",  # yellow
            marker_absent="#56b4e9",  # sky blue
            root_intact="#ece6da",
            root_partial="#f0e442",
            root_cut="#d55e00",  # vermillion
            ventral_root="#009e73",  # bluish green
            ventral_partial="#56b4e9",  # sky blue
            ventral_cut="#0072b2",  # blue
            ventral_stripe="#ffffff",  # white bands
            drg="#d9cfb8",
            ganglion_removed="#e69f00",  # orange outline
            bone="#cfcfcf",
            disc="#56b4e9",
            cord="#ece6da",
            dura="#b9c6d3",
            vertebra_label="#ffffff",
            segment_label="#56b4e9",
            highlight="#cc79a7",  # reddish purple
            background="#1c1c1c",
            text="#ffffff",
            legend_background="#262626",
        ),
        Palette(
            name="greyscale",
            label="Greyscale (printed handouts)",
            normal="#ececec",
            impaired="#9a9a9a",
            absent="#2b2b2b",
            pain="#626262",  # mid-dark grey: halfway in lightness between absent and impaired
            marker_normal="#6a6a6a",  # each marker contrasts with the skin of its status
            marker_impaired="#ffffff",
            marker_absent="#c8c8c8",
            root_intact="#d0d0d0",
            root_partial="#7a7a7a",
            root_cut="#000000",
            ventral_root="#b0b0b0",
            ventral_partial="#8c8c8c",  # banded like the cut
            ventral_cut="#3c3c3c",  # dark grey banded white: not the dorsal cut's solid black
            ventral_stripe="#ffffff",  # white bands
            drg="#c4c4c4",
            ganglion_removed="#5a5a5a",  # dark grey outline: not the dorsal cut's black
            bone="#f2f2f2",
            disc="#a8a8a8",
            cord="#e0e0e0",
            dura="#bdbdbd",
            vertebra_label="#000000",
            segment_label="#5a5a5a",
            highlight="#000000",
            background="#ffffff",
            text="#000000",
            legend_background="#ffffff",
        ),
        Palette(
            name="high-contrast",
            label="High contrast (presentation)",
            normal="#f5f5f5",
            impaired="#ffd400",
            absent="#1f6bff",
            pain="#c0007a",  # deep magenta: darker than absent and impaired
            marker_normal="#8c8c8c",
            marker_impaired="#fff176",
            marker_absent="#8ab4ff",
            root_intact="#ffffff",
            root_partial="#ffd400",
            root_cut="#ff2020",
            ventral_root="#00e676",
            ventral_partial="#c8a2ff",  # lavender
            ventral_cut="#a040ff",  # violet
            ventral_stripe="#ffffff",  # white bands
            drg="#e0e0e0",
            ganglion_removed="#ff6ef0",  # pink outline
            bone="#a0a0a0",
            disc="#4fc3f7",
            cord="#f0f0f0",
            dura="#8ab4f8",
            vertebra_label="#ffffff",
            segment_label="#ff80ff",
            highlight="#00ffff",
            background="#000000",
            text="#ffffff",
            legend_background="#000000",
        ),
    )
}

DEFAULT_PALETTE = "default"


class PaletteError(ValueError):
    """An unknown palette was named."""


def get_palette(name: str | Palette) -> Palette:
    """A palette by name (or the palette itself), with a one-line error naming the choices."""
    if isinstance(name, Palette):
        return name
    try:
        return PALETTES[name]
    except KeyError:
        raise PaletteError(
            f"unknown palette {name!r}: choose from {', '.join(PALETTES)}"
        ) from None
