"""Hostile and broken lesson files through File > Open lesson: nothing fetched, run or lost.

A lesson is Markdown from an educator; it may carry raw HTML (``<script>``,
``<iframe>``, remote images) pasted from the web. The app must show it without
loading any resource (``QTextBrowser.loadResource`` is spied on: Qt calls it for every
image, style sheet or background the document asks for), without a clickable
``javascript:`` or ``file:`` link, and a file that is too big or not UTF-8 must be
refused with one line while the lesson on screen and the student's cuts stay.
``tests/core/test_lessons.py`` checks the sanitiser's HTML; this suite checks what the
app's browser actually does with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtCore import QUrl
from PyQt6.QtGui import QTextDocument
from PyQt6.QtWidgets import QFileDialog

from rhizoviz.core.lessons import MAX_LESSON_BYTES

HOSTILE: dict[str, str] = {
    "script": "<script>alert('x')</script>",
    "script in attribute": '<p onclick="alert(1)">click</p><svg onload="alert(1)"></svg>',
    "iframe": '<iframe src="http://example.org/frame.html"></iframe>',
    "remote img": '<img src="http://example.org/track.png">',
    "remote img https single quotes": "<img src='https://example.org/t.png' width=1>",
    "markdown image": "![tracking pixel](http://example.org/pixel.png)",
    "image inside a link": "[![x](http://example.org/a.png)](http://example.org/)",
    "data url image": '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB">',
    "table background": '<table background="http://example.org/bg.png"><tr><td>x</td></tr>'
                        "</table>",
    "body background": '<body background="http://example.org/bg.png">x</body>',
    "style import": "<style>@import url(http://example.org/s.css);</style>",
    "link stylesheet": '<link rel="stylesheet" href="http://example.org/s.css">',
    "object": '<object data="http://example.org/x.swf"></object>',
    "javascript link": '<a href="javascript:alert(1)">x</a> and [y](javascript:alert(1))',
    "file link": "[passwords](file:///etc/passwd)",
    "entities": "&lt;img src=http://example.org/e.png&gt; &#60;script&#62;",
    "broken try-it": "[Try it](rhizoviz:cut?spec=Q9) and [huge](rhizoviz:cut?spec="
                     + "C5," * 2000 + "C6)",
}
CLICKABLE_SCHEMES = {"rhizoviz", "http", "https", ""}


class ResourceSpy:
    """Records every resource a QTextBrowser asks for (instances can be patched in PyQt)."""

    def __init__(self, browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.urls: list[str] = []
        original = browser.loadResource

        def spy(kind: int, url: QUrl) -> Any:
            self.urls.append(url.toString())
            return original(kind, url)

        monkeypatch.setattr(browser, "loadResource", spy, raising=False)


def _images_in(document: QTextDocument) -> list[str]:
    """Names of the images the document holds (image character formats)."""
    names = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def _anchors_in(document: QTextDocument) -> list[str]:
    hrefs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                hrefs.extend(fmt.anchorHref().split() or [""])
            it += 1
        block = block.next()
    return hrefs


def _open_lesson(window: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.command("open_lesson_dialog").trigger()


def _lesson_snapshot(window: Any) -> dict[str, Any]:
    view = window.lesson_view
    return {
        "count": len(view.lessons),
        "index": view.index,
        "combo": view.combo.count(),
        "html": view.browser.toHtml(),
        "state": window.session.state,
        "can_undo": window.session.can_undo,
    }


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_lesson_fetches_nothing_and_runs_nothing(
    window: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    qapp: Any, case: str,
) -> None:
    browser = window.lesson_view.browser
    spy = ResourceSpy(browser, monkeypatch)
    path = tmp_path / "pasted from the web.md"
    path.write_text(f"# Pasted lesson\n\nBefore.\n\n{HOSTILE[case]}\n\nAfter.\n", "utf-8")
    state = window.session.state
    _open_lesson(window, path, monkeypatch)
    for _ in range(3):  # let the browser lay out and paint: that is when images load
        qapp.processEvents()
    assert not warnings_shown, warnings_shown
    assert window.lesson_view.current_title() == "Pasted lesson"
    document = browser.document()
    assert _images_in(document) == []
    assert spy.urls == [], f"the browser asked for {spy.urls}"
    text = browser.toPlainText()
    assert "Before." in text and "After." in text
    raw = HOSTILE[case]
    if raw.startswith("<"):  # raw HTML is shown as the text it is, not obeyed
        opening = raw.split()[0].split(">")[0]
        assert opening in text, (opening, text)
    hrefs = _anchors_in(document)
    assert all(QUrl(h).scheme() in CLICKABLE_SCHEMES for h in hrefs), hrefs
    for href in hrefs:  # a student clicks every link: only rhizoviz: ones may act
        if QUrl(href).scheme() != "rhizoviz":
            browser.anchorClicked.emit(QUrl(href))
    assert window.session.state == state


@pytest.mark.parametrize(
    ("case", "content", "needle"),
    [
        ("10 MB", b"# Big\n\n" + b"word " * (10 * 1024 * 1024 // 5), "bytes"),
        ("just over the limit", b"# Big\n\n" + b"x" * MAX_LESSON_BYTES, "bytes"),
        ("Latin-1", "# Caf\u00e9\n\nna\u00efve\n".encode("latin-1"), "UTF-8"),
        ("UTF-16", "# Lesson\n\ntext\n".encode("utf-16"), ""),
        ("NUL bytes", b"# Lesson\n\n\x00\x00\x00binary", ""),
        ("a PNG renamed", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ""),
    ],
)
def test_bad_lesson_file_is_refused_and_the_lesson_stays(
    window: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    case: str, content: bytes, needle: str,
) -> None:
    window.lesson_view.step(1)
    window.session.toggle("C6", "left")
    before = _lesson_snapshot(window)
    path = tmp_path / "lesson.md"
    path.write_bytes(content)
    _open_lesson(window, path, monkeypatch)
    assert len(warnings_shown) == 1, (case, warnings_shown)
    text = warnings_shown[0][1]
    assert "lesson.md" in text and needle in text and "\n" not in text
    assert _lesson_snapshot(window) == before


@pytest.mark.parametrize("where", ["missing", "folder", "wrong suffix", "dangling link"])
def test_a_path_that_is_not_a_lesson(
    window: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    path = tmp_path / ("lesson.exe" if where == "wrong suffix" else "lesson.md")
    if where == "folder":
        path.mkdir()
    elif where == "wrong suffix":
        path.write_text("# Fine text\n", "utf-8")
    elif where == "dangling link":
        path.symlink_to(tmp_path / "gone.md")
    before = _lesson_snapshot(window)
    _open_lesson(window, path, monkeypatch)
    assert len(warnings_shown) == 1 and path.name in warnings_shown[0][1]
    assert _lesson_snapshot(window) == before


def test_a_large_valid_lesson_opens(
    window: Any, warnings_shown: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Just under the size limit, hundreds of paragraphs: it opens and stays usable."""
    para = "The dorsal root carries sensation; *this* is **emphasis** and `code`.\n\n"
    body = para * ((MAX_LESSON_BYTES - 1000) // len(para))
    path = tmp_path / "long.md"
    path.write_text("# Long lesson\n\n" + body, "utf-8")
    _open_lesson(window, path, monkeypatch)
    assert not warnings_shown
    assert window.lesson_view.current_title() == "Long lesson"
    window.lesson_view.search.setText("sensation")
    assert window.lesson_view.find_next()


def test_the_spy_would_see_a_fetch(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the same spy on a plain browser does see an <img> being asked for, so
    the empty lists above mean nothing was asked, not that the spy was deaf."""
    from PyQt6.QtWidgets import QTextBrowser

    browser = QTextBrowser()
    spy = ResourceSpy(browser, monkeypatch)
    browser.setHtml('<p>x<img src="http://example.org/control.png"></p>')
    browser.show()
    qapp.processEvents()
    assert "http://example.org/control.png" in spy.urls
    assert _images_in(browser.document()) == ["http://example.org/control.png"]
    browser.close()
