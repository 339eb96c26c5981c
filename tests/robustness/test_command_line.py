"""Every bad spec and option of ``simulate``, ``render`` and the app launcher: exit 2, one line.

The same table of bad cut specs goes to both commands that take ``--cut``; each
command's own options get their own table. Run in-process (fast) with a few real
processes at the end, since "no traceback" is finally about what a terminal shows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rhizoviz.__main__ import main

BAD_SPECS = [
    "L6", "T13", "C0", "X5", "Co2", "S6", "c9",  # no such level
    "middle:L5", "left: C5", "left:right:C5", "top:C5",  # sides
    "L5@0", "L5@1.5", "C5@-1", "C5@nan", "C5@inf", "C5@1e400", "C5@abc", "C5@0x1",
    "both:C5@", "C5@0.5@0.5", "C5@1.0000001",  # fractions
    "", " ", "C5-", "-C5", "C5--C6", "C5-C6-C7", "C5-X1", "C5,C6", "C5;C6",  # shape
    "\u04215",  # a Cyrillic capital Es that looks like C
    "C5\x00", "C" + "5" * 200, "C5" * 5000,  # control characters, long tokens
]


def _write(folder: Path, name: str, content: bytes) -> str:
    path = folder / name
    path.write_bytes(content)
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """Bad scenario paths the commands may be given."""
    (tmp_path / "a folder.json").mkdir()
    return {
        "missing": str(tmp_path / "missing.json"),
        "folder": str(tmp_path / "a folder.json"),
        "not json": _write(tmp_path, "notjson.json", b"{nope"),
        "latin-1": _write(tmp_path, "latin1.json", b'{"name": "caf\xe9", "cuts": []}'),
        "5 MB": _write(tmp_path, "big.json",
                       json.dumps({"name": "x", "cuts": [], "description": "x" * 5_000_000})
                       .encode()),
        "unknown level": _write(tmp_path, "level.json",
                                b'{"name": "x", "cuts": [{"level": "T13", "side": "left"}]}'),
        "root twice": _write(tmp_path, "twice.json",
                             b'{"name": "x", "cuts": [{"level": "C6", "side": "left"},'
                             b' {"level": "C6", "side": "left", "fraction": 0.5}]}'),
    }


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return int(code), out, err


def assert_one_line_exit_2(code: int, out: str, err: str, prefix: str = "rhizoviz") -> None:
    assert code == 2, (code, err)
    assert out == "", out
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith(prefix) and "error" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("spec", BAD_SPECS, ids=lambda s: repr(s[:12]))
def test_simulate_bad_spec(spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_exit_2(*cli(["simulate", "--no-body", "--cut", spec], capsys))


@pytest.mark.parametrize("spec", BAD_SPECS, ids=lambda s: repr(s[:12]))
def test_render_bad_spec(spec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "f.png"
    assert_one_line_exit_2(*cli(["render", "--cut", spec, "--out", str(out)], capsys))
    assert not out.exists()


def test_a_bad_spec_after_good_ones_still_fails(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(["simulate", "--no-body", "--cut", "C5", "--cut", "left:T13"], capsys)
    assert_one_line_exit_2(code, out, err)
    assert "T13" in err


SIMULATE_OPTIONS = [
    ["--model", "foerster"], ["--model"], ["--cut"], ["--scenario"], ["--frobnicate"],
    ["extra-word"], ["--json=yes"], ["--cut", "C5", "--model", "Overlap"],
]
SCENARIO_CASES = [
    "missing", "folder", "not json", "latin-1", "5 MB", "unknown level", "root twice",
]


@pytest.mark.parametrize("args", SIMULATE_OPTIONS, ids=" ".join)
def test_simulate_bad_option(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_exit_2(*cli(["simulate", "--no-body", *args], capsys))


@pytest.mark.parametrize("case", SCENARIO_CASES)
@pytest.mark.parametrize("command", ["simulate", "render", "launcher"])
def test_bad_scenario_file_on_every_command(
    command: str, case: str, files: dict[str, str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = files[case]
    argv = {
        "simulate": ["simulate", "--no-body", "--scenario", path],
        "render": ["render", "--scenario", path, "--out", str(tmp_path / "f.png")],
        "launcher": ["--scenario", path, "--screenshot", str(tmp_path / "f.png")],
    }[command]
    code, out, err = cli(argv, capsys)
    assert_one_line_exit_2(code, out, err)
    assert Path(path).name in err
    assert not (tmp_path / "f.png").exists()


RENDER_OPTIONS = [
    ["--size", "big"], ["--size", "1920x"], ["--size", "x1080"], ["--size", "0x0"],
    ["--size", "-5x-5"], ["--size", "1e3x1e3"],
    ["--size", "99999x99999"], ["--size"], ["--palette", "rainbow"], ["--palette"],
    ["--view", "superior"], ["--vertebrae", "glass"], ["--model", "x"], ["--caption"],
    ["--frobnicate"],
]


@pytest.mark.parametrize("args", RENDER_OPTIONS, ids=" ".join)
def test_render_bad_option(args: list[str], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "f.png"
    assert_one_line_exit_2(*cli(["render", "--cut", "C6", "--out", str(out), *args], capsys))
    assert not out.exists()


@pytest.mark.parametrize("out", ["", "missing", "/nonexistent-folder/f.png", "f.jpg", "f",
                                 "{folder}"])
def test_render_bad_out(out: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["render", "--cut", "C6"]
    if out != "missing":
        argv += ["--out", out.format(folder=tmp_path) if out else out]
    assert_one_line_exit_2(*cli(argv, capsys))


LAUNCHER_OPTIONS = [
    ["--bogus"], ["-x"], ["--size", "abc"], ["--size", "10x10"], ["--size", "99999x99999"],
    ["--size", "0x0"], ["--size", "1920×"], ["--size"], ["--scenario"],
    ["--screenshot", "x.txt"], ["--screenshot", "/nonexistent-folder/x.png"], ["--screenshot"],
    ["--presentation=yes"],
]


@pytest.mark.parametrize("args", LAUNCHER_OPTIONS, ids=" ".join)
def test_launcher_bad_option(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_exit_2(*cli(args, capsys))


@pytest.mark.parametrize("command", ["frobnicate", "Simulate", "sim"])
def test_unknown_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli([command], capsys)
    assert_one_line_exit_2(code, out, err)
    assert command in err


@pytest.mark.parametrize(
    "argv",
    [
        ["simulate", "--cut", "L6"],
        ["simulate", "--scenario", "/nonexistent/x.json"],
        ["render", "--size", "big", "--out", "x.png"],
        ["--size", "1x1"],
        ["--bogus"],
        ["dissect"],
    ],
    ids=" ".join,
)
def test_real_process_exits_2_with_one_line(argv: list[str], tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "rhizoviz", *argv], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero"])
@pytest.mark.parametrize("command", ["simulate", "render"])
def test_a_scenario_that_is_not_a_file_ends_at_once(command: str, kind: str,
                                                    tmp_path: Path) -> None:
    """Once, such a path never returned (a pipe waits for a writer, /dev/zero never ends);
    in a real process with a timeout, so a hang fails this test rather than the suite."""
    import os

    path = tmp_path / "scenario.json"
    if kind == "named pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    argv = {"simulate": ["simulate", "--no-body", "--scenario", str(path)],
            "render": ["render", "--scenario", str(path), "--out", str(tmp_path / "f.png")]}
    proc = subprocess.run([sys.executable, "-m", "rhizoviz", *argv[command]],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "scenario.json" in proc.stderr, proc.stderr
    assert not (tmp_path / "f.png").exists()


@pytest.mark.parametrize(("text", "size"), [("1920x1080", (1920, 1080)),
                                            ("1920×1080", (1920, 1080)),
                                            (" 1280 X 720 ", (1280, 720))])
def test_launcher_and_render_read_a_size_alike(text: str, size: tuple[int, int]) -> None:
    from rhizoviz.app.launch import _parse_size
    from rhizoviz.scene.render import parse_size

    assert _parse_size(text) == parse_size(text) == size
