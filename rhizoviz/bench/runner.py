"""Run the probes, compare the app with the floor, and judge the targets of issue 6.

Start-up is measured from the moment the runner starts a probe process to the moment
that process's first frame is on screen, so interpreter start and every import count.
Each probe runs ``startup_runs`` times (alternating app and floor, so a burst of load
from elsewhere hits both) and the medians are compared; the timed work (cuts,
look-ups, re-renders) is split over the runs and pooled, and the peak memory is the
largest of the runs.

A cut is timed to the frame that shows it in the 3D view; the app refreshes its level
and outcome panels right after that frame, and ``cut_panels_p50_ms``/``_p95_ms`` time
the same clicks until the panels are on screen too. The clicks cut every kind of root
in turn (:data:`rhizoviz.bench.app_probe.CUT_MIX`: dorsal, ventral, dorsal, ganglion),
so the cut ratio holds for ventral roots and ganglia as well as dorsal roots; the
counts per kind are reported as ``cut_kinds``.

With no display the runner starts its own Xvfb; ``RHIZOVIZ_BENCH_XVFB_LOG=FILE`` keeps
that server's messages for a failed run.
"""

from __future__ import annotations

import json
import os
import platform
import random
import select
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rhizoviz.bench.probe_common import REPORT_PREFIX

WINDOW_SIZE = (1280, 720)
XVFB_SCREEN = (1920, 1080)
TARGETS = {
    "cut_ratio": 1.25,
    "cut_p95_ms": 150.0,
    "startup_ratio": 1.5,
    "rss_ratio": 1.5,
}


class BenchError(RuntimeError):
    """The benchmark could not run (a probe failed): one line for the user."""


class NoDisplayError(BenchError):
    """No X display and no way to start Xvfb."""


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (as numpy's default) without importing numpy."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _package_root() -> str:
    """The folder holding the ``rhizoviz`` package, so probes import this same copy."""
    return str(Path(__file__).resolve().parents[2])


def _probe_env() -> dict[str, str]:
    env = dict(os.environ)
    root = _package_root()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    if env.get("QT_QPA_PLATFORM") == "offscreen":  # no OpenGL there: use the display
        del env["QT_QPA_PLATFORM"]
    return env


def run_probe(module: str, args: list[str], timeout_s: float) -> dict[str, Any]:
    """Start ``python -m module`` now, wait for it, and return its report."""
    cmd = [sys.executable, "-m", module, "--spawned", repr(time.time()), *args]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout_s, env=_probe_env()
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{module} did not finish within {timeout_s:.0f} s") from None
    for line in proc.stdout.splitlines():
        if line.startswith(REPORT_PREFIX):
            return json.loads(line[len(REPORT_PREFIX):])
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()]
    # Qt's abort ends with a list of plugins; the line that says why comes first
    why = next((ln for ln in lines if "could not connect" in ln or "Error" in ln),
               lines[-1] if lines else "no output")
    raise BenchError(f"{module} failed (exit {proc.returncode}): {why}")


def machine() -> dict[str, Any]:
    """What the numbers were taken on: CPU, cores, OS, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")),
                       cpu)
    except OSError:
        pass
    versions = {}
    for name in ("vtk", "pyvista", "pyvistaqt", "PyQt6"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # a missing version is not worth failing for
            versions[name] = "?"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "versions": versions,
        "load_average_1min": round(load[0], 2),
    }


class _Display:
    """Use the current X display, or start a private Xvfb for the run.

    The display number is random and high, and Xvfb reports when it is ready
    (``-displayfd``): X servers of other sessions may not share our ``/tmp`` (so their
    lock files are invisible) but do share the abstract socket names, and a low number
    such as ``:1`` was seen taken from under a run. ``-noreset`` keeps the server from
    resetting between probes (a probe connecting mid-reset is refused).
    """

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._fd: int | None = None

    def __enter__(self) -> str:
        if os.environ.get("DISPLAY"):
            return os.environ["DISPLAY"]
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise NoDisplayError("no display (DISPLAY is unset) and no Xvfb to start one; "
                                 "install xvfb or run under xvfb-run")
        for _attempt in range(8):
            number = self._start(xvfb, random.randrange(1000, 30000))
            if number is not None:
                os.environ["DISPLAY"] = f":{number}"  # for this process and the probes
                return os.environ["DISPLAY"]
        raise NoDisplayError("cannot start Xvfb (no free display number found)")

    def _start(self, xvfb: str, number: int) -> str | None:
        """Start Xvfb on ``:number``; its number once it accepts clients, or None."""
        read_fd, write_fd = os.pipe()
        w, h = XVFB_SCREEN
        try:
            self._proc = subprocess.Popen(
                [xvfb, f":{number}", "-displayfd", str(write_fd), "-screen", "0",
                 f"{w}x{h}x24", "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                stderr=open(os.environ.get("RHIZOVIZ_BENCH_XVFB_LOG", os.devnull), "ab"),  # noqa: SIM115
            )
        finally:
            os.close(write_fd)
        ready, _, _ = select.select([read_fd], [], [], 20.0)
        reported = os.read(read_fd, 64).decode().strip() if ready else ""
        # keep the read end open while Xvfb runs: it may write the number again, and a
        # write into a closed pipe is fatal to it ("Cannot write display number")
        self._fd = read_fd
        if reported.isdigit():
            return reported
        self.__exit__()  # taken (perhaps by a server in another /tmp) or too slow
        return None

    def __exit__(self, *_exc: object) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None
            os.environ.pop("DISPLAY", None)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _ms(values: list[float], q: float) -> float:
    return round(percentile(values, q), 1)


def split(n: int, parts: int) -> list[tuple[int, int]]:
    """(offset, count) of ``parts`` nearly equal slices of ``range(n)``."""
    bounds = [round(n * i / parts) for i in range(parts + 1)]
    return [(bounds[i], bounds[i + 1] - bounds[i]) for i in range(parts)]


def _pool(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One report from several runs: lists joined, counts summed, peak memory the max."""
    pooled: dict[str, Any] = dict(runs[0])
    for run_ in runs[1:]:
        for key, value in run_.items():
            if isinstance(value, list) and key.endswith(("_ms", "_renders", "_picks")):
                pooled[key] = pooled.get(key, []) + value
            elif key.endswith(("_wrong", "_missed")):
                pooled[key] = pooled.get(key, 0) + value
    pooled["rss_mb"] = max(r["rss_mb"] for r in runs)
    return pooled


def _counts(kinds: list[str]) -> dict[str, int]:
    """How many timed clicks cut or restored each kind of root."""
    out: dict[str, int] = {}
    for kind in kinds:
        out[kind] = out.get(kind, 0) + 1
    return out


def run(cuts: int = 200, startup_runs: int = 3, lookups: int = 50, cuts_3d: int = 50,
        timeout_s: float = 900.0, trainer: int | None = None,
        quiz_next: int = 30) -> dict[str, Any]:
    """Run the whole benchmark; returns the report (see :func:`judge` for the targets).

    The timed work is split over the ``startup_runs`` rounds (app, then floor, each
    round), so a burst of load from other programs falls on both sides alike.
    ``trainer``: SDR-trainer stimulations and marks (each; default as many as look-ups).
    """
    trainer = lookups if trainer is None else trainer
    size = f"{WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}"
    rounds = max(startup_runs, 1)
    frames = max(cuts // 4, 10)
    with _Display() as display:
        apps: list[dict[str, Any]] = []
        floors: list[dict[str, Any]] = []
        plan = zip(split(cuts, rounds), split(cuts_3d, rounds), split(lookups, rounds),
                   split(frames, rounds), split(max(cuts, 1), rounds), split(trainer, rounds),
                   split(quiz_next, rounds), strict=True)
        for (off, n), (off3d, n3d), (_o, n_look), (_f, n_frames), (_r, n_renders), (
                _t, n_trainer), (_q, n_quiz) in plan:
            apps.append(run_probe("rhizoviz.bench.app_probe", [
                "--size", size,
                "--cuts", str(n), "--offset", str(off),
                "--cuts-3d", str(n3d), "--offset-3d", str(off3d),
                "--lookups", str(n_look),
                "--frames", str(n_frames),
                "--trainer-emg", str(n_trainer), "--trainer-marks", str(n_trainer),
                "--quiz-next", str(n_quiz),
            ], timeout_s))
            seen = {k: apps[0][k] for k in ("settings", "camera", "spine_matrix")}
            floors.append(run_probe("rhizoviz.bench.floor_probe", [
                "--renders", str(n_renders), "--app", json.dumps(seen),
            ], timeout_s))
    app, floor = _pool(apps), _pool(floors)
    startup = statistics.median(a["startup_s"] for a in apps)
    startup_floor = statistics.median(f["startup_s"] for f in floors)
    cut_p95 = _ms(app.get("cut_ms", []), 95)
    floor_p95 = _ms(floor.get("render_ms", []), 95)
    result: dict[str, Any] = {
        "startup_s": round(startup, 3),
        "startup_floor_s": round(startup_floor, 3),
        "startup_ratio": round(startup / startup_floor, 3),
        "cut_p50_ms": _ms(app.get("cut_ms", []), 50),
        "cut_p95_ms": cut_p95,
        "render_floor_p50_ms": _ms(floor.get("render_ms", []), 50),
        "render_floor_p95_ms": floor_p95,
        "cut_ratio": round(cut_p95 / floor_p95, 3) if floor_p95 > 0 else float("nan"),
        "cut_panels_p50_ms": _ms(app.get("cut_panels_ms", []), 50),
        "cut_panels_p95_ms": _ms(app.get("cut_panels_ms", []), 95),
        "app_frame_p50_ms": _ms(app.get("frame_ms", []), 50),
        "app_frame_p95_ms": _ms(app.get("frame_ms", []), 95),
        "cut3d_p50_ms": _ms(app.get("cut3d_ms", []), 50),
        "cut3d_p95_ms": _ms(app.get("cut3d_ms", []), 95),
        "lookup_p50_ms": _ms(app.get("lookup_ms", []), 50),
        "lookup_p95_ms": _ms(app.get("lookup_ms", []), 95),
        "trainer_emg_p50_ms": _ms(app.get("trainer_emg_ms", []), 50),
        "trainer_emg_p95_ms": _ms(app.get("trainer_emg_ms", []), 95),
        "trainer_mark_p50_ms": _ms(app.get("trainer_mark_ms", []), 50),
        "trainer_mark_p95_ms": _ms(app.get("trainer_mark_ms", []), 95),
        "quiz_next_p50_ms": _ms(app.get("quiz_next_ms", []), 50),
        "quiz_next_p95_ms": _ms(app.get("quiz_next_ms", []), 95),
        "renders_per_quiz_next": _mean(app.get("quiz_next_renders", [])),
        "n_quiz_next": len(app.get("quiz_next_ms", [])),
        "rss_mb": round(app["rss_mb"], 1),
        "rss_floor_mb": round(floor["rss_mb"], 1),
        "rss_ratio": round(app["rss_mb"] / floor["rss_mb"], 3),
        "renders_per_cut": _mean(app.get("cut_renders", [])),
        "renders_per_cut_3d": _mean(app.get("cut3d_renders", [])),
        "picks_per_cut_3d": _mean(app.get("cut3d_picks", [])),
        "renders_per_trainer_emg": _mean(app.get("trainer_emg_renders", [])),
        "renders_per_trainer_mark": _mean(app.get("trainer_mark_renders", [])),
        "n_trainer_emg": len(app.get("trainer_emg_ms", [])),
        "n_trainer_marks": len(app.get("trainer_mark_ms", [])),
        "trainer_emg_missed": app.get("trainer_emg_missed", 0),
        "renders_per_floor_frame": _mean(floor.get("render_renders", [])),
        "n_cuts": len(app.get("cut_ms", [])),
        "cut_kinds": _counts(app.get("cut_kind", []) + app.get("cut3d_kind", [])),
        "n_cuts_3d": len(app.get("cut3d_ms", [])),
        "n_lookups": len(app.get("lookup_ms", [])),
        "n_floor_renders": len(floor.get("render_ms", [])),
        "n_startup_runs": len(apps),
        "startup_app_runs_s": [round(a["startup_s"], 3) for a in apps],
        "startup_floor_runs_s": [round(f["startup_s"], 3) for f in floors],
        "renders_before_first_frame": app.get("startup_renders"),
        "renders_before_first_frame_floor": floor.get("startup_renders"),
        "wrong_clicks": app.get("cut_wrong", 0) + app.get("cut3d_wrong", 0),
        "lookups_missed": app.get("lookup_missed", 0),
        "window_size": app["window_size"],
        "view_size": app["settings"]["view_size"],
        "settings": app["settings"],
        "floor_settings": floor["settings"],
        "settings_match": app["settings"] == floor["settings"],
        "triangles": app["triangles"],
        "triangles_floor": floor["triangles"],
        "actors": app["actors"],
        "renderer": app["renderer"],
        "display": display,
        "machine": machine(),
    }
    result["breakdown_p50_ms"] = {
        "cut": _parts(app.get("cut_parts_ms", [])),
        "app_frame": _parts(app.get("frame_parts_ms", [])),
        "floor_frame": _parts(floor.get("render_parts_ms", [])),
    }
    result["targets"] = judge(result)
    return result


def _parts(parts: list[list[float]]) -> dict[str, float]:
    """Medians of (before the render, the render, blit and composition to the swap)."""
    if not parts:
        return {}
    names = ("before_render", "render", "to_screen")
    return {name: round(statistics.median(p[i] for p in parts), 1)
            for i, name in enumerate(names)}


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 2) if values else float("nan")


def judge(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each target of issue 6: the measured value, its limit, and whether it is met."""
    return {
        name: {"value": result[name], "limit": limit, "met": bool(result[name] <= limit)}
        for name, limit in TARGETS.items()
    }


def format_text(result: dict[str, Any]) -> str:
    """The report for people: one figure a line, each target with its verdict."""
    t = result["targets"]

    def verdict(name: str) -> str:
        return f"  (target <= {t[name]['limit']}: {'met' if t[name]['met'] else 'MISSED'})"

    m = result["machine"]
    lines = [
        f"rhizoviz bench: window {result['window_size'][0]}x{result['window_size'][1]}, "
        f"3D view {result['view_size'][0]}x{result['view_size'][1]}, "
        f"{result['triangles']} triangles",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['os']}, load {m['load_average_1min']}",
        f"renderer: {result['renderer']}",
        f"start-up    app {result['startup_s']:.2f} s   floor {result['startup_floor_s']:.2f} s"
        f"   ratio {result['startup_ratio']:.2f}" + verdict("startup_ratio"),
        f"cut         p50 {result['cut_p50_ms']:.0f} ms   p95 {result['cut_p95_ms']:.0f} ms"
        f"   ({result['n_cuts']} level-panel clicks, {result['renders_per_cut']} renders each)"
        + verdict("cut_p95_ms"),
        f"panels      p50 {result.get('cut_panels_p50_ms', float('nan')):.0f} ms   "
        f"p95 {result.get('cut_panels_p95_ms', float('nan')):.0f} ms   (the same clicks until "
        "the level and outcome panels, drawn right after the 3D frame, are on screen)",
        f"floor frame p50 {result['render_floor_p50_ms']:.0f} ms   "
        f"p95 {result['render_floor_p95_ms']:.0f} ms   cut ratio {result['cut_ratio']:.2f}"
        + verdict("cut_ratio"),
        f"app frame   p50 {result['app_frame_p50_ms']:.0f} ms   "
        f"p95 {result['app_frame_p95_ms']:.0f} ms   (the app's view re-rendered unchanged)",
        f"3D cut      p50 {result['cut3d_p50_ms']:.0f} ms   p95 {result['cut3d_p95_ms']:.0f} ms"
        f"   ({result['n_cuts_3d']} clicks, {result['renders_per_cut_3d']} renders and "
        f"{result.get('picks_per_cut_3d', '?')} hardware picks each)",
        f"look-up     p50 {result['lookup_p50_ms']:.0f} ms   p95 {result['lookup_p95_ms']:.0f} ms"
        f"   ({result['n_lookups']} skin clicks)",
        f"trainer EMG  p50 {result.get('trainer_emg_p50_ms', float('nan')):.0f} ms   "
        f"p95 {result.get('trainer_emg_p95_ms', float('nan')):.0f} ms   "
        f"({result.get('n_trainer_emg', 0)} rootlets clicked in the SDR trainer, "
        f"{result.get('renders_per_trainer_emg', '?')} renders each)",
        f"trainer mark p50 {result.get('trainer_mark_p50_ms', float('nan')):.0f} ms   "
        f"p95 {result.get('trainer_mark_p95_ms', float('nan')):.0f} ms   "
        f"({result.get('n_trainer_marks', 0)} rootlets marked or unmarked, "
        f"{result.get('renders_per_trainer_mark', '?')} renders each)",
        f"next quiz   p50 {result.get('quiz_next_p50_ms', float('nan')):.0f} ms   "
        f"p95 {result.get('quiz_next_p95_ms', float('nan')):.0f} ms   "
        f"({result.get('n_quiz_next', 0)} Next-question clicks, "
        f"{result.get('renders_per_quiz_next', '?')} renders each)",
        f"peak memory app {result['rss_mb']:.0f} MB   floor {result['rss_floor_mb']:.0f} MB"
        f"   ratio {result['rss_ratio']:.2f}" + verdict("rss_ratio"),
    ]
    for what, parts in result["breakdown_p50_ms"].items():
        if parts:
            lines.append(f"  {what:12s} median split: before render {parts['before_render']:.0f}"
                         f" ms, render {parts['render']:.0f} ms, to screen "
                         f"{parts['to_screen']:.0f} ms")
    if not result["settings_match"]:
        lines.append("warning: the floor's render settings differ from the app's")
    return "\n".join(lines) + "\n"
