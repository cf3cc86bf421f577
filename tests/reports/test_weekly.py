"""The weekly CX report: its numbers are the metrics engine's, the same on the page, in the
PDF and in the XLSX workbook."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from otklik.feedback.exports import neutralise
from otklik.metrics import display
from otklik.metrics.queries import metric_values
from otklik.metrics.slices import baseline
from otklik.reports import cells, document, render, services, texts
from otklik.reports.document import CHANGE
from otklik.reports.models import WeeklyReport, reports_storage
from otklik.reports.weekly import build_weekly, report_slice

CODE_OF_NAME = {display.metric_name(code): code for code in display.UNITS}
# A metric of each unit, to read a workbook's number back the way the page shows it.
UNIT_CODE = {
    "index": "NPS",
    "percent": "CSAT",
    "count": "CV-2",
    "seconds": "TTFR",
    "ratio": "RpC",
    "stars": "EXT_RATING",
}


def test_the_headline_equals_metric_values_of_the_slice(podolsk, main_journey, week):
    for journey in (None, main_journey):
        report = build_weekly(podolsk, journey, week)
        slice_ = report_slice(podolsk, journey)
        now = metric_values(slice_, week)
        before = metric_values(slice_, week.previous())
        base = metric_values(slice_, baseline(week))
        headline = report.section("headline")
        assert headline.rows, "the demo has facts in the week that ended"
        for row in headline.rows:
            code = CODE_OF_NAME[row[0].text]
            value = now[code]
            assert row[1].text == display.shown(value)
            assert row[1].value == (value.value if value.enough else None)
            assert row[2].value == value.n
            if value.enough and before[code].enough:
                expected = cells.rounded_change(code, value.value - before[code].value)
                assert row[3].value == pytest.approx(expected)
                assert row[3].text == display.change(code, expected)
            if value.enough and base[code].enough and code not in ("CV-1", "CV-2"):
                assert row[4].value == pytest.approx(
                    cells.rounded_change(code, value.value - base[code].value)
                )


def test_the_journey_report_shows_the_planted_drop(podolsk, main_journey):
    # The demo plants a drop of NPS and CSAT at one touchpoint in the last two weeks.
    report = build_weekly(podolsk, main_journey, services.last_week())
    drops = report.section("drops")
    assert any(display.metric_name("NPS") == row[1].text for row in drops.rows)
    assert all(row[4].text.startswith("Падение") for row in drops.rows)
    worst = report.section("worst")
    assert worst.rows[0][-1].tone == "red"


def test_the_report_survives_its_json(podolsk, main_journey, week):
    report = build_weekly(podolsk, main_journey, week)
    assert document.from_json(document.to_json(report)) == report


def _pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def test_the_pdf_is_a4_in_russian_with_numbered_pages(podolsk, main_journey, week):
    row = services.do_generate_weekly(podolsk, main_journey, week)
    with row.pdf.open("rb") as handle:
        reader, pages = _pdf_text(handle.read())
    assert len(pages) >= 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
    assert "Еженедельный отчет о клиентском опыте" in pages[0]
    assert texts.week_label(week).replace("\u00a0", " ") in pages[0].replace("\u00a0", " ")
    assert f"Страница 1 из {len(pages)}" in pages[0]
    assert f"Страница {len(pages)} из {len(pages)}" in pages[-1]
    assert "Показатели недели" in pages[0]
    fonts = {f.get_object()["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    # The DejaVu files under their CSS name, and DejaVu by name in the charts' SVG.
    assert all("Report-Sans" in name or "DejaVu" in name for name in fonts)


def test_the_workbook_holds_the_numbers_of_the_page(client_for, podolsk, main_journey, week):
    row = services.do_generate_weekly(podolsk, main_journey, week)
    report = row.document
    page = client_for("teamlead").get(f"/reports/weekly/{row.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    with row.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    assert book.sheetnames[0] == "Отчет"
    assert len(book.sheetnames) == 1 + len(report.sections)
    compared = 0
    for sheet_name, section in zip(book.sheetnames[1:], report.sections, strict=True):
        sheet = book[sheet_name]
        values = list(sheet.iter_rows(min_row=5, values_only=True))
        assert [c for c in list(sheet.iter_rows(min_row=4, max_row=4, values_only=True))[0]] == [
            c.title for c in section.columns
        ]
        for cells_, xl in zip(section.rows, values, strict=False):
            for cell, xl_value in zip(cells_, xl, strict=False):
                assert _escaped(cell.text) in html
                if not cell.numeric or cell.value is None:
                    assert xl_value == (cell.text if cell.own else neutralise(cell.text))
                    continue
                number = render.from_xlsx_value(cell.kind, xl_value)
                assert number == pytest.approx(cell.value, abs=0.01)  # a duration: to the ms
                unit = cell.kind.removeprefix(CHANGE)
                code = UNIT_CODE[unit]
                shown = (
                    display.change(code, number)
                    if cell.kind.startswith(CHANGE)
                    else cells.count(number).text
                    if unit == "count"
                    else display.number(code, number)
                )
                assert shown == cell.text
                compared += 1
    assert compared > 20


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def test_generating_again_replaces_the_report_and_its_files(
    podolsk, week, django_capture_on_commit_callbacks
):
    first = services.do_generate_weekly(podolsk, None, week)
    old_files = first.files
    assert len(old_files) == 3  # the content (JSON), the PDF and the XLSX
    with django_capture_on_commit_callbacks(execute=True):
        second = services.do_generate_weekly(podolsk, None, week)
    assert (
        WeeklyReport.objects.filter(unit=podolsk, journey=None, week_start=week.start).count() == 1
    )
    assert second.pk == first.pk
    storage = reports_storage()
    assert not any(storage.exists(name) for name in old_files)
    assert all(storage.exists(name) for name in second.files)
    assert second.document == services.WeeklyReport.objects.get(pk=second.pk).document


def test_comments_hide_personal_data_and_are_escaped(client_for, podolsk, week):
    from django.utils import timezone

    from otklik.feedback.choices import FeedbackChannel
    from otklik.feedback.models import FeedbackItem

    moment = timezone.make_aware(
        timezone.datetime.combine(week.start, timezone.datetime.min.time())
    ) + timezone.timedelta(hours=12)
    text = "Позвоните мне +7 916 123-45-67 или ivan@example.ru <script>alert(1)</script>"
    for _i in range(3):
        FeedbackItem.objects.create(
            region=podolsk.region,
            centre=podolsk,
            channel=FeedbackChannel.EMAIL,
            text=text,
            rating=1,
            received_at=moment,
        )
    row = services.do_generate_weekly(podolsk, None, week)
    comments = row.document.section("comments")
    top = comments.rows[0]
    assert top[1].value == 3
    assert "916" not in top[0].text and "ivan@example.ru" not in top[0].text
    html = client_for("director").get(f"/reports/weekly/{row.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
