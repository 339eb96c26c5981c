"""A wheel must carry the meshes and lessons, found from any working directory."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    src = tmp_path_factory.mktemp("src") / "rhizoviz"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".git", "__pycache__", "_data", "*.egg-info", ".*cache"),
    )
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=src,
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("rhizoviz-*.whl")
    return path


def test_wheel_contains_package_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "rhizoviz/core/data/atlas.json" in names
    assert any(n.startswith("rhizoviz/core/data/presets/") for n in names)
    meshes = [p.name for p in (ROOT / "meshes").iterdir() if p.is_file()]
    lessons = [p.name for p in (ROOT / "lessons").iterdir() if p.is_file()]
    assert meshes and lessons
    for name in meshes:
        assert f"rhizoviz/_data/meshes/{name}" in names
    for name in lessons:
        assert f"rhizoviz/_data/lessons/{name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_finds_its_data_from_elsewhere(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import rhizoviz, rhizoviz.resources as r; "
        "print(rhizoviz.__file__); print(r.meshes_dir()); print(r.lessons_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(line.startswith(str(site)) for line in out), out
