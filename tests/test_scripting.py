"""The scripting API keeps the README's word: trimesh meshes, no trimesh until asked for."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import trimesh

import rhizoviz
from rhizoviz import mesh_loader, scripting

ROOT = Path(__file__).resolve().parents[1]


def _readme_snippet() -> str:
    """The README's Python example, exactly as a reader would copy it."""
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    snippets = [b for b in blocks if "rhizoviz.load_spine()" in b]
    assert len(snippets) == 1, "the README has one load_body/load_spine example"
    return snippets[0]


def test_the_readme_snippet_runs_as_written_and_gives_trimesh_meshes() -> None:
    check = (
        "\nimport trimesh\n"
        "assert isinstance(body.mesh, trimesh.Trimesh)\n"
        "assert body.mesh.is_watertight\n"
        "assert body.mesh.bounds.shape == (2, 3)\n"
        "assert len(body.dermatome) == len(body.mesh.vertices)\n"
        "assert isinstance(spine['vertebra_L4'], trimesh.Trimesh)\n"
        "assert all(isinstance(m, trimesh.Trimesh) for m in spine.values())\n"
        "assert spine['vertebra_L4'].is_watertight\n"
        "assert 'dorsal_root_L5_left' in spine and 'spinal_cord' in spine\n"
        "print('snippet ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", _readme_snippet() + check],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "snippet ok" in done.stdout


def test_public_loaders_are_the_scripting_ones() -> None:
    assert rhizoviz.load_body is scripting.load_body
    assert rhizoviz.load_spine is scripting.load_spine


def test_scripting_meshes_match_the_fast_loader_and_belong_to_the_caller() -> None:
    fast = mesh_loader.load_body()
    body = rhizoviz.load_body()
    assert isinstance(body.mesh, trimesh.Trimesh)
    assert np.array_equal(body.mesh.vertices, fast.mesh.vertices)
    assert np.array_equal(body.mesh.faces, fast.mesh.faces)
    assert body.dermatome is fast.dermatome  # labels are shared, read-only
    body.mesh.apply_translation([10.0, 0.0, 0.0])  # a script may move its own copy ...
    assert np.array_equal(rhizoviz.load_body().mesh.vertices, fast.mesh.vertices)  # ... only
    assert mesh_loader.load_body() is fast

    spine = rhizoviz.load_spine()
    assert set(spine) == set(mesh_loader.load_spine())
    cord = spine["spinal_cord"]
    assert np.array_equal(cord.faces, mesh_loader.load_spine()["spinal_cord"].faces)
    assert cord.volume > 0


def test_importing_rhizoviz_and_starting_the_app_path_import_no_trimesh() -> None:
    """``import rhizoviz``, the app's window module, ``simulate`` and ``render`` and the
    fast loader must not import trimesh (nor scipy or networkx, which it brings)."""
    code = (
        "import sys\n"
        "import rhizoviz\n"
        "assert 'trimesh' not in sys.modules, 'import rhizoviz'\n"
        "import rhizoviz.app.main_window, rhizoviz.app.launch\n"
        "import rhizoviz.cli.simulate, rhizoviz.cli.render, rhizoviz.scene.render\n"
        "from rhizoviz.mesh_loader import load_body, load_spine\n"
        "load_body(); load_spine()\n"
        "loaded = [m for m in ('trimesh', 'networkx') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
