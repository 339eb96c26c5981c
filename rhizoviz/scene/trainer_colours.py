"""The SDR trainer's colours, one set per app palette (the setting the main window keeps).

The five response grades carry the trainer's meaning, so in every set they differ
clearly from each other and from an untested rootlet: ``greyscale`` by lightness
alone (grade 0 lightest, 4+ darkest, in even steps a print keeps), ``okabe-ito``
with only the Okabe & Ito (2008) colours, which a red-green colour-blind eye tells
apart. A rootlet marked to cut also shows a gap, so its colour need not be unique.
The anatomy is muted so the rootlets stand out on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhizoviz.scene.palette import PALETTES, get_palette, hex_to_rgb255


@dataclass(frozen=True)
class TrainerColours:
    untested: str
    grades: tuple[str, str, str, str, str]  # grades 0, 1+, 2+, 3+, 4+
    cut: str
    out_of_reach: str
    hover: str
    sphincter: str  # the dot on a rootlet whose stimulation answers in the anal sphincter
    current: str  # the dot on the stimulated rootlet
    root_name: str  # the lifted root's name beside its fan (the vertebrae's are ``label``)
    background: str
    bone: str
    cut_bone: str  # a fresh cut through bone: cancellous, warmer or darker than its surface
    disc: str
    cord: str
    ventral: str
    ganglion: str
    dura: str
    label: str  # the vertebrae's names

    @property
    def rootlet_colours(self) -> tuple[str, ...]:
        """In the scene's code order: untested, grades 0-4+, cut, out of reach, hover."""
        return (self.untested, *self.grades, self.cut, self.out_of_reach, self.hover)


TRAINER_COLOURS: dict[str, TrainerColours] = {
    "default": TrainerColours(
        untested="#fff4d8",  # the ivory of a dorsal root, lighter than the bone around it
        grades=("#6f9fc8", "#5fbf6a", "#f0d04a", "#f28a2c", "#e0304a"),
        cut="#6a6e75",
        out_of_reach="#7d766a",
        hover="#00e5ff",
        sphincter="#ff4fd8",
        current="#00e5ff",
        root_name="#00e5ff",
        background="#101317",
        bone="#a89f8e",
        cut_bone="#c9b39a",
        disc="#56778a",
        cord="#e8cdb0",
        ventral="#3f7f69",
        ganglion="#b89f6e",
        dura="#b8c8d8",
        label="#e8e2d4",
    ),
    "okabe-ito": TrainerColours(
        untested="#ffffff",
        grades=("#56b4e9", "#009e73", "#f0e442", "#e69f00", "#d55e00"),
        cut="#6f6f6f",
        out_of_reach="#595650",
        hover="#cc79a7",
        sphincter="#cc79a7",
        current="#0072b2",
        root_name="#56b4e9",
        background="#1c1c1c",
        bone="#a39e94",
        cut_bone="#c4b8a4",
        disc="#5d6b75",
        cord="#ece6da",
        ventral="#4d6b60",
        ganglion="#b3a98f",
        dura="#c4ccd4",
        label="#ffffff",
    ),
    "greyscale": TrainerColours(
        untested="#ffffff",
        grades=("#d2d2d2", "#a4a4a4", "#777777", "#4a4a4a", "#1c1c1c"),
        cut="#8e8e8e",
        out_of_reach="#e6e6e6",
        hover="#000000",
        sphincter="#000000",
        current="#000000",
        root_name="#000000",
        background="#f4f4f4",
        bone="#a2a2a2",
        cut_bone="#c6c6c6",
        disc="#7c7c7c",
        cord="#dadada",
        ventral="#8c8c8c",
        ganglion="#b6b6b6",
        dura="#9a9a9a",
        label="#000000",
    ),
    "high-contrast": TrainerColours(
        untested="#ffffff",
        grades=("#8ab4ff", "#00e676", "#ffd400", "#ff8c00", "#ff2020"),
        cut="#707070",
        out_of_reach="#454545",
        hover="#00ffff",
        sphincter="#ff6ef0",
        current="#00ffff",
        root_name="#00ffff",
        background="#000000",
        bone="#8c8c8c",
        cut_bone="#b8ad9c",
        disc="#3a6f88",
        cord="#f0f0f0",
        ventral="#2f8f5a",
        ganglion="#bdbdbd",
        dura="#c8d8e8",
        label="#ffffff",
    ),
}
assert set(TRAINER_COLOURS) == set(PALETTES), "every app palette needs the trainer's colours"


def ink(colour: str) -> str:
    """Black or white type, whichever reads on ``colour`` (a grade chip, a grid cell)."""
    r, g, b = (c / 255.0 for c in hex_to_rgb255(colour))
    return "#111111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#ffffff"


def trainer_colours(palette: str) -> TrainerColours:
    """The trainer's colours for an app palette (a one-line error for an unknown name)."""
    return TRAINER_COLOURS[get_palette(palette).name]
