"""EMG of a rootlet's 50 Hz train: which channels respond follows the grade and myotome."""

import subprocess
import sys

import numpy as np
import pytest

from rhizoviz.core.sdr import emg
from rhizoviz.core.sdr.emg import CHANNELS, SAMPLES, emg_traces
from rhizoviz.core.sdr.patient import LEVELS, Rootlet, draw_patient

MUSCLES = ["adductors", "quadriceps", "hamstrings", "tibialis anterior", "gastrocnemius"]
# The recorded muscles each level drives itself (module docstring, facts-2 §1).
OWN = {
    "L1": {"adductors"},
    "L2": {"adductors", "quadriceps"},
    "L3": {"quadriceps", "adductors"},
    "L4": {"quadriceps", "tibialis anterior"},
    "L5": {"tibialis anterior", "hamstrings"},
    "S1": {"gastrocnemius", "hamstrings"},
    "S2": {"gastrocnemius"},
}
OTHER = {"left": "right", "right": "left"}


def active(traces, floor_uv=20.0):
    """Channels whose RMS over the second half of the train stands above the noise."""
    tail = traces.data[:, SAMPLES // 2 :].astype(float)
    rms = np.sqrt((tail**2).mean(axis=1))
    return {name for name, v in zip(CHANNELS, rms, strict=True) if v > floor_uv}


def channels(muscles, side):
    return {f"{m} ({side})" for m in muscles}


def rootlet(level, side="left", grade=1, sphincter=False, threshold=0.5, index=1):
    return Rootlet(level, side, index, grade, threshold, sphincter)


def test_eleven_channels_one_second_read_only():
    tr = emg_traces(3, rootlet("L5"))
    assert len(CHANNELS) == 11 and "anal sphincter" in CHANNELS
    assert tr.data.shape == (11, 2000) and tr.t.shape == (2000,)
    assert tr.t[-1] < 1.0 <= tr.t[-1] + 1 / emg.SAMPLE_RATE_HZ
    assert tr.data.dtype == np.float32 and not tr.data.flags.writeable


def test_same_rootlet_same_traces_even_without_the_cache():
    r = rootlet("S1", grade=3)
    first = emg_traces(9, r).data.copy()
    emg._traces.cache_clear()
    assert np.array_equal(first, emg_traces(9, r).data)
    assert not np.array_equal(first, emg_traces(10, r).data)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_grade_0_gives_a_single_discharge_and_nothing_sustained(level, side):
    tr = emg_traces(1, rootlet(level, side, grade=0))
    assert active(tr) == set()
    first_pulse = np.abs(tr.data[:, : emg.PERIOD]).max(axis=1)
    own = [CHANNELS.index(c) for c in channels(OWN[level], side)]
    assert first_pulse[own].min() > 100.0


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_spread_grows_with_grade_and_only_4_plus_reaches_the_other_leg(level, side):
    seen = [active(emg_traces(2, rootlet(level, side, grade=g))) for g in range(1, 5)]
    assert seen[0] == channels(OWN[level], side)  # 1+: the segment's own muscles
    for lower, higher in zip(seen, seen[1:], strict=False):
        assert lower < higher  # every grade adds channels
    ipsi_all = channels(MUSCLES, side)
    assert seen[1] - seen[0] and seen[1] <= ipsi_all  # 2+: adjacent, same leg
    assert seen[2] == ipsi_all  # 3+: every ipsilateral muscle
    contra = channels(MUSCLES, OTHER[side])
    assert not seen[2] & contra
    assert seen[3] & contra >= channels(OWN[level], OTHER[side])  # 4+: the other leg
    assert "anal sphincter" not in set().union(*seen)


def test_adjacent_spread_reaches_the_neighbouring_segments_muscles():
    two_plus = active(emg_traces(4, rootlet("L5", grade=2)))
    assert two_plus == channels(
        {"tibialis anterior", "hamstrings", "quadriceps", "gastrocnemius"}, "left"
    )


@pytest.mark.parametrize("level", ["S1", "S2"])
def test_a_pudendal_rootlet_drives_the_sphincter(level):
    assert "anal sphincter" in active(emg_traces(5, rootlet(level, grade=1, sphincter=True)))
    assert "anal sphincter" not in active(emg_traces(5, rootlet(level, grade=1)))


def test_below_threshold_only_artefact_and_noise():
    r = rootlet("L5", grade=4, threshold=0.8)
    tr = emg_traces(6, r, intensity_ma=0.5)
    assert active(tr) == set()
    assert np.abs(tr.data).max() < 60.0
    assert active(emg_traces(6, r, intensity_ma=1.0))


def test_drawn_children_respond_as_their_grades_say():
    child = draw_patient(11)
    for r in child:
        got = active(emg_traces(child.seed, r))
        contra = channels(MUSCLES, OTHER[r.side])
        assert bool(got & contra) == (r.grade == 4), r.id
        assert bool(got) == (r.grade > 0), r.id
        assert ("anal sphincter" in got) == (r.sphincter and r.grade > 0), r.id
        assert emg.responding_channels(emg_traces(child.seed, r)) == tuple(
            c for c in CHANNELS if c in got
        )


def test_the_trainer_core_and_command_import_no_gui_or_vtk():
    code = (
        "import sys, rhizoviz.core.sdr.patient, rhizoviz.core.sdr.approach, "
        "rhizoviz.core.sdr.emg, rhizoviz.core.sdr.plan, rhizoviz.core.sdr.debrief, "
        "rhizoviz.cli.trainer\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in "
        "('PyQt6', 'vtk', 'vtkmodules', 'pyvista', 'pyvistaqt', 'pyqtgraph')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
