"""The worksheet drawing: what it writes in which cell, its marks, its fonts at A4, the files."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from PyQt6.QtCore import QRectF
from PyQt6.QtGui import QImage, QPainter

from rhizoviz.app.worksheet_paint import (
    A4_PT,
    MIN_FONT_PT,
    PNG_DPI,
    SheetInfo,
    WorksheetExportError,
    page_image,
    paint_sheet,
    sheet_height,
    write_worksheet,
)
from rhizoviz.core.cuts import CutSet, parse_spec
from rhizoviz.core.exam import SENSORY_LEVELS, Worksheet, worksheet_from_outcome
from rhizoviz.core.outcome import evaluate


def sheet_for(*specs: str, model: str = "overlap") -> Worksheet:
    cuts = CutSet([c for s in specs for c in parse_spec(s)])
    return worksheet_from_outcome(evaluate(cuts, model))


INFO = SheetInfo("Left C5\u2013C7 (test)", "2026-01-02", "overlap", "Cut: left C5\u2013C7")


class RecordingPainter(QPainter):
    """A QPainter that notes every text it draws: where, what, bold, colour, size in pt."""

    def __init__(self, device) -> None:  # noqa: ANN001
        super().__init__(device)
        self.texts: list[dict] = []

    def drawText(self, rect, flags, text):  # noqa: ANN001, ANN201, N802 - Qt name
        transform = self.worldTransform()
        mapped = transform.mapRect(QRectF(rect))
        self.texts.append({
            "text": text, "x": mapped.center().x(), "y": mapped.center().y(),
            "bold": self.font().bold(), "colour": self.pen().color().name(),
            # physical size: the font's points on this device, times the painter's scale
            "pt": self.font().pointSizeF() * transform.m11(),
        })
        return super().drawText(rect, flags, text)


def record(sheet: Worksheet, info: SheetInfo = INFO) -> list[dict]:
    image = QImage(700, 1000, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(72 / 0.0254))
    image.setDotsPerMeterY(round(72 / 0.0254))
    painter = RecordingPainter(image)
    height = paint_sheet(painter, sheet, info)
    painter.end()
    assert height == pytest.approx(sheet_height())
    return painter.texts


def row_cells(texts: list[dict], level: str, side: str) -> list[dict]:
    """The cells drawn on ``level``'s row on one side, from the page's left to its right."""
    labels = sorted((t for t in texts if t["text"] == level), key=lambda t: t["x"])
    label = labels[0] if side == "right" else labels[-1]
    middle = (labels[0]["x"] + labels[-1]["x"]) / 2
    on_row = [t for t in texts if abs(t["y"] - label["y"]) < 1.0 and t is not label
              and t["text"].isdigit()]
    if side == "right":
        cells = [t for t in on_row if label["x"] < t["x"] < middle]
    else:
        cells = [t for t in on_row if middle < t["x"] < label["x"]]
    return sorted(cells, key=lambda t: t["x"])


def test_each_row_carries_its_scores_in_the_worksheets_order(qapp) -> None:  # noqa: ANN001
    sheet = sheet_for("left:C5-C7")
    texts = record(sheet)
    for row in sheet.rows():
        right = [t["text"] for t in row_cells(texts, row.level, "right")]
        left = [t["text"] for t in row_cells(texts, row.level, "left")]
        motor = [] if row.right.motor is None else [str(row.right.motor)]
        # right: motor, LTR, PPR; left mirrored: LTL, PPL, motor
        assert right == [*motor, str(row.right.light_touch), str(row.right.pin_prick)]
        motor = [] if row.left.motor is None else [str(row.left.motor)]
        assert left == [str(row.left.light_touch), str(row.left.pin_prick), *motor]


def test_the_thumb_after_left_c5_c7_is_marked_pin_prick_0_touch_1(qapp) -> None:  # noqa: ANN001
    texts = record(sheet_for("left:C5-C7"))
    lt, pp, motor = row_cells(texts, "C6", "left")
    assert (lt["text"], pp["text"], motor["text"]) == ("1", "0", "5")
    assert lt["bold"] and pp["bold"] and not motor["bold"]
    assert len({lt["colour"], pp["colour"], motor["colour"]}) == 3  # altered, absent, normal
    right = row_cells(texts, "C6", "right")
    assert [t["text"] for t in right] == ["5", "2", "2"] and not any(t["bold"] for t in right)


def test_a_weak_muscle_and_the_totals_are_marked(qapp) -> None:  # noqa: ANN001
    sheet = sheet_for("ventral:left:L5")
    texts = record(sheet)
    motor = row_cells(texts, "L5", "left")[-1]
    assert int(motor["text"]) == sheet.left.motor["L5"] <= 3 and motor["bold"]
    drawn = {t["text"] for t in texts if t["bold"]}
    assert str(sheet.lower_motor_total.left) in drawn  # LEL below 25, marked
    assert str(sheet.motor_total.total) in drawn  # motor total below 100, marked
    assert sheet.lower_motor_total.left < 25 and sheet.motor_total.total < 100


def test_levels_name_int_when_all_is_normal_and_the_level_when_not(qapp) -> None:  # noqa: ANN001
    words = [t["text"] for t in record(sheet_for())]
    assert words.count("INT (intact)") == 4
    sheet = sheet_for("left:C5-C7")
    words = [t["text"] for t in record(sheet)]
    assert sheet.sensory_levels()["left"] in words and words.count("INT (intact)") == 2


def test_every_font_is_at_least_8_points_on_the_a4_page(qapp) -> None:  # noqa: ANN001
    image = QImage(round(A4_PT.width() / 72 * 150), round(A4_PT.height() / 72 * 150),
                   QImage.Format.Format_RGB32)
    dpm = round(150 / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    painter = RecordingPainter(image)
    painter.scale(150 / 72, 150 / 72)
    paint_sheet(painter, sheet_for("left:C5-C7"), INFO)
    painter.end()
    sizes = [t["pt"] for t in painter.texts if t["text"]]
    assert sizes and min(sizes) >= MIN_FONT_PT - 1e-6 >= 8 - 1e-6


def test_the_sheet_fits_the_a4_page(qapp) -> None:  # noqa: ANN001
    image = page_image(sheet_for(), INFO)
    assert (image.width(), image.height()) == (round(595 / 72 * PNG_DPI), round(842 / 72 * PNG_DPI))
    from rhizoviz.app.worksheet_paint import MARGIN, SHEET_W

    assert sheet_height() + 2 * MARGIN <= A4_PT.height()
    assert A4_PT.width() >= SHEET_W + 2 * MARGIN


def test_png_and_pdf_are_written_with_the_name_and_a4(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    import pypdf

    tmp_path = tmp_path / "out"  # beside the test's settings folder
    tmp_path.mkdir()
    sheet = sheet_for("left:C5-C7")
    png = write_worksheet(tmp_path / "sheet.png", sheet, INFO)
    assert QImage(str(png)).height() == round(842 / 72 * PNG_DPI)
    pdf = write_worksheet(tmp_path / "sheet.PDF", sheet, INFO)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    # NFKC: the PDF's text has the font's ligatures ("ﬂ" for "fl")
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    assert "Left C5\u2013C7 (test)" in text and "2026-01-02" in text
    assert "LEFT TOTALS" in text and "Elbow flexors" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.PDF", "sheet.png"]


@pytest.mark.parametrize("name, words", [
    ("sheet.jpg", "must be a .pdf or .png"),
    ("missing/sheet.pdf", "does not exist"),
    ("folder.pdf", "it is a folder"),
])
def test_bad_paths_are_refused_in_one_line(qapp, tmp_path: Path, name: str,  # noqa: ANN001
                                           words: str) -> None:
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(WorksheetExportError) as err:
        write_worksheet(tmp_path / name, sheet_for(), INFO)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(qapp, tmp_path: Path,  # noqa: ANN001
                                                                  monkeypatch) -> None:  # noqa: ANN001
    tmp_path = tmp_path / "out"  # beside the test's settings folder
    tmp_path.mkdir()
    out = tmp_path / "sheet.png"
    out.write_bytes(b"old")

    def fail(*_a):  # noqa: ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WorksheetExportError, match="No space left"):
        write_worksheet(out, sheet_for(), INFO)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.png"]


def test_every_level_of_the_sheet_is_drawn_once_per_side(qapp) -> None:  # noqa: ANN001
    words = [t["text"] for t in record(sheet_for())]
    for level in SENSORY_LEVELS:
        assert words.count(level) == 2, level
