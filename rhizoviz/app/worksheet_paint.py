"""The ISNCSCI worksheet drawn with QPainter: one drawing for the dock, the PNG and the PDF.

Qt GUI only (no widgets), so ``rhizoviz simulate --worksheet`` can paint it with a
``QGuiApplication`` on the offscreen platform. The sheet is laid out in points (1/72
inch) on an A4 portrait page, in the 2019 worksheet's own order: the patient's right
side on the left of the page (key muscle, level, motor, light touch LTR, pin prick
PPR), the left side mirrored on the right (LTL, PPL, motor, level, key muscle), the
grading key between them, the totals under each side, VAC under the right and DAP
under the left, then the motor and sensory subscores and the sensory and motor levels.
Every font is at least 8 pt on the printed page.

A score that is not normal is bold, coloured and shaded: amber for altered (1) or a
weak muscle (1-4), red for absent (0); the shading is darker for absent than for
altered, so the marks read in greyscale too. The painter is scaled so that one unit is
one point whatever the device (a widget, a 200 dpi image, a 1200 dpi PDF); fonts are
sized for that scale with :func:`_font`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PyQt6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PyQt6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from rhizoviz.core.exam import INTACT, SENSORY_LEVELS, SideTotals, Worksheet
from rhizoviz.core.userfile import check_output_path, write_atomic

# -- the page, in points -------------------------------------------------------------
A4_PT = QSizeF(595.0, 842.0)
MARGIN = 34.0
SHEET_W = A4_PT.width() - 2 * MARGIN  # the drawing's width; the dock scales it
NAME_W, LEVEL_W, SCORE_W = 110.0, 24.0, 25.0
SIDE_W = NAME_W + LEVEL_W + 3 * SCORE_W
MIDDLE_W = SHEET_W - 2 * SIDE_W
ROW_H = 12.8
MIN_FONT_PT = 8.0
PNG_DPI = 200

INK = QColor("#111111")
GRID = QColor("#6b6b6b")
FAINT = QColor("#555555")
HEAD_FILL = QColor("#e4e4e4")
# (text colour, cell fill) for: absent/paralysed, altered/weak. Fills differ in
# lightness (luma ~205 vs ~236) so greyscale prints keep them apart; text is bold.
ABSENT = (QColor("#a1111c"), QColor("#f0bcbc"))
ALTERED = (QColor("#8a4b00"), QColor("#fde9c4"))

SUFFIX_PNG, SUFFIX_PDF = ".png", ".pdf"


class WorksheetExportError(ValueError):
    """The worksheet cannot be written to that path (one line, naming it)."""


@dataclass(frozen=True)
class SheetInfo:
    """What the page says about the scenario, beside the scores."""

    name: str  # the scenario's name
    date: str  # ISO date of the export
    model: str  # outcome model: overlap or textbook
    cuts: str  # the cuts in words ("Cut: left C5–C7")


def _font(painter: QPainter, pt: float, bold: bool = False) -> QFont:
    """A font ``pt`` points tall on the page, for a painter scaled to one unit per point."""
    device = painter.device()
    return _sized_font(device.logicalDpiY() if device is not None else 72, pt, bold)


@lru_cache(maxsize=64)
def _sized_font(dpi: int, pt: float, bold: bool) -> QFont:
    """One QFont per device resolution, size and weight (a repaint draws ~350 texts)."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(max(pt, MIN_FONT_PT) * 72.0 / dpi)
    font.setBold(bold)
    return font


def _mark(score: int, top: int) -> tuple[QColor, QColor] | None:
    """The (text, fill) colours of a score below normal, or None when it is normal."""
    if score >= top:
        return None
    return ABSENT if score == 0 else ALTERED


def _cell(painter: QPainter, rect: QRectF, text: str, score: int | None = None,
          top: int = 2, pt: float = 9.5, fill: QColor | None = None) -> None:
    """A boxed cell with centred text; a score below ``top`` is shaded, coloured, bold."""
    mark = _mark(score, top) if score is not None else None
    if mark is not None:
        painter.fillRect(rect, mark[1])
    elif fill is not None:
        painter.fillRect(rect, fill)
    painter.setPen(QPen(GRID, 0.6))
    painter.drawRect(rect)
    painter.setPen(mark[0] if mark is not None else INK)
    painter.setFont(_font(painter, pt, bold=mark is not None))
    painter.drawText(rect, _flags(Qt.AlignmentFlag.AlignCenter), text)


def _text(painter: QPainter, rect: QRectF, text: str, pt: float = 8.5, bold: bool = False,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, colour: QColor = INK,
          wrap: bool = False) -> None:
    painter.setPen(colour)
    painter.setFont(_font(painter, pt, bold))
    if wrap:
        flags = _flags(align, Qt.AlignmentFlag.AlignTop, Qt.TextFlag.TextWordWrap)
    else:
        flags = _flags(align, Qt.AlignmentFlag.AlignVCenter)
    painter.drawText(rect, flags, text)


def _flags(*flags: Qt.AlignmentFlag | Qt.TextFlag) -> int:
    value = 0
    for flag in flags:
        value |= int(flag.value)
    return value


def _elided(painter: QPainter, text: str, width: float, pt: float, bold: bool = False) -> str:
    metrics = QFontMetricsF(_font(painter, pt, bold), painter.device())
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _columns(side: str, x0: float) -> dict[str, QRectF]:
    """x and width of each column of one side (rects of zero height: x, width only)."""
    if side == "right":  # name | level | motor | LTR | PPR
        order = (("name", NAME_W), ("level", LEVEL_W), ("motor", SCORE_W),
                 ("lt", SCORE_W), ("pp", SCORE_W))
    else:  # LTL | PPL | motor | level | name
        order = (("lt", SCORE_W), ("pp", SCORE_W), ("motor", SCORE_W),
                 ("level", LEVEL_W), ("name", NAME_W))
    cols, x = {}, x0
    for key, w in order:
        cols[key] = QRectF(x, 0, w, 0)
        x += w
    return cols


def _at(col: QRectF, y: float, h: float = ROW_H) -> QRectF:
    return QRectF(col.x(), y, col.width(), h)


def _span(a: QRectF, b: QRectF, y: float, h: float = ROW_H) -> QRectF:
    left, right = min(a.left(), b.left()), max(a.right(), b.right())
    return QRectF(left, y, right - left, h)


def _level_text(level: str) -> str:
    return "INT (intact)" if level == INTACT else level


def sheet_height(page_header: bool = True) -> float:
    """The drawing's height in points (with or without the page's title block)."""
    return _HEADER_H * page_header + _BODY_H


_HEADER_H = 60.0
_TABLE_TOP = 3 * ROW_H + 6  # side titles and two rows of column headings
_TABLE_H = len(SENSORY_LEVELS) * ROW_H
# table, totals with VAC/DAP, two subscore blocks and the motor total, levels, footnote
_BODY_H = _TABLE_TOP + _TABLE_H + (3 * ROW_H + 14) + (10 + 3 * 45) + (6 + 58) + (6 + 38)


def paint_sheet(painter: QPainter, sheet: Worksheet, info: SheetInfo,
                page_header: bool = True) -> float:
    """Draw the worksheet from (0, 0), ``SHEET_W`` wide, one unit per point; returns
    the height drawn. ``page_header`` adds the title block the exports carry."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    y = 0.0
    if page_header:
        y = _paint_header(painter, info)
    right, left = _columns("right", 0.0), _columns("left", SIDE_W + MIDDLE_W)
    y = _paint_column_heads(painter, right, left, y)
    _paint_key(painter, QRectF(SIDE_W + 6, y, MIDDLE_W - 12, _TABLE_H), info)
    y = _paint_rows(painter, sheet, right, left, y)
    y = _paint_side_totals(painter, sheet, right, left, y)
    y = _paint_subscores(painter, sheet, y + 10)
    y = _paint_levels(painter, sheet, y + 6)
    y = _paint_footnote(painter, info, y + 6)
    painter.restore()
    return y


def _paint_header(painter: QPainter, info: SheetInfo) -> float:
    _text(painter, QRectF(0, 0, SHEET_W, 18),
          "INTERNATIONAL STANDARDS FOR NEUROLOGICAL CLASSIFICATION OF SPINAL CORD INJURY",
          pt=9.5, bold=True)
    _text(painter, QRectF(0, 15, SHEET_W, 14),
          "ISNCSCI worksheet (2019 layout): the bedside exam after the cuts below",
          pt=8.5, colour=FAINT)
    _text(painter, QRectF(SHEET_W - 80, 15, 80, 14), "rhizoviz", pt=9, bold=True,
          align=Qt.AlignmentFlag.AlignRight, colour=FAINT)
    name_w = SHEET_W - 150
    _text(painter, QRectF(0, 31, 60, 14), "Scenario:", pt=9, bold=True)
    _text(painter, QRectF(52, 31, name_w - 52, 14),
          _elided(painter, info.name, name_w - 52, 10, True), pt=10, bold=True)
    _text(painter, QRectF(SHEET_W - 150, 31, 150, 14), f"Date: {info.date}", pt=9,
          align=Qt.AlignmentFlag.AlignRight)
    cuts = f"{info.cuts}  ({info.model} model)"
    _text(painter, QRectF(0, 43, SHEET_W, 12), _elided(painter, cuts, SHEET_W, 8.5), pt=8.5)
    painter.setPen(QPen(INK, 1.0))
    painter.drawLine(QPointF(0, _HEADER_H - 1), QPointF(SHEET_W, _HEADER_H - 1))
    return _HEADER_H


def _paint_column_heads(painter: QPainter, right: dict[str, QRectF],
                        left: dict[str, QRectF], y: float) -> float:
    for side, cols, lt, pp in (("RIGHT", right, "LTR", "PPR"), ("LEFT", left, "LTL", "PPL")):
        _text(painter, _span(cols["name"], cols["pp"] if side == "RIGHT" else cols["lt"], y),
              side, pt=11, bold=True, align=Qt.AlignmentFlag.AlignHCenter)
        y1, y2 = y + ROW_H + 2, y + 2 * ROW_H + 2
        _cell(painter, _span(cols["level"], cols["motor"], y1), "MOTOR", pt=8,
              fill=HEAD_FILL)
        _cell(painter, _span(cols["lt"], cols["pp"], y1), "SENSORY", pt=8, fill=HEAD_FILL)
        _cell(painter, _at(cols["level"], y2), "", pt=8, fill=HEAD_FILL)
        _cell(painter, _at(cols["motor"], y2), "0\u20135", pt=8, fill=HEAD_FILL)
        _cell(painter, _at(cols["lt"], y2), lt, pt=8, fill=HEAD_FILL)
        _cell(painter, _at(cols["pp"], y2), pp, pt=8, fill=HEAD_FILL)
        pad = -3.0 if side == "RIGHT" else 3.0
        align = Qt.AlignmentFlag.AlignRight if side == "RIGHT" else Qt.AlignmentFlag.AlignLeft
        _text(painter, _at(cols["name"], y2).translated(pad, 0), "Key muscles", pt=8,
              bold=True, align=align, colour=FAINT)
    return y + _TABLE_TOP


def _paint_rows(painter: QPainter, sheet: Worksheet, right: dict[str, QRectF],
                left: dict[str, QRectF], y: float) -> float:
    for row in sheet.rows():
        for cols, scores, align, pad in (
            (right, row.right, Qt.AlignmentFlag.AlignRight, -3.0),
            (left, row.left, Qt.AlignmentFlag.AlignLeft, 3.0),
        ):
            level_rect = _at(cols["level"], y)
            _text(painter, level_rect, row.level, pt=9, bold=True,
                  align=Qt.AlignmentFlag.AlignHCenter)
            if row.muscle is not None and scores.motor is not None:
                name = row.muscle[:1].upper() + row.muscle[1:]
                _text(painter, _at(cols["name"], y).translated(pad, 0),
                      _elided(painter, name, NAME_W - 4, 8.5), pt=8.5, align=align)
                _cell(painter, _at(cols["motor"], y), str(scores.motor), scores.motor, top=5)
            _cell(painter, _at(cols["lt"], y), str(scores.light_touch), scores.light_touch)
            _cell(painter, _at(cols["pp"], y), str(scores.pin_prick), scores.pin_prick)
        if row.level in ("T1", "S1"):  # the end of a limb's key muscles
            painter.setPen(QPen(GRID, 0.6, Qt.PenStyle.DotLine))
            for cols in (right, left):
                painter.drawLine(QPointF(cols["name"].left(), y + ROW_H),
                                 QPointF(cols["name"].right(), y + ROW_H))
        y += ROW_H
    return y


def _paint_side_totals(painter: QPainter, sheet: Worksheet, right: dict[str, QRectF],
                       left: dict[str, QRectF], y: float) -> float:
    y += 4
    sides = (
        ("right", right, "RIGHT TOTALS", Qt.AlignmentFlag.AlignRight, "VAC", sheet.vac,
         "Voluntary anal contraction"),
        ("left", left, "LEFT TOTALS", Qt.AlignmentFlag.AlignLeft, "DAP", sheet.dap,
         "Deep anal pressure"),
    )
    for side, cols, label, align, anal, value, anal_words in sides:
        motor = getattr(sheet.motor_total, side)
        lt = getattr(sheet.light_touch_total, side)
        pp = getattr(sheet.pin_prick_total, side)
        _text(painter, _span(cols["name"], cols["level"], y).adjusted(3, 0, -3, 0), label,
              pt=8.5, bold=True, align=align)
        for key, value_, top in (("motor", motor, 50), ("lt", lt, 56), ("pp", pp, 56)):
            _cell(painter, _at(cols[key], y), str(value_), value_, top=top, pt=9)
            _text(painter, _at(cols[key], y + ROW_H), f"({top})", pt=8,
                  align=Qt.AlignmentFlag.AlignHCenter, colour=FAINT)
        _text(painter, _span(cols["name"], cols["level"], y + ROW_H).adjusted(3, 0, -3, 0),
              "(maximum)", pt=8, align=align, colour=FAINT)
        y3 = y + 2 * ROW_H + 8
        words = {True: "Yes", False: "No", None: "NT"}[value]
        box_x = cols["pp"].right() - SCORE_W if side == "right" else cols["lt"].left()
        box = QRectF(box_x, y3, SCORE_W, ROW_H + 2)
        _cell(painter, box, words, 1 if value else 0 if value is False else None, top=1, pt=9)
        text_rect = (QRectF(0, y3, box_x - 4, ROW_H + 2) if side == "right"
                     else QRectF(box.right() + 4, y3, SHEET_W - box.right() - 4, ROW_H + 2))
        _text(painter, text_rect, f"({anal}) {anal_words}", pt=8.5,
              align=Qt.AlignmentFlag.AlignRight if side == "right" else Qt.AlignmentFlag.AlignLeft)
    return y + 2 * ROW_H + 8 + ROW_H + 2


def _sum_boxes(painter: QPainter, y: float, title: str,
               parts: tuple[tuple[str, str, str, SideTotals, int], ...]) -> float:
    """A row of 'UER [..] + UEL [..] = UEMS TOTAL [..]' with each box's maximum under it."""
    _text(painter, QRectF(0, y, 200, 14), title, pt=9, bold=True)
    y += 15
    x = 0.0
    for right, left, total, totals, side_max in parts:
        boxes = ((right, totals.right, side_max, 24.0, False),
                 (f"+ {left}", totals.left, side_max, 36.0, False),
                 (f"= {total}", totals.total, 2 * side_max, 88.0, True))
        for label, value, top, label_w, bold in boxes:
            _text(painter, QRectF(x, y, label_w, 16), label, pt=8.5, bold=bold,
                  align=Qt.AlignmentFlag.AlignRight)
            x += label_w + 3
            _cell(painter, QRectF(x, y, SCORE_W, 16), str(value), value, top=top, pt=9)
            _text(painter, QRectF(x - 4, y + 16, SCORE_W + 8, 11), f"({top})", pt=8,
                  align=Qt.AlignmentFlag.AlignHCenter, colour=FAINT)
            x += SCORE_W + 2
        x += 24
    return y + 30


def _paint_subscores(painter: QPainter, sheet: Worksheet, y: float) -> float:
    painter.setPen(QPen(INK, 1.0))
    painter.drawLine(QPointF(0, y - 4), QPointF(SHEET_W, y - 4))
    y = _sum_boxes(painter, y, "MOTOR SUBSCORES", (
        ("UER", "UEL", "UEMS TOTAL", sheet.upper_motor_total, 25),
        ("LER", "LEL", "LEMS TOTAL", sheet.lower_motor_total, 25),
    ))
    y = _sum_boxes(painter, y, "SENSORY SUBSCORES", (
        ("LTR", "LTL", "LT TOTAL", sheet.light_touch_total, 56),
        ("PPR", "PPL", "PP TOTAL", sheet.pin_prick_total, 56),
    ))
    return _sum_boxes(painter, y, "MOTOR TOTAL", (
        ("R", "L", "MOTOR TOTAL", sheet.motor_total, 50),
    ))


def _paint_levels(painter: QPainter, sheet: Worksheet, y: float) -> float:
    painter.setPen(QPen(INK, 1.0))
    painter.drawLine(QPointF(0, y - 3), QPointF(SHEET_W, y - 3))
    _text(painter, QRectF(0, y, 200, 16), "NEUROLOGICAL LEVELS", pt=9, bold=True)
    sensory, motor = sheet.sensory_levels(), sheet.motor_levels()
    for i, (label, levels) in enumerate((("1. SENSORY", sensory), ("2. MOTOR", motor))):
        row_y = y + 16 + i * 20
        _text(painter, QRectF(0, row_y, 90, 18), label, pt=9, bold=True)
        x = 92.0
        for side, tag in (("right", "R"), ("left", "L")):
            level = levels[side]
            _text(painter, QRectF(x, row_y, 14, 18), tag, pt=9, bold=True)
            _cell(painter, QRectF(x + 14, row_y, 74, 18), _level_text(level),
                  2 if level == INTACT else 1, top=2, pt=9)
            x += 100
    note = ("Steps 3 to 6 (NLI, complete or incomplete, AIS, zones of partial preservation) "
            "classify a spinal cord injury; a root cut is not one, so they are left out.")
    _text(painter, QRectF(300, y + 14, SHEET_W - 300, 44), note, pt=8, colour=FAINT,
          wrap=True)
    return y + 58


def _paint_key(painter: QPainter, rect: QRectF, info: SheetInfo) -> None:
    """The grading key between the two sides (where the printed sheet has its body chart)."""
    painter.setPen(QPen(GRID, 0.6))
    painter.drawRect(rect)
    inner = rect.adjusted(5, 4, -5, -4)
    y = inner.top()

    def para(text: str, pt: float = 8.0, bold: bool = False, h: float = 11.0) -> None:
        nonlocal y
        _text(painter, QRectF(inner.left(), y, inner.width(), h), text, pt=pt, bold=bold,
              wrap=True)
        y += h

    para("Muscle grades", pt=8.5, bold=True, h=13)
    for line in ("0 total paralysis", "1 palpable or visible", "  contraction",
                 "2 full range, gravity", "  eliminated", "3 full range against", "  gravity",
                 "4 against moderate", "  resistance", "5 normal"):
        para(line)
    y += 6
    para("Sensory scores", pt=8.5, bold=True, h=13)
    for line in ("0 absent", "1 altered", "2 normal", "LT light touch", "PP pin prick"):
        para(line)
    y += 6
    para("Marked scores", pt=8.5, bold=True, h=13)
    for (ink, fill), words in ((ABSENT, "0: absent"), (ALTERED, "below normal")):
        swatch = QRectF(inner.left(), y + 1, 18, 10)
        painter.fillRect(swatch, fill)
        painter.setPen(QPen(GRID, 0.6))
        painter.drawRect(swatch)
        _text(painter, swatch, "0" if ink is ABSENT[0] else "1", pt=8, bold=True,
              align=Qt.AlignmentFlag.AlignHCenter, colour=ink)
        _text(painter, QRectF(inner.left() + 22, y, inner.width() - 22, 12), words, pt=8)
        y += 13
    y += 6
    para("Model", pt=8.5, bold=True, h=13)
    para(f"{info.model.capitalize()} model", h=11)


def _paint_footnote(painter: QPainter, info: SheetInfo, y: float) -> float:
    text = ("Scores are what the rhizoviz outcome model predicts for these root cuts: a "
            "teaching model, not a patient's examination. Key muscles graded from the "
            "ventral roots they receive (dominant root first); light touch and pin prick "
            "from the dorsal roots and ganglia, touch fields overlapping more than pain "
            "fields.")
    _text(painter, QRectF(0, y, SHEET_W, 36), text, pt=8, colour=FAINT, wrap=True)
    return y + 38


# -- exports -----------------------------------------------------------------------------
def check_export_path(path: str | os.PathLike[str]) -> Path:
    """A writable ``.png`` or ``.pdf`` path in an existing folder, checked before drawing."""
    return check_output_path(
        path, (SUFFIX_PNG, SUFFIX_PDF), "the worksheet must be a .pdf or .png file",
        WorksheetExportError)


def _paint_page(painter: QPainter, sheet: Worksheet, info: SheetInfo, dpi: float) -> None:
    """The A4 page: margins, then the sheet, one unit per point."""
    painter.scale(dpi / 72.0, dpi / 72.0)
    painter.translate(MARGIN, MARGIN)
    paint_sheet(painter, sheet, info, page_header=True)


def page_image(sheet: Worksheet, info: SheetInfo, dpi: int = PNG_DPI) -> QImage:
    """The worksheet as an A4 portrait page image at ``dpi`` (white, RGB)."""
    w = round(A4_PT.width() / 72.0 * dpi)
    h = round(A4_PT.height() / 72.0 * dpi)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    _paint_page(painter, sheet, info, dpi)
    painter.end()
    return image


def write_worksheet(path: str | os.PathLike[str], sheet: Worksheet, info: SheetInfo) -> Path:
    """Write the worksheet as a PNG (A4 at 200 dpi) or a one-page A4 PDF, atomically:
    drawn beside the target and renamed into place. Raises WorksheetExportError."""
    out = check_export_path(path)

    def fill(tmp: Path) -> None:
        if out.suffix.lower() == SUFFIX_PNG:
            if not page_image(sheet, info).save(str(tmp), "PNG"):
                raise WorksheetExportError(f"cannot write {str(out)!r}: the PNG was not saved")
        else:
            _write_pdf(tmp, sheet, info, out)

    try:
        return write_atomic(out, fill)
    except OSError as exc:
        raise WorksheetExportError(f"cannot write {str(out)!r}: {exc.strerror or exc}") from None


def _write_pdf(tmp: Path, sheet: Worksheet, info: SheetInfo, out: Path) -> None:
    writer = QPdfWriter(str(tmp))
    writer.setTitle(f"ISNCSCI worksheet: {info.name}")
    writer.setCreator("rhizoviz")
    writer.setResolution(1200)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    painter = QPainter()
    if not painter.begin(writer):
        raise WorksheetExportError(f"cannot write {str(out)!r}: the PDF did not open")
    _paint_page(painter, sheet, info, writer.resolution())
    painter.end()
    if not tmp.is_file() or tmp.stat().st_size == 0:
        raise WorksheetExportError(f"cannot write {str(out)!r}: the PDF is empty")
