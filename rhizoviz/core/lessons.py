"""Lessons: the shipped Markdown lessons, an educator's own file, and their "Try it" links.

A lesson is Markdown (or plain text) turned into HTML for a Qt ``QTextBrowser``. The
converter is our own, for the small subset the lessons use (ATX headings, paragraphs,
emphasis and strong, inline code, lists, blockquotes, links, fenced code, rules),
because the general Markdown libraries pass raw HTML through, and an educator's file
must never make the viewer fetch or run anything:

* every piece of text is HTML-escaped, so ``<script>``, ``<iframe>`` or ``<img src=...>``
  in a file is shown as text; the converter only ever emits a fixed set of tags, with no
  ``<img>``, no ``style`` and no ``src`` attribute, so the browser has nothing to load;
* links become ``<a href>`` only for ``rhizoviz:`` "Try it" actions (validated here),
  ``#anchors`` inside the lesson, and ``http(s):`` addresses (shown, never followed by the
  viewer, which sets ``openLinks`` off); any other link (``javascript:``, ``file:``,
  relative paths, images) is shown as the text that was written.

"Try it" links apply a scenario in the 3D view::

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

Files are read as UTF-8 (a BOM is allowed) and at most :data:`MAX_LESSON_BYTES`; any other
bytes give a :class:`LessonError` naming the file rather than a silently garbled lesson.
A broken "Try it" link in a shipped lesson is a load error (tests catch it); in an
educator's file it is shown as plain text and listed in :attr:`Lesson.problems`.
"""

from __future__ import annotations

import html
import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote

from rhizoviz.core.cuts import Cut, CutSet, CutSpecError, parse_spec
from rhizoviz.core.outcome import DEFAULT_MODEL, MODELS
from rhizoviz.core.scenario import Scenario, ScenarioError, preset
from rhizoviz.core.userfile import read_user_file
from rhizoviz.resources import lessons_dir

MAX_LESSON_BYTES = 2_000_000
MAX_LINK_CHARS = 2_000
MAX_SPECS = 64
MAX_NAME_CHARS = 200
LESSON_SUFFIXES: dict[str, str] = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
SHIPPED_NAME = re.compile(r"^\d{2}-[a-z0-9-]+\.md$")

_MAX_DEPTH = 12  # nesting of blockquotes/lists/emphasis; deeper input is shown as text
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


#: A default style sheet for the lesson HTML (``QTextDocument.setDefaultStyleSheet``):
#: notes and "Try it" paragraphs stand out from the quoted document text.
LESSON_CSS = """
blockquote.note { background-color: #eef2f8; color: #2b3440; }
p.try-it { background-color: #e9f5ea; }
code { font-family: monospace; }
"""


class LessonError(ValueError):
    """A lesson file or a "Try it" link is invalid; the one-line message names it."""


# --------------------------------------------------------------------------- try-it links


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


def _esc(text: str) -> str:
    """Escape text for element content (attributes use ``html.escape(..., quote=True)``)."""
    return html.escape(text, quote=False)


def _show(token: str, limit: int = 80) -> str:
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
        raise LessonError(f"not a rhizoviz link: '{_show(raw)}'")
    if "#" in rest:
        raise LessonError(f"unexpected '#' in try-it link '{_show(raw)}' (write it as %23)")
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
            raise LessonError(f"bad parameter '{_show(part)}' in try-it link: expected key=value")
        if not value:
            raise LessonError(f"empty parameter '{_show(key)}' in try-it link '{_show(raw)}'")
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
            f"unknown try-it action '{_show(action)}': use rhizoviz:cut?spec=... "
            "or rhizoviz:preset?name=..."
        )
    unknown = sorted(set(params) - allowed[action])
    if unknown:
        raise LessonError(f"unknown parameter '{_show(unknown[0])}' in rhizoviz:{action} link")
    url = url.strip()
    if action == "preset":
        name = _single(params, "name")
        if name is None:
            raise LessonError("rhizoviz:preset link needs name=...")
        try:
            sc = preset(name)
        except ScenarioError:
            raise LessonError(f"unknown preset '{_show(name)}' in try-it link") from None
        return TryIt(sc.name, sc.description, sc.model, sc.cuts, sc.view, url=url,
                     kind="preset")
    specs = params.get("spec", ())
    if not specs:
        raise LessonError(f"rhizoviz:cut link needs at least one spec=...: '{_show(url)}'")
    if len(specs) > MAX_SPECS:
        raise LessonError(f"try-it link has {len(specs)} specs (at most {MAX_SPECS})")
    cuts: list[Cut] = []
    for spec in specs:
        try:
            cuts.extend(parse_spec(spec))
        except CutSpecError as exc:
            raise LessonError(
                f"bad spec '{_show(spec)}' in try-it link: {_show(str(exc), 160)}"
            ) from None
    model = _single(params, "model") or DEFAULT_MODEL
    if model not in MODELS:
        raise LessonError(f"unknown model '{_show(model)}' in try-it link: use overlap or textbook")
    name = _single(params, "name") or ", ".join(specs)
    if len(name) > MAX_NAME_CHARS:
        raise LessonError(f"try-it name is {len(name)} characters (at most {MAX_NAME_CHARS})")
    return TryIt(name, "", model, tuple(CutSet(cuts).cuts()), url=url, kind="cut")


# --------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class Heading:
    """A heading of a lesson, with the anchor name a ``#link`` or a contents list uses."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Lesson:
    """One lesson, ready to show: title, source file, text, safe HTML and its actions."""

    title: str
    path: Path
    markdown: str
    html: str
    actions: tuple[TryIt, ...] = ()
    headings: tuple[Heading, ...] = ()
    format: str = "markdown"  # "markdown" or "text" (a .txt file, shown as paragraphs)
    problems: tuple[str, ...] = ()  # broken links in an educator's file, one line each
    text: str = field(default="", repr=False)  # plain text as shown, for search

    def action(self, url: str) -> TryIt:
        """The action of a link in this lesson (any ``rhizoviz:`` URL is parsed afresh)."""
        for act in self.actions:
            if act.url == url:
                return act
        return parse_try_link(url)


def lesson_for(scenario: Scenario, lessons: Sequence[Lesson]) -> int | None:
    """The index of the first lesson that teaches ``scenario``, or None.

    A lesson teaches it when one of its try-it links opens that preset, or the same cuts
    under the same model: applying a preset from a menu can then bring its lesson
    beside the body, with no table to keep in step with the lesson files.
    """
    for index, lesson in enumerate(lessons):
        for act in lesson.actions:
            if (act.kind == "preset" and act.name == scenario.name) or (
                (act.cuts, act.model) == (scenario.cuts, scenario.model)
            ):
                return index
    return None


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def html_to_text(fragment: str) -> str:
    """Plain text of HTML this module made (block ends become line breaks)."""
    text = re.sub(r"<br>|</(?:p|h[1-6]|li|blockquote|pre|ul|ol)>|<hr>", "\n", fragment)
    text = re.sub(r"<[^>]*>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()


class _Inline:
    """Inline Markdown of one paragraph: escapes, code, links, emphasis.

    Delimiter positions are found once per paragraph and looked up with bisect, so a
    hostile paragraph (thousands of unmatched ``*`` or ``[``) costs n log n, not n².
    """

    def __init__(self, text: str, page: _Page) -> None:
        self.t = text
        self.page = page
        n = len(text)
        self.escaped: set[int] = set()
        i = 0
        while i < n:
            if text[i] == "\\" and i + 1 < n and text[i + 1] in _PUNCT:
                self.escaped.add(i + 1)
                i += 2
            else:
                i += 1
        # Runs of backticks, '*' and '_' (not escaped): start -> length.
        self.runs: dict[int, int] = {}
        by_kind: dict[tuple[str, int], list[int]] = {}
        i = 0
        while i < n:
            ch = text[i]
            if ch in "`*_" and i not in self.escaped:
                j = i + 1
                while j < n and text[j] == ch and j not in self.escaped:
                    j += 1
                self.runs[i] = j - i
                if ch == "`" or self._can_close(i, j):
                    by_kind.setdefault((ch, j - i), []).append(i)
                i = j
            else:
                i += 1
        self.closers = by_kind
        # Matching brackets for links.
        self.match: dict[int, int] = {}
        stack: list[int] = []
        for i, ch in enumerate(text):
            if i in self.escaped:
                continue
            if ch == "[":
                stack.append(i)
            elif ch == "]" and stack:
                self.match[stack.pop()] = i

    def _can_close(self, i: int, j: int) -> bool:
        t = self.t
        if i == 0 or t[i - 1].isspace():
            return False
        return not (t[i] == "_" and j < len(t) and t[j].isalnum())

    def _can_open(self, i: int, j: int) -> bool:
        t = self.t
        if j >= len(t) or t[j].isspace():
            return False
        return not (t[i] == "_" and i > 0 and t[i - 1].isalnum())

    def _closer(self, kind: tuple[str, int], after: int, end: int) -> int | None:
        positions = self.closers.get(kind, [])
        k = bisect_left(positions, after)
        if k < len(positions) and positions[k] + kind[1] <= end:
            return positions[k]
        return None

    _LINK_TAIL = re.compile(r'\(\s*([^\s()]{0,2000})(?:\s+"([^"\n]{0,300})")?\s*\)')

    def render(self, start: int, end: int, depth: int = 0, in_link: bool = False) -> str:
        t = self.t
        out: list[str] = []
        plain = start  # start of pending literal text
        i = start

        def flush(upto: int) -> None:
            if upto > plain:
                out.append(_esc(_unescape_md(t[plain:upto], self.escaped, plain)))

        while i < end:
            ch = t[i]
            if i in self.escaped or ch not in "`*_[!\\":
                i += 1
                continue
            if ch == "\\":
                i += 1
                continue
            if ch == "`":
                n = self.runs[i]
                close = self._closer(("`", n), i + n, end)
                if close is not None:
                    flush(i)
                    code = t[i + n : close].replace("\n", " ")
                    if code.strip() and code[0] == code[-1] == " ":
                        code = code[1:-1]
                    out.append(f"<code>{_esc(code)}</code>")
                    i = plain = close + n
                else:
                    i += n
                continue
            if ch in "*_":
                n = self.runs[i]
                if n <= 3 and depth < _MAX_DEPTH and self._can_open(i, i + n):
                    close = self._closer((ch, n), i + n + 1, end)
                    if close is not None:
                        flush(i)
                        inner = self.render(i + n, close, depth + 1, in_link)
                        if n == 1:
                            out.append(f"<em>{inner}</em>")
                        elif n == 2:
                            out.append(f"<strong>{inner}</strong>")
                        else:
                            out.append(f"<strong><em>{inner}</em></strong>")
                        i = plain = close + n
                        continue
                i += n
                continue
            image = ch == "!"
            bracket = i + 1 if image else i
            if image and not (bracket < end and t[bracket] == "[" and bracket not in self.escaped):
                i += 1
                continue
            close = self.match.get(bracket)
            tail = self._LINK_TAIL.match(t, close + 1, end) if close is not None else None
            if close is None or close >= end or tail is None:
                i = bracket + 1
                continue
            flush(i)
            source = t[i : tail.end()]
            if image or in_link or depth >= _MAX_DEPTH:
                out.append(_esc(source))  # images are never loaded: show what was written
            else:
                label = self.render(bracket + 1, close, depth + 1, in_link=True)
                out.append(self.page.link(label, tail.group(1), source))
            i = plain = tail.end()
        flush(end)
        return "".join(out)


def _unescape_md(chunk: str, escaped: set[int], offset: int) -> str:
    """Drop the backslash of Markdown escapes inside a literal chunk."""
    if "\\" not in chunk:
        return chunk
    return "".join(
        ch for k, ch in enumerate(chunk) if not (ch == "\\" and offset + k + 1 in escaped)
    )


class _Page:
    """Converts one file; collects its headings, actions, anchor links and problems."""

    def __init__(self, source: str, strict: bool) -> None:
        self.source = source
        self.strict = strict
        self.actions: list[TryIt] = []
        self.headings: list[Heading] = []
        self.anchor_links: list[str] = []
        self.problems: list[str] = []
        self._used: set[str] = set()

    def problem(self, message: str) -> None:
        if self.strict:
            raise LessonError(f"{self.source}: {message}")
        self.problems.append(message)

    def link(self, label: str, url: str, source: str) -> str:
        """HTML for ``[label](url)``: clickable only for the schemes the viewer handles."""
        lower = url.lower()
        if lower.startswith("rhizoviz:"):
            try:
                act = parse_try_link(url)
            except LessonError as exc:
                self.problem(f"broken try-it link '{_show(url)}': {exc}")
                return f"{label} [broken link]"
            self.actions.append(replace(act, label=html_to_text(label)))
            return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        if re.fullmatch(r"#[A-Za-z0-9_-]{1,100}", url):
            self.anchor_links.append(url[1:])
            return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        if lower.startswith(("http://", "https://")) and len(url) > len("https://"):
            return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        return _esc(source)

    def heading(self, level: int, inner_html: str) -> str:
        text = html_to_text(inner_html)
        anchor = _slug(text, self._used)
        self.headings.append(Heading(level, text, anchor))
        return f'<h{level}><a name="{anchor}"></a>{inner_html}</h{level}>'

    def inline(self, text: str, depth: int) -> str:
        return _Inline(text, self).render(0, len(text), depth)

    # -- blocks ----------------------------------------------------------------------
    _HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
    _FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
    _RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
    _ITEM = re.compile(r"^( {0,12})([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
    _QUOTE = re.compile(r"^ {0,3}> ?")

    def _starts_block(self, line: str, in_paragraph: bool) -> bool:
        if self._HEADING.match(line) or self._QUOTE.match(line):
            return True
        fence = self._FENCE.match(line)
        if fence and not (fence.group(1)[0] == "`" and "`" in line[fence.end() :]):
            return True
        if self._RULE.match(line):
            return True
        m = self._ITEM.match(line)
        if m and line[m.end() :].strip():
            marker = m.group(2)
            # A number inside running text ("in 1998. The ...") must not start a list.
            return not in_paragraph or not marker[0].isdigit() or marker[:-1] == "1"
        return False

    def blocks(self, lines: Sequence[str], depth: int = 0) -> str:
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if depth >= _MAX_DEPTH:
                out.append(f"<p>{_esc(' '.join(x.strip() for x in lines[i:]))}</p>")
                break
            fence = self._FENCE.match(line)
            if fence and not (fence.group(1)[0] == "`" and "`" in line[fence.end() :]):
                mark = fence.group(1)
                body: list[str] = []
                i += 1
                while i < n and not lines[i].strip().startswith(mark):
                    body.append(lines[i])
                    i += 1
                i += 1
                out.append(f"<pre><code>{_esc(chr(10).join(body))}</code></pre>")
                continue
            heading = self._HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                out.append(self.heading(level, self.inline(heading.group(2) or "", depth)))
                i += 1
                continue
            if self._RULE.match(line):
                out.append("<hr>")
                i += 1
                continue
            if self._QUOTE.match(line):
                body = []
                while i < n and lines[i].strip():
                    q = self._QUOTE.match(lines[i])
                    body.append(lines[i][q.end() :] if q else lines[i])
                    i += 1
                inner = self.blocks(body, depth + 1)
                is_note = bool(re.match(r"\s*\*\*Note\b", body[0]))
                cls = ' class="note"' if is_note else ""
                out.append(f"<blockquote{cls}>{inner}</blockquote>")
                continue
            item = self._ITEM.match(line)
            if item and line[item.end() :].strip():
                i = self._list(lines, i, depth, out)
                continue
            para = [line.strip()]
            i += 1
            while i < n and lines[i].strip() and not self._starts_block(lines[i], True):
                para.append(lines[i].strip())
                i += 1
            text = "\n".join(para)
            cls = ' class="try-it"' if re.match(r"\*\*Try it\b", text) else ""
            body_html = self.inline(text, depth).replace("\n", " ")  # soft line breaks
            out.append(f"<p{cls}>{body_html}</p>")
        return "\n".join(out)

    def _list(self, lines: Sequence[str], i: int, depth: int, out: list[str]) -> int:
        first = self._ITEM.match(lines[i])
        assert first is not None
        base = len(first.group(1))
        ordered = first.group(2)[0].isdigit()
        items: list[list[str]] = []
        n = len(lines)
        content_col = first.end()
        while i < n:
            line = lines[i]
            m = self._ITEM.match(line)
            is_item = (
                m is not None
                and line[m.end() :].strip() != ""
                and len(m.group(1)) <= base + 1
                and m.group(2)[0].isdigit() == ordered
            )
            if is_item and m is not None:
                items.append([line[m.end() :]])
                content_col = m.end()
                i += 1
                continue
            if not line.strip():
                nxt = i + 1
                while nxt < n and not lines[nxt].strip():
                    nxt += 1
                if nxt < n and (len(lines[nxt]) - len(lines[nxt].lstrip()) >= content_col):
                    items[-1].extend([""] * (nxt - i))
                    i = nxt
                    continue
                m = self._ITEM.match(lines[nxt]) if nxt < n else None
                if m and len(m.group(1)) <= base + 1 and m.group(2)[0].isdigit() == ordered:
                    i = nxt  # a loose list: the next item follows a blank line
                    continue
                break
            indent = len(line) - len(line.lstrip())
            if indent >= content_col:
                items[-1].append(line[content_col:])
            elif self._starts_block(line, True):
                break
            else:
                items[-1].append(line.strip())  # lazy continuation of the item's paragraph
            i += 1
        start = first.group(2)[:-1] if ordered else "1"
        tag = "ol" if ordered else "ul"
        attr = f' start="{int(start)}"' if ordered and int(start) != 1 else ""
        parts = []
        for body in items:
            inner = self.blocks(body, depth + 1)
            if inner.startswith("<p>") and inner.count("<p>") == 1 and inner.endswith("</p>"):
                inner = inner[3:-4]  # a tight item: no paragraph margin
            parts.append(f"<li>{inner}</li>")
        out.append(f"<{tag}{attr}>" + "".join(parts) + f"</{tag}>")
        return i


def _lines(text: str) -> list[str]:
    return text.replace("\t", "    ").split("\n")


def markdown_to_html(text: str) -> str:
    """Safe HTML for Markdown text (the subset described in the module docstring)."""
    return _Page("text", strict=False).blocks(_lines(_normalise(text)))


_BARE_LINK = re.compile(r"rhizoviz:[^\s<>()\"']+")


def _text_page(text: str, page: _Page) -> str:
    """HTML for plain text: blank lines separate paragraphs, line breaks are kept.

    A short first line standing alone is the title and becomes the heading.
    """
    paras = [p for p in re.split(r"\n[ \t]*\n", text.strip("\n")) if p.strip()]
    out = []
    if paras and "\n" not in paras[0].strip() and len(paras[0].strip()) <= MAX_NAME_CHARS:
        out.append(page.heading(1, _esc(paras.pop(0).strip())))
    for para in paras:
        pieces: list[str] = []
        pos = 0
        for m in _BARE_LINK.finditer(para):
            url = m.group(0).rstrip(".,;:!?")
            pieces.append(_esc(para[pos : m.start()]))
            pieces.append(page.link(_esc(url), url, url))
            pos = m.start() + len(url)
        pieces.append(_esc(para[pos:]))
        out.append("<p>" + "".join(pieces).replace("\n", "<br>") + "</p>")
    return "\n".join(out)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read(path: Path) -> str:
    """The text of a lesson file, or a one-line :class:`LessonError` naming it."""
    raw = read_user_file(path, MAX_LESSON_BYTES, LessonError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LessonError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        raise LessonError(f"{path}: contains NUL bytes; not a text file")
    return _normalise(text)


def lesson_from_text(
    text: str, path: str | os.PathLike[str], fmt: str = "markdown", strict: bool = False
) -> Lesson:
    """Build a :class:`Lesson` from text already read; ``path`` names it in messages."""
    path = Path(path)
    text = _normalise(text)
    page = _Page(str(path), strict)
    if fmt == "text":
        body = _text_page(text, page)
        first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
        title = first[:MAX_NAME_CHARS] or path.stem
    elif fmt == "markdown":
        body = page.blocks(_lines(text))
        h1 = [h for h in page.headings if h.level == 1]
        title = (h1 or page.headings or [Heading(1, path.stem, "")])[0].text or path.stem
    else:
        raise LessonError(f"{path}: unknown lesson format '{fmt}'")
    anchors = {h.anchor for h in page.headings}
    for name in page.anchor_links:
        if name not in anchors:
            page.problem(f"link to '#{name}', which is not a heading in this lesson")
    return Lesson(
        title=title,
        path=path,
        markdown=text,
        html=body,
        actions=tuple(page.actions),
        headings=tuple(page.headings),
        format=fmt,
        problems=tuple(page.problems),
        text=html_to_text(body),
    )


def load_lesson_file(path: str | os.PathLike[str]) -> Lesson:
    """An educator's own lesson (``.md``/``.markdown`` or ``.txt``), for "Open lesson…"."""
    path = Path(path)
    fmt = LESSON_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise LessonError(f"{path}: not a lesson file (use .md, .markdown or .txt)")
    return lesson_from_text(_read(path), path, fmt)


@cache
def _shipped(folder: str) -> tuple[Lesson, ...]:
    root = Path(folder)
    try:
        files = sorted(p for p in root.iterdir() if SHIPPED_NAME.match(p.name) and p.is_file())
    except OSError as exc:
        raise LessonError(f"{root}: cannot list lessons ({exc.strerror or exc})") from None
    if not files:
        raise LessonError(f"{root}: no lessons (files named NN-name.md)")
    lessons = []
    for p in files:
        text = _read(p)
        if not re.match(r"# \S", text):
            raise LessonError(f"{p}: the first line must be '# Title'")
        lessons.append(lesson_from_text(text, p, "markdown", strict=True))
    return tuple(lessons)


def load_lessons(folder: str | os.PathLike[str] | None = None) -> list[Lesson]:
    """The shipped lessons in order (``NN-name.md``), every "Try it" link validated.

    Read once and cached. ``folder`` defaults to :func:`rhizoviz.resources.lessons_dir`.
    """
    if folder is None:
        try:
            folder = lessons_dir()
        except FileNotFoundError as exc:
            raise LessonError(str(exc)) from None
    return list(_shipped(str(Path(folder).resolve())))


# --------------------------------------------------------------------------- search

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _fold(text: str) -> str:
    """Lower-case and plain punctuation, keeping every index in place."""
    text = text.translate(_FOLD)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def _searchable(text: str) -> tuple[str, str]:
    flat = " ".join(text.split())
    return flat, _fold(flat)


def find(
    lessons: Iterable[Lesson], query: str, *, max_per_lesson: int = 20, context: int = 40
) -> list[tuple[int, str]]:
    """Where ``query`` occurs: ``(lesson index, snippet)`` for each match, in order.

    A phrase search, ignoring case, runs of white space and curly versus straight quotes
    and dashes. Snippets are plain text with ``…`` where they are cut.
    """
    needle = _fold(" ".join(query.split()))
    if not needle:
        return []
    hits: list[tuple[int, str]] = []
    for index, lesson in enumerate(lessons):
        flat, folded = _searchable(lesson.text)
        pos, count = folded.find(needle), 0
        while pos >= 0 and count < max_per_lesson:
            hits.append((index, _snippet(flat, pos, pos + len(needle), context)))
            count += 1
            pos = folded.find(needle, pos + len(needle))
    return hits


def _snippet(flat: str, start: int, end: int, context: int) -> str:
    a, b = max(0, start - context), min(len(flat), end + context)
    if a > 0:
        space = flat.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    if b < len(flat):
        space = flat.rfind(" ", end, b)
        b = space if space >= 0 else b
    return ("…" if a > 0 else "") + flat[a:b] + ("…" if b < len(flat) else "")
