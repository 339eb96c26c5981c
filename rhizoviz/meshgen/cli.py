"""``rhizoviz build-meshes``: regenerate ``meshes/`` (and optionally the preview picture)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rhizoviz.resources import meshes_dir


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "build-meshes",
        help="rebuild the body and spine meshes from nothing (deterministic)",
        description="Rebuild the body and spine meshes, byte for byte the same on every run.",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the repository's meshes/)"
    )
    parser.add_argument(
        "--preview",
        type=Path,
        default=None,
        help="also render a preview PNG (anterior, posterior, spine) to this file",
    )
    parser.set_defaults(func=run)
    return parser


def default_out() -> Path:
    """The shipped ``meshes/`` folder, or where it belongs in a checkout if it was deleted."""
    try:
        return meshes_dir()
    except FileNotFoundError:
        root = Path(__file__).resolve().parents[2]
        if (root / "pyproject.toml").is_file():
            return root / "meshes"
        raise


def run(args: argparse.Namespace) -> int:
    from rhizoviz.meshgen.build import build_all

    try:
        out = args.out if args.out is not None else default_out()
        report = build_all(out)
    except OSError as exc:
        sys.stderr.write(f"rhizoviz: error: cannot write the meshes ({exc})\n")
        return 1
    for path in report.files:
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    print(
        f"body {report.body_triangles} triangles in {report.seconds['body']:.1f} s, "
        f"spine {report.spine_triangles} triangles in {report.seconds['spine']:.1f} s"
    )
    if args.preview is not None:
        from rhizoviz.meshgen.preview import render_preview

        render_preview(out, args.preview)
        print(f"wrote {args.preview}")
    sys.stdout.flush()
    return 0
