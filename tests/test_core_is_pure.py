"""The core must import neither Qt nor VTK: the CLI, app and tests all share it."""

import subprocess
import sys


def test_core_and_simulate_import_no_gui_or_vtk():
    code = (
        "import sys, rhizoviz.core.atlas, rhizoviz.core.cuts, rhizoviz.core.outcome, "
        "rhizoviz.core.scenario, rhizoviz.core.session, rhizoviz.core.report, "
        "rhizoviz.cli.simulate\n"
        "import pkgutil, importlib, rhizoviz.core\n"
        "for m in pkgutil.iter_modules(rhizoviz.core.__path__):\n"
        "    importlib.import_module('rhizoviz.core.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PyQt6', 'vtk', 'vtkmodules', 'pyvista', 'pyvistaqt')]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
