"""One report, three forms: the web page's fragment (HTML), a PDF (WeasyPrint, A4) and an
XLSX workbook (XlsxWriter, constant memory), all from the same :class:`Report`.

The page and the PDF print each cell's text; the workbook holds each cell's raw number
with an Excel number format that shows it the same way (a percentage as «81 %», a time as
hours and minutes). The PDF loads nothing but the DejaVu fonts Debian ships.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from otklik.feedback.exports import neutralise
from otklik.pdf import url_fetcher
from otklik.reports import texts
from otklik.reports.document import (
    CHANGE,
    COUNT,
    INDEX,
    PERCENT,
    RATIO,
    SECONDS,
    STARS,
    TEXT,
    Report,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    ("Report Sans", "normal", 400): FONT_DIR / "DejaVuSans.ttf",
    ("Report Sans", "normal", 700): FONT_DIR / "DejaVuSans-Bold.ttf",
    ("Report Sans", "italic", 400): FONT_DIR / "DejaVuSans-Oblique.ttf",
    ("Report Sans Condensed", "normal", 400): FONT_DIR / "DejaVuSansCondensed.ttf",
    ("Report Sans Condensed", "normal", 700): FONT_DIR / "DejaVuSansCondensed-Bold.ttf",
}


# --------------------------------------------------------------------------- HTML


def context(report: Report) -> dict:
    return {
        "report": report,
        "sections": [
            {"section": s, "chart": mark_safe(s.chart_svg)}  # noqa: S308  (vl-convert's SVG of our data)
            for s in report.sections
        ],
    }


def html_fragment(report: Report) -> str:
    """The report's body, as the web page and the PDF show it."""
    with translation.override(texts.report_language()):
        return render_to_string("reports/_document.html", context(report))


# --------------------------------------------------------------------------- PDF


def _font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
        f'src: url("{path.as_uri()}"); }}'
        for (family, style, weight), path in FONTS.items()
        if path.is_file()
    )


def css_string(text: str) -> str:
    """A CSS string literal (for the running header), safe inside <style>."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + text.replace("<", "\\3C ") + '"'


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _header(report: Report) -> str:
    """The running header: the subject and the kind of report, or the subject alone."""
    both = f"{report.subject} · {report.title}"
    return both if len(both) <= 90 else _short(report.subject)


def pdf_html(report: Report) -> str:
    with translation.override(texts.report_language()):
        return render_to_string(
            "reports/pdf.html",
            {
                **context(report),
                "font_faces": mark_safe(_font_faces()),  # noqa: S308  (our constant paths)
                "header_left": mark_safe(css_string(_header(report))),  # noqa: S308
                "header_right": mark_safe(css_string(report.header or report.period)),  # noqa: S308
                "page_word": mark_safe(css_string(_("Page") + " ")),  # noqa: S308
                "of_word": mark_safe(css_string(" " + _("of") + " ")),  # noqa: S308
            },
        )


def pdf(report: Report) -> bytes:
    """The report as an A4 PDF document."""
    from weasyprint import HTML

    fetcher = url_fetcher(FONTS.values())
    return HTML(string=pdf_html(report), url_fetcher=fetcher).write_pdf()


# --------------------------------------------------------------------------- XLSX

MINUS = "\u2212"
SECONDS_PER_DAY = 86400


def number_formats() -> dict[str, str]:
    """Excel number formats that read like :mod:`otklik.metrics.display`."""
    pp = _("pp")
    minutes = _("min")
    return {
        INDEX: f'+0;"{MINUS}"0;0',
        PERCENT: '0" %"',
        SECONDS: "[h]:mm:ss",  # an Excel duration: the value is in days
        COUNT: "#,##0",
        RATIO: "0.0",
        STARS: "0.0",
        CHANGE + INDEX: f'+0;"{MINUS}"0;"±0"',
        CHANGE + PERCENT: f'+0" {pp}";"{MINUS}"0" {pp}";"±0"',
        CHANGE + SECONDS: f'+0" {minutes}";"{MINUS}"0" {minutes}";"±0"',  # in minutes
        CHANGE + COUNT: f'+#,##0;"{MINUS}"#,##0;"±0"',
        CHANGE + RATIO: f'+0.0;"{MINUS}"0.0;"±0"',
        CHANGE + STARS: f'+0.0;"{MINUS}"0.0;"±0"',
    }


def xlsx_value(kind: str, value):
    """The number a cell of this kind holds in the workbook (durations in Excel's days,
    changes of a duration in minutes)."""
    if value is None or kind == TEXT:
        return value
    if kind == SECONDS:
        return value / SECONDS_PER_DAY
    if kind == CHANGE + SECONDS:
        return value / 60
    return value


def from_xlsx_value(kind: str, value):
    """The inverse of :func:`xlsx_value` (for reading a workbook back)."""
    if value is None or kind == TEXT or isinstance(value, str):
        return value
    if isinstance(value, timedelta):  # openpyxl reads a duration format as a timedelta
        return value.total_seconds()
    if kind == SECONDS:
        return value * SECONDS_PER_DAY
    if kind == CHANGE + SECONDS:
        return value * 60
    return value


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, used: set[str]) -> str:
    name = _SHEET_FORBIDDEN.sub(" ", name).strip()[:31] or "Sheet"
    candidate, i = name, 2
    while candidate.lower() in used:
        suffix = f" {i}"
        candidate, i = name[: 31 - len(suffix)] + suffix, i + 1
    used.add(candidate.lower())
    return candidate


def xlsx(report: Report) -> bytes:
    """The report as a workbook: a cover sheet, then one sheet per section."""
    import xlsxwriter

    with translation.override(texts.report_language()):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False})
        book.set_properties({"title": f"{report.title}: {report.subject}, {report.period}"})
        title = book.add_format({"bold": True, "font_size": 14})
        bold = book.add_format({"bold": True})
        muted = book.add_format({"italic": True, "font_color": "#5a6472", "text_wrap": True})
        header = book.add_format({"bold": True, "bg_color": "#e7f0fb", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        right = book.add_format({"align": "right", "valign": "top"})
        formats = {
            kind: book.add_format({"num_format": fmt, "valign": "top"})
            for kind, fmt in number_formats().items()
        }
        used: set[str] = set()

        cover = book.add_worksheet(sheet_name(_("Report"), used))
        cover.set_column(0, 0, 30)
        cover.set_column(1, 1, 70)
        cover.write_string(0, 0, report.title, title)
        cover.write_string(1, 0, report.subject, bold)
        row = 3
        for label, text in report.facts:
            cover.write_string(row, 0, label, bold)
            cover.write_string(row, 1, neutralise(text), wrap)
            row += 1
        cover.write_string(row, 0, _("Generated"), bold)
        cover.write_string(row, 1, report.generated)
        row += 2
        cover.write_string(row, 0, _("Sections"), bold)
        for section in report.sections:
            row += 1
            cover.write_string(row, 0, section.title)

        for section in report.sections:
            sheet = book.add_worksheet(sheet_name(section.sheet, used))
            for i, column in enumerate(section.columns):
                sheet.set_column(i, i, 16 if column.numeric else (60 if i == 0 else 26))
            sheet.write_string(0, 0, section.title, title)
            sheet.write_string(1, 0, f"{report.subject} · {report.period}")
            for i, column in enumerate(section.columns):
                sheet.write_string(3, i, column.title, header)
            row = 4
            for cells in section.rows:
                for i, cell in enumerate(cells):
                    raw = xlsx_value(cell.kind, cell.value)
                    if cell.kind != TEXT and isinstance(raw, int | float):
                        sheet.write_number(row, i, raw, formats.get(cell.kind))
                    elif cell.kind != TEXT:
                        sheet.write_string(row, i, cell.text, right)  # «—», «мало ответов»
                    else:
                        text = cell.text if cell.own else neutralise(cell.text)
                        sheet.write_string(row, i, text, wrap)
                row += 1
            if not section.rows and section.empty_text:
                sheet.write_string(row, 0, section.empty_text, muted)
                row += 1
            if section.note:
                sheet.write_string(row + 1, 0, section.note, muted)
        book.close()
        return output.getvalue()
