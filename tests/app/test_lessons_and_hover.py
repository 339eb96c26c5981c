"""Lesson viewer flows and hover names in the 3D view."""

from __future__ import annotations

import numpy as np
from PyQt6.QtCore import QPoint, QUrl
from PyQt6.QtWidgets import QMessageBox


def test_hovering_a_key_point_names_it(qtbot, window):  # noqa: ANN001
    window.set_view("anterior")
    window.session.toggle("C6", "left")
    point = np.asarray(window.body.key_points[("C6", "left")], dtype=float)
    x, y = window.scene.project(point[None, :])[0]
    assert window.scene.key_point_at(x, y) == ("C6", "left")
    ratio = window.plotter.devicePixelRatioF()
    qtbot.mouseMove(window.plotter, QPoint(round(x / ratio), round(y / ratio)))
    qtbot.waitUntil(lambda: "key sensory point" in window.hover_label.text(), timeout=3000)
    text = window.hover_label.text()
    assert text.startswith("Left C6 key sensory point") and "impaired" in text
    assert window.plotter.toolTip() == text


def test_lesson_navigation_and_search(qtbot, window):  # noqa: ANN001
    view = window.lesson_view
    assert view.index == 0 and not view.prev_button.isEnabled()
    view.next_button.click()
    assert view.index == 1 and view.combo.currentIndex() == 1
    view.combo.setCurrentIndex(len(view.lessons) - 1)
    assert view.index == len(view.lessons) - 1 and not view.next_button.isEnabled()
    assert view.current_title() in window.status_label.text()
    view.show_lesson(0)
    view.search.setText("selective dorsal rhizotomy")
    assert view.find_next()
    assert "selective dorsal rhizotomy" in view.browser.textCursor().selectedText().lower()
    view.search.setText("no such phrase anywhere")
    assert not view.find_next()
    assert "not in any lesson" in window.statusBar().currentMessage()
    assert view.browser.textInteractionFlags()  # selectable text


def test_non_rhizoviz_links_are_never_followed(qtbot, window):  # noqa: ANN001
    before = window.session.state
    window.lesson_view.follow_link(QUrl("https://example.org/x"))
    window.lesson_view.follow_link(QUrl("file:///etc/passwd"))
    assert window.session.state == before
    assert "offline" in window.statusBar().currentMessage()
    assert not window.lesson_view.browser.openLinks()
    assert not window.lesson_view.browser.openExternalLinks()


def test_open_an_educators_lesson(qtbot, window, tmp_path, monkeypatch):  # noqa: ANN001
    md = tmp_path / "mine.md"
    md.write_text(
        "# My lesson\n\nSee <img src='http://x/y.png'> here.\n\n"
        "[Cut right T4](rhizoviz:cut?spec=right:T4&name=T4)\n",
        encoding="utf-8",
    )
    view = window.lesson_view
    assert view.open_lesson_file(str(md))
    assert view.current_title() == "My lesson"
    assert view.combo.currentText() == "My lesson"
    assert "<img" in view.browser.toPlainText()  # shown as text, never loaded
    view.follow_link(QUrl("rhizoviz:cut?spec=right:T4&name=T4"))
    assert dict(window.session.state.cuts) == {("T4", "right"): 1.0}
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF")
    assert not view.open_lesson_file(str(bad))
    assert len(shown) == 1 and "x.pdf" in shown[0][2]
