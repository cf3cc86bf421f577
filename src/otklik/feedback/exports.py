"""CSV and XLSX exports of inbox views (D5).

Both formats stream rows from the database in chunks, so a large view is exported in
bounded memory: CSV as a streaming response, XLSX through XlsxWriter's constant-memory
mode into a temporary file. Citizens write the texts: a cell that a spreadsheet would run
as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return at the start) is
neutralised with a leading apostrophe (OWASP «CSV injection»). Contact details are never
exported: they live apart from the feedback (F4).
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from django.db.models import Count, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from otklik.feedback.models import FeedbackItem

# Characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000
CSV_DELIMITER = ";"  # what Excel with Russian regional settings opens as columns


def neutralise(value):
    """The value as a spreadsheet may show it: a text starting like a formula gets a ``'``.

    Numbers, dates and empty values are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


COLUMNS: list[tuple[str, Callable[[FeedbackItem], object]]] = [
    (_("Number"), lambda i: i.pk),
    (_("Received"), lambda i: _local(i.received_at)),
    (_("Centre"), lambda i: i.centre.name if i.centre_id else ""),
    (_("Channel"), lambda i: i.get_channel_display()),
    (
        _("Client journey"),
        lambda i: i.touchpoint.stage.journey.title if i.touchpoint_id else "",
    ),
    (_("Touchpoint"), lambda i: i.touchpoint.name if i.touchpoint_id else ""),
    (_("Rating"), lambda i: i.rating),
    (_("Text"), lambda i: i.text),
    (_("Status"), lambda i: i.get_status_display()),
    (_("Status changed"), lambda i: _local(i.status_changed_at)),
    (_("Status changed by"), lambda i: _name(i.status_changed_by)),
    (_("Assigned to"), lambda i: _name(i.assigned_to)),
    (_("Replies"), lambda i: i.reply_count),
    (_("Public reply"), lambda i: i.public_reply),
]


def headers() -> list[str]:
    return [str(title) for title, _get in COLUMNS]


def rows(queryset: QuerySet[FeedbackItem]) -> Iterator[list]:
    """One row per item, values typed (numbers, naive local datetimes, texts)."""
    queryset = queryset.select_related(
        "centre", "touchpoint__stage__journey", "status_changed_by", "assigned_to"
    ).annotate(reply_count=Count("replies"))
    for item in queryset.iterator(chunk_size=CHUNK):
        yield [get(item) for _title, get in COLUMNS]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return neutralise(str(value))


def csv_lines(header: list[str], data: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    # A byte order mark, so that Excel reads the Cyrillic text as UTF-8.
    yield "\ufeff" + writer.writerow([neutralise(h) for h in header])
    for row in data:
        yield writer.writerow([_csv_cell(value) for value in row])


def csv_response(queryset: QuerySet[FeedbackItem], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(headers(), rows(queryset)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(target, header: list[str], data: Iterable[list], sheet: str = "") -> None:
    """Write an XLSX workbook to ``target`` (a path or a binary file), row by row."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            # Texts stay texts: never formulas, links or numbers.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(sheet[:31] or None)
    bold = workbook.add_format({"bold": True})
    when = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for col, title in enumerate(header):
        worksheet.write_string(0, col, neutralise(title), bold)
    for row_no, row in enumerate(data, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                worksheet.write_datetime(row_no, col, value, when)
            elif isinstance(value, bool):
                worksheet.write_boolean(row_no, col, value)
            elif isinstance(value, int | float):
                worksheet.write_number(row_no, col, value)
            else:
                worksheet.write_string(row_no, col, neutralise(str(value)))
    worksheet.freeze_panes(1, 0)
    workbook.close()


def xlsx_response(queryset: QuerySet[FeedbackItem], filename: str) -> FileResponse:
    # The workbook goes to a temporary file (on disk once it grows), not to memory.
    target = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    write_xlsx(target, headers(), rows(queryset), sheet=str(_("Feedback")))
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
