"""Streaming readers for CSV and XLSX files, and the value parsers imports share.

A reader yields ``(row_number, {header: value})`` one row at a time and never holds the
whole file: row 1 is the header, so row numbers are the ones a spreadsheet shows. CSV
files may be UTF-8 (with or without BOM) or Windows-1251, separated by ``;``, ``,`` or a
tab; both are detected from the first bytes unless the source says otherwise.
"""

import codecs
import csv
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils import timezone

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (";", ",", "\t")
ENCODINGS = ("utf-8", "cp1251")

# Python may be asked to parse very long free-text cells (letters, posts).
csv.field_size_limit(10 * 1024 * 1024)


class FileProblem(Exception):
    """The file as a whole cannot be read (not a table, no header, broken XLSX)."""


def is_xlsx(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` for a BOM, ``utf-8`` when the sample decodes strictly, else cp1251."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def detect_delimiter(first_line: str) -> str:
    """The separator that occurs most often in the header line (``;`` wins ties)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def csv_dialect(path: Path, encoding: str = "", delimiter: str = "") -> tuple[str, str]:
    """The encoding and separator of a CSV file: the given ones, or detected."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not encoding or encoding == "auto":
        encoding = detect_encoding(sample)
    elif encoding in ("utf-8", "utf8") and sample.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    if not delimiter or delimiter == "auto":
        text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
        delimiter = detect_delimiter(text.splitlines()[0] if text else "")
    return encoding, delimiter


def _header(values) -> list[str]:
    headers = [str(value).strip() if value is not None else "" for value in values]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise FileProblem("no header")
    return headers


def _blank(values) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def read_csv(path: Path, encoding: str = "", delimiter: str = "") -> Iterator[tuple[int, dict]]:
    encoding, delimiter = csv_dialect(path, encoding, delimiter)
    with open(path, encoding=encoding, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            headers = _header(next(reader))
        except StopIteration:
            raise FileProblem("empty") from None
        except UnicodeDecodeError as error:
            raise FileProblem("encoding") from error
        number = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise FileProblem("encoding") from error
            number += 1
            if _blank(values):
                continue
            yield number, dict(zip(headers, values, strict=False))


def read_xlsx(path: Path) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise FileProblem("xlsx") from error
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        try:
            headers = _header(next(rows))
        except StopIteration:
            raise FileProblem("empty") from None
        for number, values in enumerate(rows, start=2):
            if values is None or _blank(values):
                continue
            yield number, dict(zip(headers, values, strict=False))
    finally:
        book.close()


def read_rows(path: Path, encoding: str = "", delimiter: str = "") -> Iterator[tuple[int, dict]]:
    """Rows of a CSV or XLSX file (told apart by content, not by name)."""
    path = Path(path)
    if is_xlsx(path):
        return read_xlsx(path)
    return read_csv(path, encoding, delimiter)


def read_headers(path: Path, encoding: str = "", delimiter: str = "") -> list[str]:
    path = Path(path)
    if is_xlsx(path):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:
            raise FileProblem("xlsx") from error
        try:
            first = next(book.worksheets[0].iter_rows(values_only=True), None)
        finally:
            book.close()
        if first is None:
            raise FileProblem("empty")
        return _header(first)
    encoding, delimiter = csv_dialect(path, encoding, delimiter)
    try:
        with open(path, encoding=encoding, newline="") as handle:
            first = next(csv.reader(handle, delimiter=delimiter), None)
    except UnicodeDecodeError as error:
        raise FileProblem("encoding") from error
    if first is None:
        raise FileProblem("empty")
    return _header(first)


# Values


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
# The usual Russian forms, parsed without strptime (it is slow at 500 000 rows).
_RUSSIAN = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


def _russian(raw: str) -> dt.datetime | None:
    match = _RUSSIAN.match(raw)
    if match is None:
        return None
    day, month, year, hour, minute, second = match.groups()
    year = int(year)
    if year < 100:
        year += 2000 if year < 69 else 1900  # as strptime's %y
    try:
        return dt.datetime(
            year, int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None


def parse_datetime(value, hint: str = "") -> dt.datetime | None:
    """An aware datetime, or None when the value is not a date. Empty values raise nothing:
    callers check emptiness first.

    Accepts «24.11.2026», «24.11.2026 10:30», «24.11.26», ISO 8601 and the datetime
    objects of Excel cells. Times without a zone are in the server's TIME_ZONE.
    """
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
    else:
        raw = text(value)
        if not raw:
            return None
        parsed = None if hint else _russian(raw)
        formats = ((hint,) if hint else ()) + _DATE_FORMATS
        for fmt in formats if parsed is None else ():
            try:
                parsed = dt.datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
        if parsed is None and _ISO.match(raw):
            try:
                parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                return None
        if parsed is None:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.get_default_timezone())
    return parsed


TRUE = frozenset({"да", "д", "1", "true", "t", "yes", "y", "+", "истина", "x", "х"})
FALSE = frozenset({"нет", "н", "0", "false", "f", "no", "n", "-", "ложь"})


def parse_bool(value) -> bool | None:
    """True/False for да/нет, 1/0, true/false, +/-; None when it is neither."""
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    return None


def parse_int(value) -> int | None:
    """A whole number («5», «5,0», 5.0), or None when the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    raw = text(value).replace(",", ".").replace("\u00a0", "").replace(" ", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return None
    if number != number.to_integral_value():
        return None
    return int(number)
