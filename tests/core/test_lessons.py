"""Lessons: the source document survives intact, links work, educators' files are safe."""

from __future__ import annotations

import dataclasses
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhizoviz.core import lessons as L
from rhizoviz.core.atlas import load_atlas
from rhizoviz.core.cuts import Cut, CutSet, parse_specs
from rhizoviz.core.outcome import evaluate
from rhizoviz.core.scenario import Scenario, preset, presets
from rhizoviz.core.session import Session
from rhizoviz.resources import lessons_dir

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "lessons" / "source" / "dorsal-rhizotomy-explained.txt"
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "dorsal-rhizotomy-explained.txt"
TITLE = "Dorsal Rhizotomy for Back Pain Relief Explained"

TOPICS = {
    "01-principle.md": ["Introduction", "Principle"],
    "02-evaluation.md": ["Evaluation"],
    "03-technique.md": ["Technique"],
    "04-benefits-and-risks.md": ["Benefits and risks"],
    "05-patient-selection.md": ["Patient selection"],
    "06-rehabilitation.md": ["Rehabilitation"],
    "07-advances.md": ["Advances"],
    "08-roots-and-the-exam.md": [
        "Dorsal, ventral and ganglion", "Touch and pin prick", "Reading the worksheet"
    ],
}


def norm(text: str) -> str:
    return " ".join(text.split())


def source_paragraphs() -> list[str]:
    """The document's paragraphs: one per line, title first.

    Two quirks of the document are undone here, as in the lessons: a paragraph broken
    across a blank line after "However," is joined, and the title, which the document
    repeats at the start of its first paragraph, is kept as the title only.
    """
    lines = [ln.strip() for ln in SOURCE.read_text(encoding="utf-8").split("\n") if ln.strip()]
    assert lines[0] == TITLE
    paras: list[str] = []
    for line in lines[1:]:
        if paras and paras[-1].endswith(","):
            paras[-1] += " " + line
        else:
            paras.append(line)
    assert paras[0].startswith(TITLE + " ")
    paras[0] = paras[0][len(TITLE) + 1 :]
    return paras


def quoted_blocks(markdown: str) -> list[str]:
    """Plain paragraphs of a lesson: by convention, the document's own text."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", markdown) if b.strip()]
    own = ("#", ">", "- ", "*Source:*", "**Try it", "```")
    return [norm(b) for b in blocks if not b.startswith(own) and not re.match(r"\d+\. ", b)]


@pytest.fixture(scope="module")
def lessons() -> list[L.Lesson]:
    return L.load_lessons()


# ---------------------------------------------------------------- content


def test_source_copy_is_the_given_document():
    if not SHARED_SOURCE.exists():
        pytest.skip("the shared source folder is not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_lessons_are_the_numbered_files_in_order(lessons):
    assert [lesson.path.name for lesson in lessons] == list(TOPICS)
    for lesson in lessons:
        first = lesson.markdown.split("\n", 1)[0]
        assert first == f"# {lesson.title}"


def test_every_paragraph_of_the_document_is_quoted_in_order(lessons):
    quoted = [q for lesson in lessons for q in quoted_blocks(lesson.markdown)]
    # Nothing else is quoted, nothing is left out, and the order is the document's.
    assert " ".join(quoted) == " ".join(norm(p) for p in source_paragraphs())
    together = " ".join(norm(lesson.text) for lesson in lessons)
    pos = 0
    for para in source_paragraphs():
        for piece in re.split(r"(?<=\.) (?=Postoperative|The surgical technique)", norm(para)):
            found = together.find(piece, pos)
            assert found >= 0, piece[:60]
            pos = found + len(piece)


def test_quoted_text_is_shown_verbatim_in_each_lesson(lessons):
    for lesson in lessons:
        for block in quoted_blocks(lesson.markdown):
            assert block in norm(lesson.text), (lesson.path.name, block[:60])


def test_each_lesson_has_its_topic_heading_and_names_the_source(lessons):
    for lesson in lessons:
        names = [h.text for h in lesson.headings if h.level == 2]
        for topic in TOPICS[lesson.path.name]:
            assert topic in names, (lesson.path.name, topic)
        assert TITLE in lesson.text
        lines = [ln for ln in lesson.text.split("\n") if ln.strip()]
        assert lines[1].startswith("Source:") and TITLE in lines[1]


def test_notes_are_marked_and_sourced(lessons):
    for lesson in lessons:
        notes = re.findall(r'<blockquote class="note">(.*?)</blockquote>', lesson.html, re.S)
        assert notes, lesson.path.name
        for note in notes:
            text = L.html_to_text(note)
            assert text.startswith("Note (rhizoviz):")
            assert "Source" in text, text[:80]


def _note_after(lesson: L.Lesson, phrase: str) -> str:
    """The notes that follow the quoted paragraph containing ``phrase``, up to the next one."""
    md = lesson.markdown
    start = md.index(phrase)
    rest = md[start:]
    end = len(rest)
    for quoted in quoted_blocks(rest)[1:]:
        end = min(end, rest.index(quoted.split()[0] + " " + quoted.split()[1]))
    return norm(" ".join(re.findall(r"^> ?(.*)$", rest[:end], re.M)))


def test_note_on_roots_lying_in_the_canal_not_the_cord(lessons):
    first = lessons[0]
    assert "nerve roots in the spinal cord" in norm(first.markdown)
    notes = _note_after(first, "nerve roots in the spinal cord")
    assert "not *in* the spinal cord" in notes
    assert "spinal canal" in notes and "dural sac" in notes and "Gray's Anatomy" in notes


def test_note_on_radiofrequency_rhizotomy_targeting_the_medial_branch(lessons):
    notes = _note_after(lessons[0], "addressing persistent back pain")
    assert "medial branch of the dorsal ramus" in notes
    assert "does not cut the dorsal root" in notes


def test_notes_on_sdr_weakness_overlap_and_root_blocks(lessons):
    by_name = {lesson.path.name: lesson for lesson in lessons}
    assert "selective dorsal rhizotomy" in _note_after(by_name["01-principle.md"], "spasticity")
    weakness = _note_after(by_name["04-benefits-and-risks.md"], "or weakness")
    assert "ventral (motor) roots are left intact" in weakness
    assert "three consecutive roots" in weakness
    assert "Sherrington" in _note_after(by_name["01-principle.md"], "The underlying principle")
    blocks = _note_after(by_name["02-evaluation.md"], "diagnostic nerve blocks")
    assert "diagnostic root blocks" in blocks


# ---------------------------------------------------------------- try-it links

LEFT, RIGHT = "left", "right"


def _all_actions(lessons: list[L.Lesson]) -> list[L.TryIt]:
    return [a for lesson in lessons for a in lesson.actions]


def _cuts(*items: tuple[str, str, float]) -> tuple[Cut, ...]:
    return tuple(Cut(level, side, f) for level, side, f in items)


def test_shipped_links_are_all_valid_and_labelled(lessons):
    actions = _all_actions(lessons)
    assert len(actions) >= 12
    for act in actions:
        assert isinstance(act, Scenario)
        assert act.label and act.cuts and act.model in ("overlap", "textbook")
        assert L.parse_try_link(act.url) == dataclasses.replace(act, label="")


def test_single_c6_then_c5_c7_show_overlap(lessons):
    by_url = {a.url: a for a in _all_actions(lessons)}
    c6 = by_url["rhizoviz:cut?spec=left:C6&model=overlap&name=Single%20C6"]
    assert c6.cuts == _cuts(("C6", LEFT, 1.0)) and c6.name == "Single C6"
    c5_c7 = by_url["rhizoviz:cut?spec=left:C5-C7&model=overlap&name=C5-C7"]
    assert c5_c7.cuts == _cuts(("C5", LEFT, 1.0), ("C6", LEFT, 1.0), ("C7", LEFT, 1.0))

    def thumb(act: L.TryIt) -> str:
        out = evaluate(act.cuts, act.model)
        return next(k.status for k in out.key_points if (k.level, k.side) == ("C6", LEFT))

    assert thumb(c6) == "impaired"
    assert thumb(c5_c7) == "absent"


def test_sdr_link_cuts_l2_to_s1_at_40_percent_both_sides(lessons):
    sdr = [a for a in _all_actions(lessons) if a.url.startswith("rhizoviz:cut?spec=both:L2-S1@0.4")]
    assert sdr
    levels = ("L2", "L3", "L4", "L5", "S1")
    expected = _cuts(*((lv, side, 0.4) for lv in levels for side in (LEFT, RIGHT)))
    assert sdr[0].cuts == expected
    out = evaluate(sdr[0].cuts, sdr[0].model)
    assert not [d for d in out.dermatomes if d.status == "absent"]


def test_c2_link_numbs_the_occiput(lessons):
    (c2,) = [a for a in _all_actions(lessons) if a.url.startswith("rhizoviz:cut?spec=left:C2")]
    assert c2.cuts == _cuts(("C2", LEFT, 1.0))
    out = evaluate(c2.cuts, c2.model)
    assert [(k.level, k.side) for k in out.key_points if k.status == "absent"] == [("C2", LEFT)]


def test_l3_l4_link_abolishes_the_patellar_reflex(lessons):
    (l3l4,) = [a for a in _all_actions(lessons) if a.url.startswith("rhizoviz:cut?spec=left:L3-L4")]
    assert l3l4.cuts == _cuts(("L3", LEFT, 1.0), ("L4", LEFT, 1.0))
    reflexes = {(r.name, r.side): r.status for r in evaluate(l3l4.cuts, l3l4.model).reflexes}
    assert reflexes[("patellar", LEFT)] == "absent"
    assert reflexes[("patellar", RIGHT)] == "normal"


def test_textbook_and_overlap_links_compare_the_same_cut(lessons):
    pair = [a for a in lessons[1].actions if a.cuts == _cuts(("C6", LEFT, 1.0))]
    assert sorted(a.model for a in pair) == ["overlap", "textbook"]
    status = {
        a.model: {(d.level, d.side): d.status for d in evaluate(a.cuts, a.model).dermatomes}
        for a in pair
    }
    assert status["textbook"][("C6", LEFT)] == "absent"
    assert status["overlap"][("C6", LEFT)] == "impaired"


def test_preset_links_apply_the_shipped_presets(lessons):
    presets = [a for a in _all_actions(lessons) if a.kind == "preset"]
    assert len({a.name for a in presets}) >= 6
    for act in presets:
        sc = preset(act.name)
        assert (act.cuts, act.model, act.description) == (sc.cuts, sc.model, sc.description)


def test_a_link_applies_through_the_session_as_one_undo_step(lessons):
    session = Session()
    act = lessons[0].actions[1]
    session.apply_scenario(act)
    assert session.cuts.cuts() == list(act.cuts)
    assert session.model == act.model
    session.undo()
    assert len(session.cuts) == 0


def test_links_parse_the_same_from_qt_style_decoded_text():
    encoded = "rhizoviz:preset?name=L3-L4%20%28patellar%20reflex%29"
    decoded = "rhizoviz:preset?name=L3-L4 (patellar reflex)"
    assert L.parse_try_link(encoded).cuts == L.parse_try_link(decoded).cuts
    act = L.parse_try_link("rhizoviz:cut?spec=right:T7-T9&spec=left:C6@0.5&name=a%2Bb")
    assert act.cuts == _cuts(
        ("C6", LEFT, 0.5), ("T7", RIGHT, 1.0), ("T8", RIGHT, 1.0), ("T9", RIGHT, 1.0)
    )
    assert act.name == "a+b" and act.model == "overlap"
    assert act.specs == ("right:T7-T9", "left:C6@0.5")
    assert L.parse_try_link("RHIZOVIZ://cut?spec=C6").cuts == _cuts(
        ("C6", LEFT, 1.0), ("C6", RIGHT, 1.0)
    )


@pytest.mark.parametrize(
    ("url", "token"),
    [
        ("rhizoviz:cut?spec=left:X9", "X9"),
        ("rhizoviz:cut?spec=up:C6", "up"),
        ("rhizoviz:cut?spec=left:C6@2", "2"),
        ("rhizoviz:cut?spec=left:C6&model=fancy", "fancy"),
        ("rhizoviz:cut?spec=left:C6&colour=red", "colour"),
        ("rhizoviz:cut?spec=left:C6&model=overlap&model=textbook", "model"),
        ("rhizoviz:cut?model=overlap", "spec"),
        ("rhizoviz:cut?spec=", "spec"),
        ("rhizoviz:cut?spec", "spec"),
        ("rhizoviz:explode?spec=left:C6", "explode"),
        ("rhizoviz:preset?name=No%20such%20preset", "No such preset"),
        ("rhizoviz:preset", "name"),
        ("https://example.com/", "https://example.com/"),
        ("rhizoviz:cut?spec=left:C6#x", "#"),
    ],
)
def test_bad_links_raise_naming_the_token(url, token):
    with pytest.raises(L.LessonError) as info:
        L.parse_try_link(url)
    message = str(info.value)
    assert token in message and "\n" not in message


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_either_parses_or_raises_lesson_error(text):
    for url in (text, "rhizoviz:" + text, "rhizoviz:cut?spec=" + text):
        try:
            act = L.parse_try_link(url)
        except L.LessonError as exc:
            assert "\n" not in str(exc)
        else:
            assert act.kind in ("cut", "preset") and act.cuts


LEVELS = load_atlas().level_names


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "left:", "right:", "both:", "LEFT:"]),
            st.sampled_from(LEVELS),
            st.one_of(st.none(), st.sampled_from(LEVELS)),
            st.one_of(st.none(), st.floats(min_value=0.01, max_value=1.0)),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([None, "overlap", "textbook"]),
)
@settings(max_examples=150, deadline=None)
def test_cut_links_apply_exactly_the_cuts_of_their_specs(parts, model):
    specs = [
        f"{side}{first}" + (f"-{last}" if last else "") + (f"@{f!r}" if f is not None else "")
        for side, first, last, f in parts
    ]
    url = "rhizoviz:cut?" + "&".join(f"spec={quote(s, safe=':@')}" for s in specs)
    url += f"&model={model}" if model else ""
    act = L.parse_try_link(url)
    assert act.cuts == tuple(CutSet(parse_specs(specs)).cuts())
    assert act.model == (model or "overlap") and act.specs == tuple(specs)


def test_a_broken_link_in_a_shipped_lesson_is_a_load_error(tmp_path):
    (tmp_path / "01-one.md").write_text(
        "# One\n\nSee [this](rhizoviz:cut?spec=left:C9).\n", encoding="utf-8"
    )
    with pytest.raises(L.LessonError, match=r"01-one\.md.*C9"):
        L.load_lessons(tmp_path)


def test_a_missing_or_empty_lessons_folder_is_a_lesson_error(tmp_path):
    with pytest.raises(L.LessonError, match="no lessons"):
        L.load_lessons(tmp_path)
    with pytest.raises(L.LessonError, match="cannot list"):
        L.load_lessons(tmp_path / "absent")


def test_a_shipped_lesson_must_start_with_its_title(tmp_path):
    (tmp_path / "01-one.md").write_text("Intro\n\n# One\n", encoding="utf-8")
    with pytest.raises(L.LessonError, match="first line"):
        L.load_lessons(tmp_path)


def test_a_shipped_anchor_link_must_name_a_heading(tmp_path):
    (tmp_path / "01-one.md").write_text("# One\n\n[up](#nowhere)\n", encoding="utf-8")
    with pytest.raises(L.LessonError, match="nowhere"):
        L.load_lessons(tmp_path)


def test_shipped_lessons_are_cached(lessons):
    again = L.load_lessons()
    assert again == lessons and all(a is b for a, b in zip(again, lessons, strict=True))
    assert L.load_lessons(lessons_dir())[0] is lessons[0]


# ---------------------------------------------------------------- safety

HOSTILE = [
    "<script>alert('x')</script>",
    '<iframe src="https://evil.example/"></iframe>',
    '<img src="http://evil.example/pixel.png">',
    '<a href="javascript:alert(1)">x</a>',
    '<style>body{background:url("http://evil.example/")}</style>',
    "<link rel=stylesheet href=http://evil.example/s.css>",
]
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "em", "strong", "code", "pre", "ul", "ol", "li",
    "blockquote", "a", "hr", "br",
}  # fmt: skip


class _Tags(HTMLParser):
    """The real tags and attributes of a fragment, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def assert_safe(fragment: str) -> None:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        assert set(attrs) <= {"href", "name", "class", "start"}, attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("rhizoviz:", "#", "http://", "https://")), href


def hrefs(fragment: str) -> list[str]:
    parser = _Tags()
    parser.feed(fragment)
    return [str(a["href"]) for _, a in parser.tags if "href" in a]


@pytest.mark.parametrize("raw", HOSTILE)
def test_raw_html_is_shown_as_text(raw, tmp_path):
    for name in ("evil.md", "evil.txt"):
        path = tmp_path / name
        path.write_text(f"# Evil\n\nBefore {raw} after.\n\n> {raw}\n\n- {raw}\n", encoding="utf-8")
        lesson = L.load_lesson_file(path)
        assert_safe(lesson.html)
        assert "<script" not in lesson.html and "<iframe" not in lesson.html
        assert "<img" not in lesson.html and "<style" not in lesson.html
        assert raw in lesson.text  # shown, as typed


def test_only_rhizoviz_anchor_and_web_links_are_clickable():
    out = L.markdown_to_html(
        "[a](rhizoviz:cut?spec=left:C6) [b](#top) [c](https://example.org/x?a=1&b=2) "
        "[d](javascript:alert(1)) [e](file:///etc/passwd) [f](data:text/html,hi) "
        "[g](02-evaluation.md) ![h](http://example.org/pixel.png) [i](mailto:x@example.org)"
    )
    assert_safe(out)
    assert hrefs(out) == ["rhizoviz:cut?spec=left:C6", "#top", "https://example.org/x?a=1&b=2"]
    assert "<img" not in out and "![h](http://example.org/pixel.png)" in out
    assert "[d](javascript:alert(1))" in out and "[e](file:///etc/passwd)" in out


def test_attribute_breakout_is_impossible():
    out = L.markdown_to_html('[x](https://a.example/"onmouseover="alert(1))')
    assert_safe(out)
    assert hrefs(out) == []


markdown_alphabet = st.lists(
    st.sampled_from(list("ab <>\"'&*_`[]()!#>-1.\\:/\n") + ["rhizoviz:", "http://", "    "]),
    max_size=120,
).map("".join)


@given(markdown_alphabet)
@settings(max_examples=300, deadline=None)
def test_any_markdown_converts_to_safe_html(text):
    assert_safe(L.markdown_to_html(text))


@given(markdown_alphabet)
@settings(max_examples=200, deadline=None)
def test_any_plain_text_converts_to_safe_html(text):
    lesson = L.lesson_from_text(text, "any.txt", "text")
    assert_safe(lesson.html)
    assert norm(lesson.text.replace(" [broken link]", "")) == norm(text)


def test_notes_and_try_it_paragraphs_carry_classes_the_style_sheet_uses(lessons):
    assert '<p class="try-it"><strong>Try it:</strong>' in lessons[0].html
    assert '<blockquote class="note"><p><strong>Note (rhizoviz):</strong>' in lessons[0].html
    assert "blockquote.note" in L.LESSON_CSS and "p.try-it" in L.LESSON_CSS


HOSTILE = {
    "emphasis openers": lambda k: "*a " * k,
    "strong openers": lambda k: "**x ** " * k,
    "open brackets": lambda k: "[" * k,
    "backticks": lambda k: "`" * 3 + "`x " * k,
    "nested quotes": lambda k: ">" * k + " deep",
    "nested lists": lambda k: "\n".join("  " * (i % 6) + "- item" for i in range(k)),
    "unclosed links": lambda k: "[a](" * k,
    "nested brackets": lambda k: "[" * (k // 2) + "x" + "]" * (k // 2),
}


def _converter_lines(text: str) -> int:
    """Lines of the lessons package executed converting ``text``: work counted, not timed."""
    package = str(Path(L.__file__).parent)
    count = 0

    def local(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        count += event == "line"
        return local

    def calls(frame, event, arg):  # noqa: ANN001, ANN202
        return local if frame.f_code.co_filename.startswith(package) else None

    sys.settrace(calls)
    try:
        L.markdown_to_html(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_costs_linear_work(case):
    """Four times the input, about four times the work: a converter that went back over
    the text for each delimiter (a hostile file's way to freeze the window) would do
    sixteen times as much."""
    make = HOSTILE[case]
    small, large = _converter_lines(make(1_000)), _converter_lines(make(4_000))
    assert large <= 6 * small, (small, large)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_at_full_size_is_safe(case):
    assert_safe(L.markdown_to_html(HOSTILE[case](50_000)))


# ---------------------------------------------------------------- educators' files


def test_markdown_file_loads_with_title_actions_and_problems(tmp_path):
    path = tmp_path / "mine.md"
    path.write_text(
        "Intro line before the title.\n\n# My lesson\n\n## Part one\n\n"
        "Cut [C6](rhizoviz:cut?spec=left:C6) or [nothing](rhizoviz:cut?spec=left:Q1).\n\n"
        "Back to [part one](#part-one) or [nowhere](#nowhere).\n",
        encoding="utf-8",
    )
    lesson = L.load_lesson_file(path)
    assert lesson.title == "My lesson" and lesson.format == "markdown"
    assert [a.label for a in lesson.actions] == ["C6"]
    assert "nothing [broken link]" in lesson.text
    assert len(lesson.problems) == 2
    assert "Q1" in lesson.problems[0] and "nowhere" in lesson.problems[1]
    assert lesson.action("rhizoviz:cut?spec=left:C6") is lesson.actions[0]


def test_plain_text_file_loads_as_paragraphs(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(
        "Roots and dermatomes\n\nA line\nand the next <b>line</b>.\n\n"
        "Try rhizoviz:cut?spec=left:C5-C7&name=Three%20roots. Then compare.\n",
        encoding="utf-8",
    )
    lesson = L.load_lesson_file(path)
    assert lesson.title == "Roots and dermatomes" and lesson.format == "text"
    assert lesson.html.startswith(
        '<h1><a name="roots-and-dermatomes"></a>Roots and dermatomes</h1>'
    )
    assert lesson.html.count("<p>") == 2
    assert "A line<br>and the next &lt;b&gt;line&lt;/b&gt;." in lesson.html
    (act,) = lesson.actions
    assert act.name == "Three roots" and len(act.cuts) == 3
    assert_safe(lesson.html)


def test_the_source_document_itself_opens_as_a_plain_text_lesson():
    lesson = L.load_lesson_file(SOURCE)
    assert lesson.title == TITLE
    for para in source_paragraphs():
        assert norm(para) in norm(lesson.text)


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    path = tmp_path / "win.md"
    path.write_bytes("\ufeff# Windows\r\n\r\nText\r\n".encode())
    lesson = L.load_lesson_file(path)
    assert lesson.title == "Windows" and "<p>Text</p>" in lesson.html


def test_non_utf8_file_is_a_one_line_error_naming_it(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("# Résumé\n".encode("latin-1"))
    with pytest.raises(L.LessonError) as info:
        L.load_lesson_file(path)
    assert str(path) in str(info.value) and "UTF-8" in str(info.value)
    assert "\n" not in str(info.value)


def test_oversized_file_is_an_error(tmp_path):
    path = tmp_path / "huge.md"
    path.write_bytes(b"# Huge\n\n" + b"x" * L.MAX_LESSON_BYTES)
    with pytest.raises(L.LessonError, match=r"huge\.md.*bytes"):
        L.load_lesson_file(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.md", b"# A\x00B\n", "NUL"),
        ("slides.pdf", b"%PDF-1.4\n", "not a lesson file"),
        ("missing.md", None, "cannot read"),
    ],
)
def test_other_bad_files(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(L.LessonError, match=message):
        L.load_lesson_file(path)


def test_a_folder_is_not_a_lesson(tmp_path):
    folder = tmp_path / "dir.md"
    folder.mkdir()
    with pytest.raises(L.LessonError, match="dir.md"):
        L.load_lesson_file(folder)


# ---------------------------------------------------------------- converter


def test_markdown_subset():
    out = L.markdown_to_html(
        "# Title #\n\n## Part *one*\n\nSome *em*, **strong**, ***both***, `a<b`, "
        "snake_case_name and 2 * 3 * 4.\n"
        "A second line \\*not em\\*.\n\n"
        "- one\n- two\n  continued\n\n  - nested\n- three\n\n"
        "3. three\n4. four\n\n"
        "> quoted\n> - in a list\n\n---\n\n```\n<raw> *kept*\n```\n"
    )
    assert '<h1><a name="title"></a>Title</h1>' in out
    assert '<h2><a name="part-one"></a>Part <em>one</em></h2>' in out
    assert "<em>em</em>, <strong>strong</strong>, <strong><em>both</em></strong>" in out
    assert "<code>a&lt;b</code>" in out and "snake_case_name and 2 * 3 * 4." in out
    assert "*not em*." in out
    nested = "<li><p>two continued</p>\n<ul><li>nested</li></ul></li><li>three</li></ul>"
    assert "<ul><li>one</li>" + nested in out
    assert '<ol start="3"><li>three</li><li>four</li></ol>' in out
    assert "<blockquote><p>quoted</p>\n<ul><li>in a list</li></ul></blockquote>" in out
    assert "<hr>" in out and "<pre><code>&lt;raw&gt; *kept*</code></pre>" in out


def test_numbers_in_running_text_do_not_start_lists():
    out = L.markdown_to_html("Foerster published in\n1933. His patients had rhizotomies.")
    assert "<ol" not in out and "1933. His" in out


def test_duplicate_headings_get_distinct_anchors():
    lesson = L.lesson_from_text("# A\n\n## Notes\n\n## Notes\n", "x.md")
    assert [h.anchor for h in lesson.headings] == ["a", "notes", "notes-2"]


# ---------------------------------------------------------------- search


def test_find_returns_lesson_index_and_snippet(lessons):
    hits = L.find(lessons, "RADICULAR pain")
    assert hits and hits[0][0] == 0
    assert "radicular pain" in hits[0][1].lower()
    assert len(hits[0][1]) < 140


def test_find_ignores_curly_quotes_dashes_and_spacing(lessons):
    assert [i for i, _ in L.find(lessons, "patient's   quality")] == [3]
    assert L.find(lessons, "L2-S1") and L.find(lessons, "L2–S1")


def test_find_lists_every_match_and_nothing_for_blank_or_absent(lessons):
    hits = L.find(lessons, "dermatome")
    assert len({i for i, _ in hits}) >= 3
    assert hits == sorted(hits, key=lambda h: h[0])
    assert L.find(lessons, "   ") == [] and L.find(lessons, "xylophone") == []
    assert len(L.find(lessons, "the", max_per_lesson=2)) <= 2 * len(lessons)


def test_every_preset_has_a_lesson_that_links_to_it() -> None:
    shipped = L.load_lessons()
    for sc in presets():
        index = L.lesson_for(sc, shipped)
        assert index is not None, sc.name
        links = shipped[index].actions
        assert any(a.name == sc.name or (a.cuts, a.model) == (sc.cuts, sc.model) for a in links)


def test_lesson_for_takes_the_first_lesson_by_preset_or_by_cuts() -> None:
    c2 = preset("C2 (occipital neuralgia)")
    unrelated = L.lesson_from_text("# A\n\n[x](rhizoviz:cut?spec=right:T4)\n", "a.md")
    by_cuts = L.lesson_from_text("# B\n\n[x](rhizoviz:cut?spec=left:C2&model=overlap)\n", "b.md")
    by_name = L.lesson_from_text(f"# C\n\n[x](rhizoviz:preset?name={quote(c2.name)})\n", "c.md")
    textbook = L.lesson_from_text("# D\n\n[x](rhizoviz:cut?spec=left:C2&model=textbook)\n",
                                  "d.md")
    assert L.lesson_for(c2, [unrelated, by_cuts, by_name]) == 1
    assert L.lesson_for(c2, [unrelated, by_name, by_cuts]) == 1
    assert L.lesson_for(c2, [unrelated, textbook]) is None  # another model is another lesson
    assert L.lesson_for(Scenario("nothing"), [unrelated, by_cuts]) is None


def test_a_preset_link_carries_the_presets_view() -> None:
    link = L.parse_try_link("rhizoviz:preset?name=" + quote("C2 (occipital neuralgia)"))
    assert link.view == "posterior"
    assert L.parse_try_link("rhizoviz:cut?spec=left:C2").view is None
