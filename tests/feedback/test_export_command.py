"""`otklik export`: the inbox from the command line, within the staff member's units."""

import csv

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from otklik.feedback.models import FeedbackItem

pytestmark = pytest.mark.django_db


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_csv_export_covers_only_the_staff_members_units(tmp_path, users):
    khimki = FeedbackItem.objects.filter(centre__code="khimki").first()
    path = tmp_path / "inbox.csv"
    call_command("export", str(path), "--as", "specialist")
    rows = read_csv(path)
    texts = {cell for row in rows[1:] for cell in row}
    assert len(rows) - 1 == FeedbackItem.objects.filter(centre__code="podolsk").count()
    assert khimki.text not in texts

    call_command("export", str(path), "--as", "regadmin", "--centre", "khimki")
    rows = read_csv(path)
    assert len(rows) - 1 == FeedbackItem.objects.filter(centre__code="khimki").count()


def test_formulas_are_neutralised_in_both_formats(tmp_path):
    from otklik.org.models import Unit

    centre = Unit.objects.get(code="podolsk")
    FeedbackItem.objects.create(
        region=centre.region, centre=centre, channel="letter", text='=HYPERLINK("http://x")'
    )
    csv_path, xlsx_path = tmp_path / "a.csv", tmp_path / "a.xlsx"
    call_command("export", str(csv_path), "--as", "director", "--channel", "letter")
    assert any(cell.startswith("'=HYPERLINK") for row in read_csv(csv_path) for cell in row)
    call_command("export", str(xlsx_path), "--as", "director", "--channel", "letter")
    sheet = openpyxl.load_workbook(xlsx_path).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(str(v).startswith("'=HYPERLINK") for v in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="Нет действующего сотрудника"):
        call_command("export", str(tmp_path / "x.csv"), "--as", "nobody")
    with pytest.raises(CommandError, match="не дата"):
        call_command("export", str(tmp_path / "x.csv"), "--as", "director", "--since", "вчера")
    with pytest.raises(CommandError):
        call_command("export", "-", "--as", "director", "--format", "xlsx")
