"""``rhizoviz render``: figures of the requested size; bad arguments exit 2 in one line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import numpy as np
import pytest

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

from rhizoviz.__main__ import main  # noqa: E402
from rhizoviz.core.cuts import CutSet, parse_spec  # noqa: E402
from rhizoviz.core.report import default_caption, describe_cuts  # noqa: E402
from rhizoviz.core.session import State  # noqa: E402
from rhizoviz.scene import render as render_mod  # noqa: E402
from rhizoviz.scene.render import (  # noqa: E402
    RenderError,
    parse_size,
    render_figure,
)


@pytest.fixture(scope="module")
def standins():
    from rhizoviz.scene.standins import standin_body, standin_spine

    return standin_body(), standin_spine()


@pytest.fixture
def fake_meshes(monkeypatch, standins):
    """Make the command render the stand-ins: fast, and independent of the shipped meshes."""
    monkeypatch.setattr(render_mod, "load_meshes", lambda: standins)
    return standins


def read_png(path: Path) -> np.ndarray:
    import pyvista as pv

    img = pv.read(str(path))
    w, h, _ = img.dimensions
    return np.asarray(img.active_scalars).reshape(h, w, -1)[::-1]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--size", "big"], "bad size"),
        (["--size", "5000x3000"], "at most 3840x2160"),
        (["--size", "10x10"], "at least"),
        (["--palette", "rainbow"], "unknown palette"),
        (["--cut", "Q9"], "Q9"),
        (["--cut", "C6@2"], "bad fraction"),
        (["--scenario", "/nonexistent/scenario.json"], "scenario"),
        (["--view", "superior"], "superior"),
        (["--model", "fancy"], "fancy"),
        (["--modality", "smell"], "smell"),
        (["--cut", "dorsal:ventral:L5"], "dorsal:ventral:L5"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, args, needle) -> None:
    with pytest.raises(SystemExit) as exc:
        code = main(["render", *args, "--out", str(tmp_path / "f.png")])
        raise SystemExit(code)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert needle in err
    assert not (tmp_path / "f.png").exists()


@pytest.mark.parametrize(
    "out", ["/nonexistent-folder/f.png", "figure.jpg", "{tmp}"],
)
def test_unwritable_out_exits_2(tmp_path, capsys, out) -> None:
    out = out.format(tmp=tmp_path)
    code = main(["render", "--cut", "C6", "--out", out])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("rhizoviz render: error: cannot write") and err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_exits_2(tmp_path, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert main(["render", "--out", str(folder / "f.png")]) == 2
    finally:
        folder.chmod(stat.S_IRWXU)


def test_parse_size_accepts_up_to_4k() -> None:
    assert parse_size("3840x2160") == (3840, 2160)
    assert parse_size("1080x1920") == (1080, 1920)
    with pytest.raises(RenderError):
        parse_size("3841x2160")


@pytest.mark.parametrize(
    ("text", "size"),
    [("64x64", (64, 64)), ("2160x3840", (2160, 3840)), ("320 × 200", (320, 200)),
     ("63x400", None), ("400x63", None), ("3840x2161", None), ("2200x2200", None)],
)
def test_one_size_range_for_every_figure(text: str, size: tuple[int, int] | None) -> None:
    """The grammar and the range are one: typed (--size, the export dialog) or passed
    to :func:`render_figure` as numbers."""
    from rhizoviz.scene.render import SIZE_RANGE, check_size

    if size is not None:
        assert parse_size(text) == check_size(*size) == size
        return
    with pytest.raises(RenderError, match="at least 64 px") as exc:
        parse_size(text)
    assert SIZE_RANGE in str(exc.value)
    w, h = (int(v) for v in text.split("x"))
    with pytest.raises(RenderError, match="bad size"):
        render_figure(State(), size=(w, h), out_path="never.png")


def test_render_writes_the_requested_size_atomically(tmp_path, fake_meshes, capsys) -> None:
    out = tmp_path / "c5c7.png"
    code = main(["render", "--cut", "right:C5-C7", "--size", "640x360", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    img = read_png(out)
    assert img.shape[:2] == (360, 640)
    assert [p.name for p in tmp_path.iterdir()] == ["c5c7.png"]  # no temporary left over


def test_cut_and_no_cut_differ_in_absent_pixels(tmp_path, standins) -> None:
    body, spine = standins

    def absent_pixels(state: State, name: str) -> int:
        out = render_figure(state, "anterior", (480, 360), "default", tmp_path / name,
                            caption="", body=body, spine=spine)
        img = read_png(out)[..., :3].astype(int)
        # shading changes lightness, not hue: the default's absent is the only clearly blue
        return int((img[..., 2] - img[..., :2].max(axis=2) > 60).sum())

    none = absent_pixels(State(), "none.png")
    cut = absent_pixels(State(CutSet(parse_spec("right:C5-C7"))), "cut.png")
    legend_only = none  # the legend swatch is the same in both
    assert cut > legend_only + 50


def test_default_caption_names_cuts_and_model() -> None:
    state = State(CutSet(parse_spec("both:L2-S1@0.4") + parse_spec("right:C6")), "overlap",
                  "Custom cuts")
    text = default_caption(state)
    assert "right C6" in text and "both L2\u2013S1 at 40" in text and "overlap model" in text
    assert describe_cuts(CutSet()) == "No roots cut"


def test_render_4k_figure(tmp_path, standins) -> None:
    body, spine = standins
    out = render_figure(State(CutSet(parse_spec("L2-S1@0.4"))), "spine", (3840, 2160),
                        "high-contrast", tmp_path / "sdr.png", body=body, spine=spine)
    assert read_png(out).shape[:2] == (2160, 3840)


def test_render_needs_no_x_server(tmp_path) -> None:
    """The command run with no DISPLAY at all (EGL), as on a headless server."""
    import subprocess
    import sys

    try:
        from rhizoviz.mesh_loader import load_body

        load_body()
    except (ImportError, OSError, ValueError) as exc:
        pytest.skip(f"shipped meshes not available: {exc}")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "VTK_DEFAULT_OPENGL_WINDOW")}
    out = tmp_path / "c6.png"
    proc = subprocess.run(
        [sys.executable, "-m", "rhizoviz", "render", "--cut", "right:C6", "--size", "320x200",
         "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert read_png(out).shape[:2] == (200, 320)


@pytest.mark.parametrize(
    ("preset_file", "extra", "expected"),
    [
        ("05-c2.json", [], "posterior"),  # the occiput is seen from behind
        ("05-c2.json", ["--view", "left"], "left"),  # the command line wins
        ("01-single-c6.json", [], "anterior"),  # no view in the file: the default
    ],
)
def test_a_scenario_chooses_the_view_unless_told(
    tmp_path, monkeypatch, preset_file, extra, expected
) -> None:
    from importlib import resources

    seen = {}

    def fake_render(state, view, *args, **kwargs):
        seen["view"] = view

    monkeypatch.setattr(render_mod, "render_figure", fake_render)
    preset = resources.files("rhizoviz.core").joinpath("data/presets", preset_file)
    code = main(["render", "--scenario", str(preset), *extra, "--out", str(tmp_path / "f.png")])
    assert code == 0 and seen["view"] == expected


def test_render_draws_and_captions_a_ventral_cut(tmp_path, fake_meshes, monkeypatch,
                                                 capsys) -> None:
    """``render --cut ventral:left:L5``: the caption names the ventral root, the figure
    bands it in the ventral cut colour; ``--modality light-touch`` says so in the caption."""
    from rhizoviz.scene.anatomy_scene import AnatomyScene

    seen = {}
    original = AnatomyScene.update

    def spy(self, state, *, render=True):  # noqa: ANN001, ANN202
        original(self, state, render=render)
        seen["scene"] = self
        seen["caption"] = self.caption_actor.GetInput()

    monkeypatch.setattr(AnatomyScene, "update", spy)
    out = tmp_path / "ventral.png"
    code = main(["render", "--cut", "ventral:left:L5", "--view", "spine", "--size", "640x360",
                 "--modality", "light-touch", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "left L5 ventral" in seen["caption"] and "light touch" in seen["caption"]
    style = seen["scene"].root_style("L5", "left", "ventral")
    assert style["gap_visible"] is False and style["banded"] and style["flagged"]
    assert seen["scene"].modality == "light_touch"
    img = read_png(out)[..., :3].astype(int)
    violet = np.array([0x9B, 0x4D, 0xFF])  # the default palette's ventral cut
    assert (np.abs(img - violet).max(axis=2) < 30).sum() > 10  # its square and the legend


def test_render_draws_the_spine_in_the_body(tmp_path, fake_meshes, capsys) -> None:
    """``--view in-situ``: the see-through body with both numberings in their colours."""
    from rhizoviz.scene.palette import get_palette, hex_to_rgb255

    out = tmp_path / "in-situ.png"
    code = main(["render", "--view", "in-situ", "--cut", "left:L4", "--size", "640x360",
                 "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    img = read_png(out)[..., :3].astype(int)
    palette = get_palette("default")
    for field in ("segment_label", "vertebra_label"):
        colour = np.array(hex_to_rgb255(getattr(palette, field)))
        assert (np.abs(img - colour).sum(axis=2) < 30).sum() > 20, field
    front = tmp_path / "front.png"
    assert main(["render", "--view", "anterior", "--size", "640x360", "--out", str(front)]) == 0
    assert np.abs(read_png(front)[..., :3].astype(int) - img).mean() > 5


def test_a_scenario_may_open_in_the_body(tmp_path, monkeypatch) -> None:
    seen = {}
    monkeypatch.setattr(render_mod, "render_figure",
                        lambda state, view, *a, **k: seen.setdefault("view", view))
    scenario = tmp_path / "in-situ.json"
    scenario.write_text('{"name": "Where the cord ends", '
                        '"cuts": [], "view": "in-situ"}')
    code = main(["render", "--scenario", str(scenario), "--out", str(tmp_path / "f.png")])
    assert code == 0 and seen["view"] == "in-situ"


def test_no_dura_leaves_the_sac_out(tmp_path, monkeypatch) -> None:
    seen = {}
    monkeypatch.setattr(render_mod, "render_figure",
                        lambda state, view, *a, **k: seen.update(k))
    assert main(["render", "--no-dura", "--out", str(tmp_path / "f.png")]) == 0
    assert seen["dura"] is False
    assert main(["render", "--out", str(tmp_path / "f.png")]) == 0
    assert seen["dura"] is True
