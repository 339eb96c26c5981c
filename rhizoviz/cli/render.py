"""``rhizoviz render``: a figure for slides, rendered off-screen with no window.

It draws the app's own scene (same palettes, legend, caption). With no X display
VTK is pointed at EGL before it is imported, so it works on a headless server.
Bad input exits 2 with one line on stderr, before any mesh is loaded.
"""

from __future__ import annotations

import argparse
import os
import sys

from rhizoviz.cli.cut_args import add_cut_arguments, state_and_view_from_args
from rhizoviz.core.atlas import LIGHT_TOUCH, PIN_PRICK
from rhizoviz.core.cuts import CutSpecError
from rhizoviz.core.scenario import ScenarioError
from rhizoviz.core.views import DEFAULT_VIEW, VIEW_NAMES
from rhizoviz.scene.palette import PALETTES, PaletteError, get_palette
from rhizoviz.scene.render import SIZE_RANGE

MODALITY_CHOICES = {"pin-prick": PIN_PRICK, "light-touch": LIGHT_TOUCH}  # as typed -> core


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="render a figure of a set of cuts to a PNG, no window")
    add_cut_arguments(p)
    p.add_argument("--view", choices=VIEW_NAMES, default=None,
                   help="where the camera looks from; 'spine' is the surgeon's view of the "
                   "spine alone, 'in-situ' the spine true to size in the see-through body "
                   "with vertebra and cord segment names "
                   f"(default: the scenario's own view, else {DEFAULT_VIEW})")
    p.add_argument("--size", default="1920x1080", metavar="WxH",
                   help=f"the figure's size in pixels (default 1920x1080; {SIZE_RANGE})")
    p.add_argument("--palette", default="default", metavar="P",
                   help=f"one of: {', '.join(PALETTES)}")
    p.add_argument("--caption", default=None, metavar="TEXT",
                   help="the title line (default: the scenario and its cuts; '' for none)")
    p.add_argument("--vertebrae", choices=("opaque", "translucent", "hidden"),
                   default="translucent")
    p.add_argument("--no-dura", action="store_true",
                   help="hide the see-through dural sac round the cord and cauda equina")
    p.add_argument("--modality", choices=tuple(MODALITY_CHOICES), default="pin-prick",
                   help="what the skin shows: pin prick (default) or light touch, whose "
                   "fields overlap further")
    p.add_argument("--presentation", action="store_true",
                   help="thicker roots and larger markers, as in presentation mode")
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(f"rhizoviz render: error: {message}\n")
    return 2


def run(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    from rhizoviz.scene.render import RenderError, check_out_path, parse_size, render_figure

    try:
        state, scenario_view = state_and_view_from_args(args)
        size = parse_size(args.size)
        get_palette(args.palette)
        out = check_out_path(args.out)
    except (CutSpecError, ScenarioError, RenderError, PaletteError) as exc:
        return _fail(str(exc))
    try:
        view = args.view or scenario_view or DEFAULT_VIEW
        render_figure(state, view, size, args.palette, out, args.caption,
                      vertebrae=args.vertebrae, presentation=args.presentation,
                      modality=MODALITY_CHOICES[args.modality],
                      dura=not args.no_dura)
    except RenderError as exc:
        sys.stderr.write(f"rhizoviz render: error: {exc}\n")
        return 1
    except OSError as exc:
        return _fail(f"cannot write {args.out!r}: {exc.strerror or exc}")
    return 0
