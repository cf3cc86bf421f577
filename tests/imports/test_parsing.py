import datetime as dt

import pytest
from django.utils import timezone

from otklik.imports import parsing

from .helpers import write_csv


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1251", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("cp1251", ","), ("utf-8", "\t")],
)
def test_csv_encodings_and_separators(tmp_path, encoding, delimiter):
    path = write_csv(
        tmp_path / "f.csv",
        [["Номер", "Текст"], ["1", "Всё хорошо"], ["", ""], ["2", "Очередь"]],
        encoding=encoding,
        delimiter=delimiter,
    )
    enc, sep = parsing.csv_dialect(path)
    assert sep == delimiter
    assert enc == {"utf-8": "utf-8"}.get(encoding, encoding)
    rows = list(parsing.read_rows(path))
    # the blank line is skipped; row numbers are the spreadsheet's
    assert rows == [
        (2, {"Номер": "1", "Текст": "Всё хорошо"}),
        (4, {"Номер": "2", "Текст": "Очередь"}),
    ]
    assert parsing.read_headers(path) == ["Номер", "Текст"]


def test_quoted_separator_and_newline(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes('Номер;Текст\r\n1;"Да; нет\r\nещё"\r\n'.encode("cp1251"))
    assert list(parsing.read_rows(path)) == [(2, {"Номер": "1", "Текст": "Да; нет\r\nещё"})]


def test_reader_is_lazy(tmp_path):
    path = write_csv(tmp_path / "big.csv", [["a"]] + [[str(i)] for i in range(10000)])
    rows = parsing.read_rows(path)
    assert next(rows) == (2, {"a": "0"})  # a generator: nothing else read yet


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Номер", "Открыто", "Ответов"])
    sheet.append(["A-1", dt.datetime(2026, 11, 24, 10, 30), 3])
    sheet.append([None, None, None])
    sheet.append(["A-2", "25.11.2026", 1.0])
    path = tmp_path / "f.xlsx"
    book.save(path)
    rows = list(parsing.read_rows(path))
    assert rows[0] == (
        2,
        {"Номер": "A-1", "Открыто": dt.datetime(2026, 11, 24, 10, 30), "Ответов": 3},
    )
    assert rows[1][0] == 4
    assert parsing.parse_int(rows[1][1]["Ответов"]) == 1
    assert parsing.read_headers(path) == ["Номер", "Открыто", "Ответов"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24.11.2026", dt.datetime(2026, 11, 24)),
        ("24.11.2026 10:30", dt.datetime(2026, 11, 24, 10, 30)),
        ("24.11.2026 10:30:15", dt.datetime(2026, 11, 24, 10, 30, 15)),
        ("24.11.26", dt.datetime(2026, 11, 24)),
        ("2026-11-24", dt.datetime(2026, 11, 24)),
        ("2026-11-24T10:30", dt.datetime(2026, 11, 24, 10, 30)),
        (dt.datetime(2026, 11, 24, 9, 0), dt.datetime(2026, 11, 24, 9, 0)),
        (dt.date(2026, 11, 24), dt.datetime(2026, 11, 24)),
    ],
)
def test_russian_dates(value, expected):
    assert parsing.parse_datetime(value) == timezone.make_aware(expected)


@pytest.mark.parametrize("value", ["31.02.2026", "завтра", "24/13/2026", "2026-13-01"])
def test_not_dates(value):
    assert parsing.parse_datetime(value) is None


def test_date_hint():
    assert parsing.parse_datetime("24/11/2026 10.30", "%d/%m/%Y %H.%M") == timezone.make_aware(
        dt.datetime(2026, 11, 24, 10, 30)
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("да", True),
        ("Нет", False),
        ("1", True),
        ("0", False),
        ("true", True),
        ("FALSE", False),
        ("+", True),
        ("-", False),
        ("может быть", None),
        (1.0, True),
    ],
)
def test_booleans(value, expected):
    assert parsing.parse_bool(value) is expected


def test_integers():
    assert parsing.parse_int("5") == 5
    assert parsing.parse_int("5,0") == 5
    assert parsing.parse_int(4.0) == 4
    assert parsing.parse_int("4,5") is None
    assert parsing.parse_int("пять") is None
