"""The scene layer draws on any pyvista plotter, so it must never import Qt."""

from __future__ import annotations

import subprocess
import sys


def test_scene_modules_import_no_qt() -> None:
    code = (
        "import os, sys, pkgutil, importlib\n"
        "os.environ.setdefault('VTK_DEFAULT_OPENGL_WINDOW', 'vtkEGLRenderWindow')\n"
        "import rhizoviz.scene, rhizoviz.cli.render\n"
        "for m in pkgutil.iter_modules(rhizoviz.scene.__path__):\n"
        "    importlib.import_module('rhizoviz.scene.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PyQt6', 'PyQt5', 'PySide6', "
        "'pyvistaqt', 'qtpy')]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_palette_lookups_do_not_load_vtk() -> None:
    code = (
        "import sys\n"
        "from rhizoviz.scene.palette import PALETTES\n"
        "import rhizoviz.cli.render, rhizoviz.scene.render\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('vtkmodules', 'pyvista')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
