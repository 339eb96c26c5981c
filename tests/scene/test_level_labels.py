"""Level names: which are shown, where they are drawn, and that they are drawn at all."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from rhizoviz.core.session import State
from rhizoviz.scene import AnatomyScene


def _cut(scene: AnatomyScene, *roots: tuple[str, str]) -> None:
    from rhizoviz.core.cuts import Cut, CutSet

    scene.update(State(cuts=CutSet([Cut(level, side, 1.0) for level, side in roots])),
                 render=False)


def test_body_views_name_region_starts_and_cut_levels(scene: AnatomyScene) -> None:
    starts = {r.prefix + "1" for r in scene.atlas.regions} & set(scene.labels.names)
    assert set(scene.labels.shown) == starts
    _cut(scene, ("C6", "right"), ("L4", "left"))  # either side's cut names the level
    assert set(scene.labels.shown) == starts | {"C6", "L4"}
    _cut(scene)
    assert set(scene.labels.shown) == starts


def test_the_spine_view_names_every_level(scene: AnatomyScene) -> None:
    scene.set_view("spine", render=False)
    assert scene.labels.shown == scene.labels.names
    scene.set_view("anterior", render=False)
    assert len(scene.labels.shown) < len(scene.labels.names)


def test_each_name_is_drawn_beside_its_ganglion(scene: AnatomyScene,
                                               plotter: pv.Plotter) -> None:
    """After a frame every shown name's quad holds its anchor's pixel row and lies
    beside it, and the quad's texels are the name's own (not empty)."""
    scene.set_view("spine", render=False)
    scene.render()
    labels = scene.labels
    height = plotter.render_window.GetSize()[1]
    anchors = scene.project(labels.anchors)
    corners = labels.sprites.corners
    assert len(corners) == len(labels.names)
    for i, name in enumerate(labels.names):
        quad = corners[i]
        ax, ay = anchors[i][0], height - anchors[i][1]
        assert quad[:, 1].min() <= ay + 1 and quad[:, 1].max() >= ay - 1, name
        assert quad[:, 0].min() - 1 <= ax + 1 and abs(quad[:, 0].mean() - ax) < 60, name
        width = quad[:, 0].max() - quad[:, 0].min()
        assert width >= 5 * len(name) * 0.5, name  # wide enough for its letters
    alpha = labels.sprites.image[..., 3]
    assert alpha.max() == 255 and (alpha > 0).mean() > 0.05


def test_names_show_on_screen_in_the_text_colour(scene: AnatomyScene,
                                                plotter: pv.Plotter) -> None:
    scene.set_view("spine", render=False)
    scene.render()
    shot = plotter.screenshot(return_img=True)
    labels = scene.labels
    height = plotter.render_window.GetSize()[1]
    corners = labels.sprites.corners
    x0, x1 = int(corners[0, :, 0].min()), int(corners[0, :, 0].max())
    y0, y1 = int(height - corners[0, :, 1].max()), int(height - corners[0, :, 1].min())
    patch = shot[max(y0, 0):y1, max(x0, 0):x1, :3].astype(float)
    text = np.array(pv.Color(scene.palette.text).int_rgb, dtype=float)
    assert patch.size and (np.abs(patch - text).sum(axis=-1) < 60).any()


def test_text_size_follows_the_pixel_scale(scene: AnatomyScene) -> None:
    scene.set_pixel_scale(1.0)
    small = scene.labels.text.GetFontSize()
    scene.set_pixel_scale(2.0)
    assert scene.labels.text.GetFontSize() > small
