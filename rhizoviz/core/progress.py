"""A student's quiz progress, kept between runs: scores per kind and region, over time.

Stored as one small JSON file in the platform's application-data folder
(``platformdirs.user_data_dir("rhizoviz")``), or in the folder named by the
``RHIZOVIZ_DATA_DIR`` environment variable or the ``folder`` argument (tests, a
lecture-hall machine with a shared profile). Written atomically; read with a byte
bound and only if a regular file. A damaged file is reported in one line and the
student starts afresh rather than losing the app.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rhizoviz.core.quiz import KINDS
from rhizoviz.core.quiz_draw import DIFFICULTIES
from rhizoviz.core.scenario import write_text_atomic
from rhizoviz.core.userfile import read_user_file

ENV_FOLDER = "RHIZOVIZ_DATA_DIR"
FILE_NAME = "quiz-progress.json"
SCHEMA = "rhizoviz-progress/1"
MAX_PROGRESS_BYTES = 2_000_000
MAX_ATTEMPTS = 5_000  # the oldest answers are dropped past this: the chart shows recent weeks
_ATTEMPT_KEYS = {"time", "kind", "difficulty", "regions", "score"}


class ProgressError(ValueError):
    """The progress file is unusable; the one-line message names the file and field."""


@dataclass(frozen=True)
class Attempt:
    """One answered question."""

    time: str  # ISO 8601, UTC, seconds
    kind: str
    difficulty: str
    regions: tuple[str, ...]
    score: float  # 0..1

    def to_json(self) -> dict[str, Any]:
        return {"time": self.time, "kind": self.kind, "difficulty": self.difficulty,
                "regions": list(self.regions), "score": self.score}


@dataclass(frozen=True)
class Tally:
    answered: int
    mean_score: float


def progress_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """Where progress lives: ``folder``, else ``$RHIZOVIZ_DATA_DIR``, else the platform's."""
    if folder is not None:
        return Path(folder)
    env = os.environ.get(ENV_FOLDER)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("rhizoviz", appauthor=False))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Progress:
    """The attempts so far, with summaries for the progress chart."""

    path: Path
    attempts: list[Attempt] = field(default_factory=list)

    # -- summaries ------------------------------------------------------------------
    def _tally(self, picks: Iterable[Attempt]) -> Tally:
        scores = [a.score for a in picks]
        return Tally(len(scores), sum(scores) / len(scores) if scores else 0.0)

    def by_kind(self) -> dict[str, Tally]:
        """Every quiz kind, in the quiz's order, answered or not."""
        return {k: self._tally(a for a in self.attempts if a.kind == k) for k in KINDS}

    def by_region(self) -> dict[str, Tally]:
        """Regions that have been asked about, cranio-caudal."""
        from rhizoviz.core.atlas import load_atlas

        names = [r.name for r in load_atlas().regions]
        asked = {r for a in self.attempts for r in a.regions}
        return {r: self._tally(a for a in self.attempts if r in a.regions)
                for r in names if r in asked}

    def history(self) -> list[tuple[str, Tally]]:
        """Per day (UTC date), the questions answered and their mean score: the chart."""
        days: dict[str, list[Attempt]] = {}
        for a in self.attempts:
            days.setdefault(a.time[:10], []).append(a)
        return [(day, self._tally(days[day])) for day in sorted(days)]

    # -- changes --------------------------------------------------------------------
    def record(self, kind: str, difficulty: str, regions: Iterable[str], score: float,
               when: str | None = None) -> Attempt:
        """Add one answer and save at once (a crash never loses more than the current one)."""
        attempt = _attempt({"time": when or _now(), "kind": kind, "difficulty": difficulty,
                            "regions": list(regions), "score": score}, "answer")
        self.attempts.append(attempt)
        del self.attempts[:-MAX_ATTEMPTS]
        self.save()
        return attempt

    def reset(self) -> None:
        """Forget every answer (the file is removed; the folder stays)."""
        self.attempts.clear()
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise ProgressError(f"{self.path}: cannot remove ({exc.strerror or exc})") from None

    def save(self) -> None:
        data = {"schema": SCHEMA, "attempts": [a.to_json() for a in self.attempts]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(data, indent=1) + "\n")
        except OSError as exc:
            raise ProgressError(f"{self.path}: cannot save ({exc.strerror or exc})") from None


def _attempt(raw: Any, where: str) -> Attempt:
    if not isinstance(raw, dict):
        raise ProgressError(f"{where} must be an object")
    for key in sorted(_ATTEMPT_KEYS):
        if key not in raw:
            raise ProgressError(f"{where}: missing field '{key}'")
    extra = sorted(set(raw) - _ATTEMPT_KEYS)
    if extra:
        raise ProgressError(f"{where}: unknown field '{extra[0]}'")
    when = raw["time"]
    try:
        datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        when = None
    if not isinstance(when, str):
        raise ProgressError(f"{where}: field 'time' must be an ISO date and time")
    if raw["kind"] not in KINDS:
        raise ProgressError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}")
    if raw["difficulty"] not in DIFFICULTIES:
        raise ProgressError(f"{where}: field 'difficulty' must be one of {', '.join(DIFFICULTIES)}")
    regions = raw["regions"]
    if not isinstance(regions, list) or not all(isinstance(r, str) for r in regions):
        raise ProgressError(f"{where}: field 'regions' must be a list of region names")
    score = raw["score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise ProgressError(f"{where}: field 'score' must be a number from 0 to 1")
    return Attempt(when, raw["kind"], raw["difficulty"], tuple(regions), float(score))


def load_progress(folder: str | os.PathLike[str] | None = None) -> Progress:
    """The saved progress (empty if none yet); :class:`ProgressError` if the file is bad."""
    path = progress_folder(folder) / FILE_NAME
    if not path.exists() and not path.is_symlink():
        return Progress(path)
    raw = read_user_file(path, MAX_PROGRESS_BYTES, ProgressError)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProgressError(f"{path}: not a JSON progress file") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ProgressError(f"{path}: field 'schema' must be '{SCHEMA}'")
    attempts = data.get("attempts")
    if not isinstance(attempts, list):
        raise ProgressError(f"{path}: field 'attempts' must be a list")
    return Progress(path, [_attempt(a, f"{path}: attempts[{i}]")
                           for i, a in enumerate(attempts[-MAX_ATTEMPTS:])])


def load_or_start_afresh(folder: str | os.PathLike[str] | None = None
                         ) -> tuple[Progress, str | None]:
    """Progress to use, and the one-line problem if the saved file had to be set aside.

    A bad file is left where it is (not overwritten) until the next answer is saved.
    """
    try:
        return load_progress(folder), None
    except ProgressError as exc:
        return Progress(progress_folder(folder) / FILE_NAME), str(exc)
