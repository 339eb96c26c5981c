"""``rhizoviz bench`` runs end to end and prints the JSON the README and CI read.

Only the shape and the sign of the numbers are checked: timings on a shared CI
machine are noise, so no test asserts a speed (issue 6).
"""

from __future__ import annotations

import json
import math

import pytest

from rhizoviz.__main__ import main
from rhizoviz.bench.runner import TARGETS, format_text, judge, percentile

REQUIRED = (
    "startup_s", "startup_floor_s", "startup_ratio", "cut_p50_ms", "cut_p95_ms",
    "render_floor_p95_ms", "cut_ratio", "lookup_p95_ms", "rss_mb", "rss_floor_mb", "rss_ratio",
    "cut_panels_p50_ms", "cut_panels_p95_ms",
    "trainer_emg_p50_ms", "trainer_emg_p95_ms", "trainer_mark_p50_ms", "trainer_mark_p95_ms",
)


@pytest.mark.slow
def test_bench_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--json", "--cuts", "10", "--startup-runs", "1"])
    out = capsys.readouterr().out
    assert code == 0
    result = json.loads(out)
    for key in REQUIRED:
        value = result[key]
        assert isinstance(value, float | int), key
        assert math.isfinite(value) and value > 0, (key, value)
    assert result["n_cuts"] == 10
    assert result["cut_panels_p50_ms"] > result["cut_p50_ms"]  # the panels follow the frame
    assert result["wrong_clicks"] == 0
    assert result["trainer_emg_missed"] == 0  # every click showed that rootlet's EMG
    assert result["renders_per_trainer_emg"] == result["renders_per_trainer_mark"] == 1
    assert result["settings_match"], (result["settings"], result["floor_settings"])
    # the same meshes: the scene may add a few triangles of its own (caps, markers)
    assert abs(result["triangles"] - result["triangles_floor"]) < 0.02 * result["triangles"]
    assert "renderer" in result and result["renderer"]
    assert set(result["targets"]) == set(TARGETS)
    assert "start-up" in format_text(result)


def test_percentile_matches_numpy_default() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert math.isnan(percentile([], 95))


def test_judge_compares_with_limits() -> None:
    result = {name: limit for name, limit in TARGETS.items()}
    assert all(t["met"] for t in judge(result).values())
    result["cut_p95_ms"] = TARGETS["cut_p95_ms"] + 1
    assert not judge(result)["cut_p95_ms"]["met"]


@pytest.mark.parametrize("bad", [["--cuts", "0"], ["--cuts", "many"], ["--startup-runs", "-1"],
                                 ["--frobnicate"]])
def test_bad_options_exit_2_in_one_line(bad: list[str], capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["bench", *bad])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_display_and_no_xvfb_exits_2(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from rhizoviz.bench import runner

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(runner.shutil, "which", lambda _name: None)
    assert main(["bench", "--cuts", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rhizoviz bench: error: no display") and err.count("\n") == 1
