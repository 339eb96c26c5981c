"""Lesson "Try it" links: ``rhizoviz:`` URLs that apply a scenario in the 3D view.

::

    rhizoviz:cut?spec=left:C6&model=overlap&name=Single%20C6
    rhizoviz:cut?spec=left:C5-C7&spec=right:C6@0.5
    rhizoviz:preset?name=Single%20C6%20cut

``spec`` uses the cut grammar of :func:`rhizoviz.core.cuts.parse_spec` and may repeat;
``model`` (``overlap`` or ``textbook``, default ``overlap``) and ``name`` are optional;
``preset`` names a shipped preset (case-insensitive). Values are percent-decoded
(``%20`` is a space; ``+`` stays a plus), so the link parses the same whether the UI hands
over a Qt ``QUrl.toString()`` (partly decoded) or the fully encoded form. A link becomes a
:class:`TryIt`, which *is* a :class:`~rhizoviz.core.scenario.Scenario`, so the viewer
applies it like any other scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, parse_spec
from rhizoviz.core.outcome import DEFAULT_MODEL, MODELS
from rhizoviz.core.scenario import Scenario, ScenarioError, preset

MAX_LINK_CHARS = 2_000
MAX_SPECS = 64
MAX_NAME_CHARS = 200


class LessonError(ValueError):
    """A lesson file or a "Try it" link is invalid; the one-line message names it."""


@dataclass(frozen=True)
class TryIt(Scenario):
    """A validated "Try it" action: a scenario, plus the link it came from.

    Being a :class:`Scenario` lets the UI hand it straight to the session (one undo step).
    ``kind`` is ``"cut"`` or ``"preset"``; ``label`` is the link text in the lesson.
    """

    url: str = ""
    kind: str = "cut"
    label: str = ""

    @property
    def specs(self) -> tuple[str, ...]:
        """The cut specs of a ``cut`` link, as written (empty for presets)."""
        return _link_params(self.url)[1].get("spec", ()) if self.kind == "cut" else ()


def shown(token: str, limit: int = 80) -> str:
    """A token made safe for a one-line message."""
    text = "".join(ch if ch.isprintable() else "?" for ch in token)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _link_params(url: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    """Split a ``rhizoviz:`` URL into its action and decoded parameters."""
    if not isinstance(url, str):
        raise LessonError("a try-it link must be text")
    raw = url.strip()
    if len(raw) > MAX_LINK_CHARS:
        raise LessonError(f"try-it link is {len(raw)} characters (at most {MAX_LINK_CHARS})")
    scheme, colon, rest = raw.partition(":")
    if not colon or scheme.lower() != "rhizoviz":
        raise LessonError(f"not a rhizoviz link: '{shown(raw)}'")
    if "#" in rest:
        raise LessonError(f"unexpected '#' in try-it link '{shown(raw)}' (write it as %23)")
    rest = rest.removeprefix("//")
    action, _, query = rest.partition("?")
    action = unquote(action).strip().strip("/").lower()
    params: dict[str, list[str]] = {}
    for part in query.split("&"):
        if not part.strip():
            continue
        key, eq, value = part.partition("=")
        key, value = unquote(key).strip().lower(), unquote(value).strip()
        if not eq:
            raise LessonError(f"bad parameter '{shown(part)}' in try-it link: expected key=value")
        if not value:
            raise LessonError(f"empty parameter '{shown(key)}' in try-it link '{shown(raw)}'")
        params.setdefault(key, []).append(value)
    return action, {k: tuple(v) for k, v in params.items()}


def _single(params: dict[str, tuple[str, ...]], key: str) -> str | None:
    values = params.get(key, ())
    if len(values) > 1:
        raise LessonError(f"parameter '{key}' given {len(values)} times in try-it link")
    return values[0] if values else None


def parse_try_link(url: str) -> TryIt:
    """Turn a ``rhizoviz:`` URL into a validated :class:`TryIt`.

    Raises :class:`LessonError` naming the bad token (action, parameter, spec, model or
    preset name). See the module docstring for the URL scheme.
    """
    action, params = _link_params(url)
    allowed = {"cut": {"spec", "model", "name"}, "preset": {"name"}}
    if action not in allowed:
        raise LessonError(
            f"unknown try-it action '{shown(action)}': use rhizoviz:cut?spec=... "
            "or rhizoviz:preset?name=..."
        )
    unknown = sorted(set(params) - allowed[action])
    if unknown:
        raise LessonError(f"unknown parameter '{shown(unknown[0])}' in rhizoviz:{action} link")
    url = url.strip()
    if action == "preset":
        name = _single(params, "name")
        if name is None:
            raise LessonError("rhizoviz:preset link needs name=...")
        try:
            sc = preset(name)
        except ScenarioError:
            raise LessonError(f"unknown preset '{shown(name)}' in try-it link") from None
        return TryIt(sc.name, sc.description, sc.model, sc.cuts, sc.view, url=url,
                     kind="preset")
    specs = params.get("spec", ())
    if not specs:
        raise LessonError(f"rhizoviz:cut link needs at least one spec=...: '{shown(url)}'")
    if len(specs) > MAX_SPECS:
        raise LessonError(f"try-it link has {len(specs)} specs (at most {MAX_SPECS})")
    cuts: list[Cut] = []
    for spec in specs:
        try:
            cuts.extend(parse_spec(spec))
        except CutSpecError as exc:
            raise LessonError(
                f"bad spec '{shown(spec)}' in try-it link: {shown(str(exc), 160)}"
            ) from None
    model = _single(params, "model") or DEFAULT_MODEL
    if model not in MODELS:
        raise LessonError(f"unknown model '{shown(model)}' in try-it link: use overlap or textbook")
    name = _single(params, "name") or ", ".join(specs)
    if len(name) > MAX_NAME_CHARS:
        raise LessonError(f"try-it name is {len(name)} characters (at most {MAX_NAME_CHARS})")
    return TryIt(name, "", model, tuple(CutSet(cuts).cuts()), url=url, kind="cut")
