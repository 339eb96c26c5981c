"""The committed meshes are exactly what the generator makes today."""

from __future__ import annotations

import time
from pathlib import Path

from rhizoviz.meshgen.build import build_all
from rhizoviz.resources import meshes_dir


def test_generator_rebuilds_the_committed_files_byte_for_byte(tmp_path: Path):
    t0 = time.perf_counter()
    report = build_all(tmp_path)
    elapsed = time.perf_counter() - t0
    committed = meshes_dir()
    names = sorted(p.name for p in report.files)
    assert names == sorted(p.name for p in committed.iterdir() if p.is_file())
    for name in names:
        fresh, shipped = (tmp_path / name).read_bytes(), (committed / name).read_bytes()
        assert fresh == shipped, f"meshes/{name} differs: run 'rhizoviz build-meshes'"
    assert report.body_triangles <= 150_000
    print(f"generation took {elapsed:.1f} s")


def test_cli_writes_to_a_chosen_folder(tmp_path: Path, capsys):
    from rhizoviz.__main__ import main

    out = tmp_path / "meshes"
    assert main(["build-meshes", "--out", str(out)]) == 0
    assert (out / "body.ply").stat().st_size > 0 and (out / "spine.glb").stat().st_size > 0
    assert "triangles" in capsys.readouterr().out


def test_cli_reports_an_unwritable_folder_in_one_line(tmp_path: Path, capsys):
    from rhizoviz.__main__ import main

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["build-meshes", "--out", str(blocker / "meshes")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rhizoviz: error:") and err.count("\n") == 1
