"""`rhizoviz simulate --worksheet OUT.pdf|OUT.png`: the sheet with no window, and its errors."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

PRESET = Path(__file__).parents[2] / "rhizoviz" / "core" / "data" / "presets" / "02-c5-c7.json"


def run(*args: str, display: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if not display:  # as on a server: no X, no Wayland
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "rhizoviz", "simulate", "--no-body", *args],
        capture_output=True, text=True, timeout=120, env=env,
    )


def test_pdf_is_one_a4_page_with_the_scenarios_name(tmp_path: Path) -> None:
    import json

    import pypdf

    out = tmp_path / "sheet.pdf"
    proc = run("--scenario", str(PRESET), "--worksheet", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Sensory level" in proc.stdout  # the usual report still goes to stdout
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
    name = json.loads(PRESET.read_text())["name"]
    assert " ".join(name.split()) in text
    assert "RIGHT TOTALS" in text and "Long toe extensors" in text
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]  # no temporary left


def test_png_is_an_a4_page_image(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "sheet.PNG"
    proc = run("--cut", "ventral:left:L5", "--json", "--worksheet", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip().startswith("{")
    with Image.open(out) as image:
        w, h = image.size
    assert abs(h / w - 842 / 595) < 0.01 and w >= 1200


@pytest.mark.parametrize("name, words", [
    ("sheet.jpg", "must be a .pdf or .png"),
    ("sheet", "must be a .pdf or .png"),
    ("missing/sheet.pdf", "does not exist"),
    ("a-file/sheet.pdf", "does not exist"),  # a file where the folder should be
])
def test_bad_paths_exit_2_with_one_line(tmp_path: Path, name: str, words: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    proc = run("--cut", "left:C6", "--worksheet", str(tmp_path / name))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and name in lines[0], proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        proc = run("--worksheet", str(folder / "sheet.pdf"))
    finally:
        folder.chmod(0o700)
    assert proc.returncode == 2 and "permission denied" in proc.stderr


def test_bad_cuts_are_reported_before_any_file_is_written(tmp_path: Path) -> None:
    proc = run("--cut", "ganglion:left:C2@0.5", "--worksheet", str(tmp_path / "s.pdf"))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
