"""The lesson Markdown converter: Markdown or plain text to safe HTML for a ``QTextBrowser``.

It handles the small subset the lessons use (ATX headings, paragraphs, emphasis and
strong, inline code, lists, blockquotes, links, fenced code, rules), and it is kept,
rather than replaced by a general Markdown library, for two reasons:

* **Safe on any file.** An educator's file must never make the viewer fetch or run
  anything. Every piece of text is HTML-escaped, so ``<script>``, ``<iframe>`` or
  ``<img src=...>`` in a file is shown as text; only a fixed set of tags is ever
  emitted, with no ``<img>``, no ``style`` and no ``src`` attribute, so the browser has
  nothing to load. Links become ``<a href>`` only for ``rhizoviz:`` "Try it" actions
  (validated by :mod:`.links`), ``#anchors`` inside the lesson and ``http(s):`` addresses
  (shown, never followed: the viewer sets ``openLinks`` off); any other link
  (``javascript:``, ``file:``, relative paths, images) is shown as written. Python-Markdown
  3.11 and markdown-it-py 4.3 (``commonmark`` preset) both pass raw HTML through: the
  ``<script>`` and ``<img src="http://...">`` of a file reach the output.
* **Fast on hostile input.** Delimiters are indexed once per paragraph and found by
  bisection, and nesting stops at a fixed depth, so no input is quadratic. Measured on
  one core of a shared 2-core machine (Python 3.11; milliseconds for one conversion):

  ==========================================  =====  =============  ================
  input                                        ours   markdown-it-py  Python-Markdown
  ==========================================  =====  =============  ================
  100 000 ``*``                                  99             21                 6
  50 000 ``[`` then 50 000 ``]``                 72            619         > 130 000
  25 000 unclosed ``[a](``                       77            820         > 130 000
  33 000 ``*a`` emphasis openers                 87            476               186
  a list nested 2 000 deep                      257          1 567         > 130 000
  10 000 nested ``>``                           0.2            0.3             3 676
  ==========================================  =====  =============  ================

  (markdown-it-py's ``js-default`` preset, which escapes HTML, takes 4 240 ms on the
  brackets.) A lesson opened by mistake or on purpose cannot freeze the window.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rhizoviz.core.lessons.links import (
    MAX_NAME_CHARS,
    LessonError,
    TryIt,
    parse_try_link,
    shown,
)

_MAX_DEPTH = 12  # nesting of blockquotes/lists/emphasis; deeper input is shown as text
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


#: A default style sheet for the lesson HTML (``QTextDocument.setDefaultStyleSheet``):
#: notes and "Try it" paragraphs stand out from the quoted document text.
LESSON_CSS = """
blockquote.note { background-color: #eef2f8; color: #2b3440; }
p.try-it { background-color: #e9f5ea; }
code { font-family: monospace; }
"""


@dataclass(frozen=True)
class Heading:
    """A heading of a lesson, with the anchor name a ``#link`` or a contents list uses."""

    level: int
    text: str
    anchor: str


def _esc(text: str) -> str:
    """Escape text for element content (attributes use ``html.escape(..., quote=True)``)."""
    return html.escape(text, quote=False)


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

    def __init__(self, text: str, page: Page) -> None:
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


class Page:
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
                self.problem(f"broken try-it link '{shown(url)}': {exc}")
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


def split_lines(text: str) -> list[str]:
    """Lines of Markdown, tabs as four spaces (the block rules count columns)."""
    return text.replace("\t", "    ").split("\n")


def markdown_to_html(text: str) -> str:
    """Safe HTML for Markdown text (the subset described in the module docstring)."""
    return Page("text", strict=False).blocks(split_lines(normalise_newlines(text)))


_BARE_LINK = re.compile(r"rhizoviz:[^\s<>()\"']+")


def text_page(text: str, page: Page) -> str:
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


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
