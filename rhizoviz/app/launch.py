"""``rhizoviz`` with no subcommand: parse the app's few options, open the window, run.

Arguments are checked before Qt or VTK is imported, so a typo costs no start-up
time and exits 2 with one line, like every other rhizoviz command.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PyQt6.QtWidgets import QWidget

    from rhizoviz.app.main_window import MainWindow

ORGANISATION = "rhizoviz"
APPLICATION = "rhizoviz"
WINDOW_SIZE = (1600, 1000)  # a screenshot's, and the trainer's on opening


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a single line, no usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"rhizoviz: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    from rhizoviz.scene.render import SIZE_RANGE  # plain Python: no Qt, no VTK

    parser = _Parser(
        prog="rhizoviz",
        description="Open the rhizoviz teaching app (subcommands: simulate, render, ...).",
    )
    parser.add_argument("--scenario", metavar="FILE", help="open with this scenario applied")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the window, save a screenshot of it to OUT.png and exit",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        default=None,
        help=(f"window size for --screenshot "
              f"(default {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}; {SIZE_RANGE})"),
    )
    parser.add_argument(
        "--presentation", action="store_true", help="start in presentation mode (full screen)"
    )
    parser.add_argument("--trainer", choices=("sdr",), help="open a surgical trainer (sdr)")
    parser.add_argument("--seed", type=_seed, default=None,
                        help="with --quiz the quiz number, with --trainer the child (integer)")
    parser.add_argument("--approach", choices=("conus", "multilevel"), default=None,
                        help="open the trainer with this exposure chosen")
    parser.add_argument("--quiz", action="store_true", help="start a quiz (see --seed)")
    parser.add_argument("--case", metavar="NAME",
                        help="open a clinical case (see rhizoviz case --list)")
    return parser


def _seed(text: str) -> int:
    from rhizoviz.core.sdr.patient import PatientError, check_seed

    try:
        return check_seed(int(text, 10))
    except (ValueError, PatientError):
        raise argparse.ArgumentTypeError(
            f"bad seed {text[:32]!r}: expected an integer 0..2**63-1") from None


def _parse_size(text: str | None) -> tuple[int, int] | None:
    """``--size`` read by the one size grammar (``render --size`` and the export dialog
    use it too). A window cannot shrink below its own minimum size: a screenshot asked
    smaller comes out at that minimum, and the line it prints gives the size written."""
    from rhizoviz.scene.render import RenderError, parse_size

    if text is None:
        return None
    try:
        return parse_size(text)
    except RenderError as exc:
        raise ValueError(f"--size: {exc}") from None


def launch(argv: list[str] | None = None) -> int:
    """Run the app; returns the process exit code (2 for bad arguments)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help exits 0, errors exit 2
        return int(exc.code or 0)
    if args.trainer is None and (args.seed is not None and not args.quiz
                                 or args.approach is not None):
        sys.stderr.write("rhizoviz: error: --seed needs --quiz or --trainer sdr, "
                         "--approach needs --trainer sdr\n")
        return 2
    if sum((args.quiz, args.case is not None, args.trainer is not None)) > 1:
        sys.stderr.write("rhizoviz: error: give one of --quiz, --case and --trainer\n")
        return 2
    try:
        size = _parse_size(args.size)
    except ValueError as exc:
        sys.stderr.write(f"rhizoviz: error: {exc}\n")
        return 2
    scenario = None
    if args.scenario is not None:
        from rhizoviz.core.scenario import ScenarioError, load_scenario

        try:
            scenario = load_scenario(args.scenario)
        except ScenarioError as exc:
            sys.stderr.write(f"rhizoviz: error: {exc}\n")
            return 2
    if args.case is not None:
        from rhizoviz.core.cases import CaseError, load_case

        try:
            load_case(args.case)
        except CaseError as exc:
            sys.stderr.write(f"rhizoviz: error: {exc}\n")
            return 2
    if args.screenshot is not None:
        out = Path(args.screenshot)
        if out.suffix.lower() != ".png":
            sys.stderr.write(f"rhizoviz: error: --screenshot '{out}' must end in .png\n")
            return 2
        if not out.parent.is_dir() and str(out.parent):
            sys.stderr.write(f"rhizoviz: error: folder '{out.parent}' does not exist\n")
            return 2

    from PyQt6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "rhizoviz"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)

    from rhizoviz.scene.render import RenderError, load_meshes

    try:  # before the window: a broken install gets one line, not a traceback
        meshes = load_meshes()
    except RenderError as exc:
        sys.stderr.write(f"rhizoviz: error: {exc}\n")
        if args.screenshot is None:
            from PyQt6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "rhizoviz cannot start", str(exc))
        return 1

    from rhizoviz.app.main_window import MainWindow

    window = MainWindow(scenario=scenario, scenario_path=args.scenario, meshes=meshes)
    try:
        return _run_window(app, window, args, size)
    finally:
        _dispose(window)


def _dispose(window: Any) -> None:
    """Delete the window and all its children while the application still exists.

    Left to Python, the window outlives the application object: when the
    application's wrapper goes, PyQt walks every wrapper it knows, and a mode's
    dock whose C++ side Qt had already freed crashed the process on exit.
    """
    from PyQt6 import sip

    if not sip.isdeleted(window):
        sip.delete(window)


def _run_window(app: Any, window: MainWindow, args: argparse.Namespace,
                size: tuple[int, int] | None) -> int:
    """Open the window (or the trainer over it), or take its screenshot."""
    if args.trainer is not None:
        return _run_trainer(app, window, args, size)
    if args.quiz:
        window.quiz_mode.begin(args.seed)
    elif args.case is not None:
        window.case_mode.open_case(args.case)
    if args.screenshot is not None:
        return _screenshot(window, Path(args.screenshot), size or WINDOW_SIZE, args.presentation)
    freeze_after_first_frame(window)
    if args.presentation:
        window.set_presentation(True)
    else:
        window.show()
    return _exec_reporting_to(app, window)


def _run_trainer(app: Any, window: MainWindow, args: argparse.Namespace,
                 size: tuple[int, int] | None) -> int:
    """``--trainer sdr``: the trainer over the main window (which steps aside)."""
    from rhizoviz.app.trainer import DEFAULT_SEED, open_trainer

    seed = DEFAULT_SEED if args.seed is None else args.seed
    shot = args.screenshot is not None
    trainer = open_trainer(window, seed, args.approach, show=not shot)
    if shot:
        return _screenshot(trainer, Path(args.screenshot), size or WINDOW_SIZE,
                           args.presentation)
    freeze_after_first_frame(trainer)
    trainer.resize(*(size or WINDOW_SIZE))
    if args.presentation:
        trainer.set_presentation(True)
    return _exec_reporting_to(app, trainer)


def _exec_reporting_to(app: Any, window: QWidget) -> int:
    """Run the event loop until quit; meanwhile an unexpected error is shown over
    ``window`` (see :func:`_report_unexpected`) and the previous hook comes back after."""
    previous_hook = sys.excepthook
    sys.excepthook = _report_unexpected(window)
    try:
        return int(app.exec())
    finally:
        sys.excepthook = previous_hook


def freeze_after_first_frame(window: Any) -> None:
    """Once the first frame is on screen, set what start-up built aside from the collector.

    VTK, pyvista, Qt's wrappers and the scene leave about 200 000 objects that live as
    long as the window. A full collection walks them all, about 70 ms (measured): a
    visible hitch whenever one falls on a cut in a long lecture. Collected once and
    frozen right after the first frame (before anyone can click), they are skipped by
    every later collection, which then walks only what the session made since.
    """

    def freeze() -> None:
        window.plotter.frameSwapped.disconnect(freeze)
        gc.collect()
        gc.freeze()

    window.plotter.frameSwapped.connect(freeze)


def _report_unexpected(parent: QWidget | None) -> Callable[..., None]:
    """PyQt6 aborts the process on an exception escaping a slot unless a hook handles
    it: a lecture should not end that way. Log it in full, say it in one line, go on."""
    import traceback

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, value, tb, file=sys.stderr)
        from PyQt6.QtWidgets import QMessageBox

        QMessageBox.warning(
            parent,
            "Something went wrong",
            f"{kind.__name__}: {value}\n\nThe view may be out of date; Undo or Reset "
            "restores a known state. Details were written to the terminal.",
        )

    return hook


def _screenshot(window: Any, out: Path, size: tuple[int, int], presentation: bool) -> int:
    """Show the window at ``size``, let it paint, grab it and exit."""
    from PyQt6.QtWidgets import QApplication

    if presentation:
        window.set_presentation(True, fullscreen=False)
    window.resize(*size)
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    if presentation and hasattr(window, "size_docks"):
        window.size_docks()  # the window got its final size only now
        QApplication.processEvents()
    window.render_now()
    from rhizoviz.app.file_actions import qimage_to_numpy
    from rhizoviz.scene.render import write_png

    image = window.grab_window()
    window.close()
    try:
        write_png(qimage_to_numpy(image), out)  # atomically, as every figure
    except OSError as exc:
        sys.stderr.write(f"rhizoviz: error: cannot write screenshot '{out}': "
                         f"{exc.strerror or exc}\n")
        return 1
    print(f"wrote {out} ({image.width()}x{image.height()})")
    return 0
