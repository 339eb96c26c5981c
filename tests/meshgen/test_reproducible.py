"""The committed meshes are exactly what the generator makes today."""

from __future__ import annotations

from pathlib import Path

import pytest

from rhizoviz.meshgen.build import build_all
from rhizoviz.resources import meshes_dir


@pytest.mark.slow  # the whole mesh rebuild: minutes on a shared machine
def test_generator_rebuilds_the_committed_files_byte_for_byte(tmp_path: Path):
    report = build_all(tmp_path)
    committed = meshes_dir()
    names = sorted(p.name for p in report.files)
    assert names == sorted(p.name for p in committed.iterdir() if p.is_file())
    for name in names:
        fresh, shipped = (tmp_path / name).read_bytes(), (committed / name).read_bytes()
        assert fresh == shipped, f"meshes/{name} differs: run 'rhizoviz build-meshes'"
    assert report.body_triangles <= 150_000


def test_cli_builds_into_the_chosen_folder(tmp_path: Path, capsys, monkeypatch):
    """The command wires --out through to the generator (stubbed: the real build runs above)."""
    from rhizoviz.__main__ import main
    from rhizoviz.meshgen import build

    seen = []

    def fake_build_all(out: Path) -> build.BuildReport:
        seen.append(out)
        out.mkdir(parents=True)
        (out / "body.ply").write_bytes(b"x")
        report = build.BuildReport(files=[out / "body.ply"], body_triangles=1, spine_triangles=2)
        report.seconds = {"body": 0.0, "spine": 0.0}
        return report

    monkeypatch.setattr(build, "build_all", fake_build_all)
    out = tmp_path / "meshes"
    assert main(["build-meshes", "--out", str(out)]) == 0
    assert seen == [out]
    printed = capsys.readouterr().out
    assert "body.ply" in printed and "body 1 triangles" in printed


def test_cli_reports_an_unwritable_folder_in_one_line(tmp_path: Path, capsys):
    from rhizoviz.__main__ import main

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["build-meshes", "--out", str(blocker / "meshes")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rhizoviz: error:") and err.count("\n") == 1
