"""Exports of inbox views (D5): formula injection neutralised, filters kept, scope kept."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from otklik.feedback import exports
from otklik.feedback.choices import FeedbackChannel
from otklik.feedback.models import FeedbackItem
from otklik.org.models import Unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+7 916 123-45-67", "'+7 916 123-45-67"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Всё хорошо = спасибо", "Всё хорошо = спасибо"),
        ("", ""),
        (None, None),
        (5, 5),
        (-3, -3),
    ],
)
def test_neutralise(value, expected):
    assert exports.neutralise(value) == expected


def test_csv_lines_neutralise_every_cell():
    lines = list(exports.csv_lines(["=A", "B"], [["=1+2", "ok"], [None, 3]]))
    assert lines[0].startswith("\ufeff")
    rows = list(csv.reader(io.StringIO("".join(lines).lstrip("\ufeff")), delimiter=";"))
    assert rows == [["'=A", "B"], ["'=1+2", "ok"], ["", "3"]]


def test_xlsx_keeps_texts_as_texts(tmp_path):
    path = tmp_path / "out.xlsx"
    exports.write_xlsx(str(path), ["Текст", "Оценка"], [["=1+2", 4], ["@cmd", None]])
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Текст"
    assert sheet["A2"].value == "'=1+2" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 4
    assert sheet["A3"].value == "'@cmd"


@pytest.fixture
def items(db):
    podolsk = Unit.objects.get(code="podolsk")
    khimki = Unit.objects.get(code="khimki")
    mine = FeedbackItem.objects.create(
        region_id=podolsk.region_id,
        centre=podolsk,
        channel=FeedbackChannel.EMAIL,
        text='=HYPERLINK("http://evil.example","Нажми")',
        rating=1,
    )
    letter = FeedbackItem.objects.create(
        region_id=podolsk.region_id, centre=podolsk, channel=FeedbackChannel.LETTER, text="Письмо"
    )
    foreign = FeedbackItem.objects.create(
        region_id=khimki.region_id, centre=khimki, channel=FeedbackChannel.EMAIL, text="Химки"
    )
    return mine, letter, foreign


def test_csv_export_of_a_filtered_view(items, client_for):
    response = client_for("specialist").get(reverse("inbox_export_csv"), {"channel": "email"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "Number" or rows[0][0] == "Номер"
    texts = [row[7] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","Нажми")' in texts
    assert "Письмо" not in texts and "Химки" not in texts  # filter and scope


def test_xlsx_export_keeps_the_scope(items, client_for):
    response = client_for("specialist2").get(reverse("inbox_export_xlsx"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    texts = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Химки" in texts and "Письмо" not in texts
