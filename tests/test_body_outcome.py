"""The status rule over the whole body mesh, and the skin fractions `simulate` reports."""

import json
import subprocess
import sys

import numpy as np
import pytest

from rhizoviz.body_outcome import body_status, with_body_surface
from rhizoviz.core.cuts import CutSet, parse_spec, parse_specs
from rhizoviz.core.outcome import ABSENT, IMPAIRED, evaluate
from rhizoviz.mesh_loader import load_body


@pytest.fixture(scope="module")
def body():
    return load_body()


def surface(*specs, model="overlap"):
    return with_body_surface(evaluate(CutSet(parse_specs(specs)), model)).body_surface


def test_no_cuts_no_loss(body):
    assert surface() == {
        "left": {"absent": 0.0, "impaired": 0.0},
        "right": {"absent": 0.0, "impaired": 0.0},
    }


def test_single_root_impairs_but_numbs_nothing_under_overlap():
    s = surface("left:C6")
    assert s["left"]["absent"] == 0.0 and s["left"]["impaired"] > 0.005
    assert s["right"] == {"absent": 0.0, "impaired": 0.0}
    t = surface("left:C6", model="textbook")
    assert t["left"]["absent"] > 0.005


def test_three_roots_numb_skin_on_their_side_only(body):
    s = surface("left:C5-C7")
    assert s["left"]["absent"] > 0 and s["right"]["absent"] == 0.0
    status = body_status(body, CutSet(parse_spec("left:C5-C7")), "overlap")
    absent = set(body.dermatome[status == ABSENT])
    assert "C6" in absent and absent <= {"C5", "C6", "C7"}
    assert status[body.key_point_vertex[("C6", "left")]] == ABSENT
    assert {"C5", "C7"} <= set(body.dermatome[status == IMPAIRED])
    assert np.all(body.side[status == ABSENT] == "left")


def test_simulate_json_reports_body_surface():
    out = subprocess.run(
        [sys.executable, "-m", "rhizoviz", "simulate", "--cut", "left:C5-C7", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["body_surface"]["left"]["absent"] > 0
    assert data["body_surface"]["right"] == {"absent": 0.0, "impaired": 0.0}
