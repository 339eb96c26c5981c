"""Render regression: teaching scenarios against committed, eyeballed baseline images.

Each baseline in ``tests/scene/baselines/`` was looked at before it was committed.
When the meshes or the scene's look change on purpose, regenerate them with
``RHIZOVIZ_UPDATE_BASELINES=1 pytest tests/scene/test_scene_baselines.py``, look at
every image again, and commit them. The comparison is ``pyvista.compare_images``, VTK's
image difference (what the pytest-pyvista plugin wraps; the plugin itself is not needed),
so small rasterisation differences between machines pass.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import pytest
import pyvista as pv

from rhizoviz.core.cuts import CutSet
from rhizoviz.core.scenario import loads_scenario
from rhizoviz.core.session import State
from rhizoviz.scene.render import render_figure

BASELINES = Path(__file__).parent / "baselines"
SIZE = (640, 360)
ERROR_LIMIT = 500.0  # pytest-pyvista's default failure threshold

CASES = [
    ("01-single-c6", "anterior", "default"),
    ("02-c5-c7", "anterior", "default"),
    ("03-sdr", "posterior", "default"),
    ("03-sdr", "spine", "okabe-ito"),
    ("05-c2", "posterior", "greyscale"),
    ("03-sdr", "in-situ", "default"),  # the spine in the body, both numberings
]


def preset_state(name: str) -> State:
    """A shipped preset by its file name, as the app applies it."""
    raw = resources.files("rhizoviz.core").joinpath(f"data/presets/{name}.json").read_bytes()
    sc = loads_scenario(raw, name)
    return State(CutSet(sc.cuts), sc.model, sc.name, sc.description)


@pytest.mark.parametrize(("scenario", "view", "palette"), CASES)
def test_render_matches_baseline(tmp_path, real_meshes, scenario, view, palette) -> None:
    body, spine = real_meshes
    name = f"{scenario}_{view}_{palette}.png"
    out = render_figure(preset_state(scenario), view, SIZE, palette, tmp_path / name,
                        body=body, spine=spine, anti_aliasing=None)
    baseline = BASELINES / name
    if os.environ.get("RHIZOVIZ_UPDATE_BASELINES") or not baseline.exists():
        BASELINES.mkdir(exist_ok=True)
        shutil.copy(out, baseline)
        if not os.environ.get("RHIZOVIZ_UPDATE_BASELINES"):
            pytest.fail(f"new baseline {baseline}: look at it, then commit it")
        return
    error = pv.compare_images(str(out), str(baseline))
    assert error < ERROR_LIMIT, f"{name}: image error {error:.0f} (look at {out})"
