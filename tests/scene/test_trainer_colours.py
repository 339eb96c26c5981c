"""The trainer's colours per app palette: grades told apart in each, by lightness in grey."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rhizoviz.scene.palette import PALETTES, PaletteError, hex_to_rgb
from rhizoviz.scene.trainer_colours import TRAINER_COLOURS, ink, trainer_colours

OKABE_ITO = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
             "#000000"}


def lab(colour: str) -> np.ndarray:
    """CIE L*a*b* (D65) of an sRGB hex colour."""
    c = np.array(hex_to_rgb(colour))
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]])
    xyz = m @ c / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_every_app_palette_has_the_trainers_colours() -> None:
    assert set(TRAINER_COLOURS) == set(PALETTES)
    with pytest.raises(PaletteError, match="unknown palette"):
        trainer_colours("sepia")


@pytest.mark.parametrize("name", list(PALETTES))
def test_grades_and_untested_are_told_apart(name: str) -> None:
    c = trainer_colours(name)
    colours = (c.untested, *c.grades)
    smallest = min(float(np.linalg.norm(lab(a) - lab(b)))
                   for a, b in itertools.combinations(colours, 2))
    assert smallest >= (15.0 if name == "greyscale" else 30.0)
    assert len(c.rootlet_colours) == 9


def test_greyscale_grades_are_even_lightness_steps() -> None:
    c = trainer_colours("greyscale")
    for colour in (c.untested, *c.grades, c.cut, c.out_of_reach, c.bone, c.background):
        r, g, b = hex_to_rgb(colour)
        assert r == g == b, colour  # greys only: it prints as it shows
    lightness = [lab(x)[0] for x in (c.untested, *c.grades)]
    steps = -np.diff(lightness)
    assert (steps >= 12.0).all()  # untested lightest, then grade 0 down to 4+ darkest


def test_okabe_ito_grades_use_only_okabe_ito_colours() -> None:
    c = trainer_colours("okabe-ito")
    assert set(c.grades) <= OKABE_ITO and len(set(c.grades)) == 5
    assert c.sphincter in OKABE_ITO


@pytest.mark.parametrize("name", list(PALETTES))
def test_type_on_a_grade_chip_reads(name: str) -> None:
    for grade in trainer_colours(name).grades:
        contrast = abs(lab(ink(grade))[0] - lab(grade)[0])
        assert contrast > 35.0, (name, grade)
