"""Scenario files: a named, described set of cuts under one model.

The app saves and opens these; ``rhizoviz simulate --scenario`` reads them; the
shipped presets are scenario files too. Every way a file can be wrong gives a
:class:`ScenarioError` whose one-line message names the file and the field.
Saving is atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rhizoviz.core.atlas import Atlas, load_atlas
from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, make_cut
from rhizoviz.core.outcome import DEFAULT_MODEL, MODELS
from rhizoviz.core.userfile import read_user_file
from rhizoviz.core.views import VIEW_NAMES

MAX_SCENARIO_BYTES = 1_000_000
MAX_CUTS = 2 * 31 * 4  # every root, generously; a longer list is not a scenario a person made
MAX_NAME_CHARS = 200  # a name is a title line (window, caption, slide): as for lesson titles
_KEYS = {"name", "description", "model", "cuts", "version", "view"}
_CUT_KEYS = {"level", "side", "fraction", "root"}  # root: dorsal (default), ventral, ganglion


class ScenarioError(ValueError):
    """A scenario file or object is invalid."""


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str = ""
    model: str = DEFAULT_MODEL
    cuts: tuple[Cut, ...] = field(default_factory=tuple)
    view: str | None = None  # where the camera should look from; None: leave it be

    @property
    def cutset(self) -> CutSet:
        return CutSet(self.cuts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "model": self.model,
            "cuts": [c.to_dict() for c in CutSet(self.cuts).cuts()],
            **({"view": self.view} if self.view else {}),
        }


def _check_name(name: str, source: str) -> None:
    """A name shows as one title line, so it must be one line of sensible length."""
    if len(name) > MAX_NAME_CHARS:
        raise ScenarioError(
            f"{source}: field 'name' has {len(name)} characters (at most {MAX_NAME_CHARS})"
        )
    if any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in name):
        raise ScenarioError(f"{source}: field 'name' must be one line without control characters")


def _root_key(cut: Cut) -> tuple[object, ...]:
    """What names the root a cut record is about: every field but the fraction."""
    return tuple(getattr(cut, f.name) for f in fields(cut) if f.name != "fraction")


def parse_scenario(data: Any, source: str = "scenario", atlas: Atlas | None = None) -> Scenario:
    """Validate decoded JSON as a scenario."""
    atlas = atlas or load_atlas()
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: top level must be a JSON object")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ScenarioError(f"{source}: unknown field '{unknown[0]}'")
    for key in ("name", "cuts"):
        if key not in data:
            raise ScenarioError(f"{source}: missing field '{key}'")
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise ScenarioError(f"{source}: field '{key}' must be a string")
    _check_name(data["name"], source)
    model = data.get("model", DEFAULT_MODEL)
    if model not in MODELS:
        raise ScenarioError(
            f"{source}: field 'model' must be 'overlap' or 'textbook', not {model!r}"
        )
    view = data.get("view")
    if view is not None and view not in VIEW_NAMES:
        raise ScenarioError(
            f"{source}: field 'view' must be one of {', '.join(VIEW_NAMES)}, not {view!r:.40}"
        )
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScenarioError(f"{source}: field 'version' must be an integer")
    raw_cuts = data["cuts"]
    if not isinstance(raw_cuts, list):
        raise ScenarioError(f"{source}: field 'cuts' must be a list")
    if len(raw_cuts) > MAX_CUTS:
        raise ScenarioError(
            f"{source}: field 'cuts' has {len(raw_cuts)} entries (at most {MAX_CUTS})"
        )
    cuts: list[Cut] = []
    listed: dict[tuple[object, ...], int] = {}
    for i, raw in enumerate(raw_cuts):
        where = f"{source}: cuts[{i}]"
        if not isinstance(raw, dict):
            raise ScenarioError(f"{where} must be an object")
        extra = sorted(set(raw) - _CUT_KEYS)
        if extra:
            raise ScenarioError(f"{where}: unknown field '{extra[0]}'")
        for key in ("level", "side"):
            if key not in raw:
                raise ScenarioError(f"{where}: missing field '{key}'")
        try:
            cut = make_cut(
                raw["level"],
                raw["side"],
                raw.get("fraction", 1.0),
                atlas,
                root=raw.get("root", "dorsal"),
            )
        except CutSpecError as exc:
            raise ScenarioError(f"{where}: {exc}") from None
        ident = _root_key(cut)
        if ident in listed:
            raise ScenarioError(
                f"{where}: {' '.join(map(str, ident))} is already cut in cuts[{listed[ident]}]"
                " (list each root once)"
            )
        listed[ident] = i
        cuts.append(cut)
    return Scenario(
        name=data["name"],
        description=data.get("description", ""),
        model=model,
        cuts=tuple(CutSet(cuts).cuts()),
        view=view,
    )


def loads_scenario(raw: bytes, source: str = "scenario") -> Scenario:
    if len(raw) > MAX_SCENARIO_BYTES:
        raise ScenarioError(f"{source}: file is {len(raw)} bytes (at most {MAX_SCENARIO_BYTES})")
    try:
        text = raw.decode("utf-8-sig")  # editors on Windows may add a byte-order mark
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except (RecursionError, ValueError) as exc:
        # nesting too deep for the parser, or a number too long to convert
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "a number too long"
        raise ScenarioError(f"{source}: not a usable scenario ({reason})") from None
    return parse_scenario(data, source)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file (a regular file of at most 1 MB)."""
    raw = read_user_file(path, MAX_SCENARIO_BYTES, ScenarioError)
    return loads_scenario(raw, str(Path(path)))


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so a crash leaves the old file or the new one, never half."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Save atomically; raises :class:`ScenarioError` naming the path on failure."""
    try:
        write_text_atomic(path, json.dumps(scenario.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot save ({exc.strerror or exc})") from None


@cache
def presets() -> tuple[Scenario, ...]:
    """The shipped teaching scenarios, in menu order (files ``presets/NN-*.json``)."""
    folder = resources.files("rhizoviz.core").joinpath("data/presets")
    entries = sorted(
        (p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name
    )
    return tuple(
        loads_scenario(p.read_bytes(), f"rhizoviz/core/data/presets/{p.name}") for p in entries
    )


def preset(name: str) -> Scenario:
    """A shipped preset by its name (case-insensitive)."""
    for sc in presets():
        if sc.name.lower() == name.lower():
            return sc
    raise ScenarioError(f"unknown preset '{name}'")
