"""The monthly feedback-system report (F8): per channel, counted and ranked in the database."""

import statistics
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from otklik.feedback.choices import FeedbackChannel, FeedbackStatus, ResponseChannel
from otklik.feedback.models import FeedbackItem, FeedbackReply, Invitation, Response
from otklik.feedback.services import do_submit_response, survey_for
from otklik.metrics.queries import metric_values
from otklik.metrics.slices import Period, Slice
from otklik.reports import monthly, sql

# Long before the demo's generated facts: the test's own rows are the only ones in it.
MONTH = Period(date(2024, 10, 1), date(2024, 11, 1))
TZ = ZoneInfo(settings.TIME_ZONE)


def at(day: int, hour: int = 12) -> datetime:
    return datetime.combine(date(2024, 10, day), time(hour), tzinfo=TZ)


@pytest.fixture
def facts(main_journey, podolsk):
    touchpoint = next(
        tp
        for stage in main_journey.stages.all()
        for tp in stage.touchpoints.all()
        if survey_for(tp) is not None
    )
    version = survey_for(touchpoint)
    fills = {ResponseChannel.QR: [30, 40, 55, 90, 200], ResponseChannel.SMS: [20, 64, 81, 99]}
    for channel, seconds in fills.items():
        for i, fill in enumerate(seconds):
            invitation = None
            if channel == ResponseChannel.SMS:
                invitation = Invitation.objects.create(
                    touchpoint=touchpoint,
                    region=podolsk.region,
                    centre=podolsk,
                    channel=channel,
                    respondent_key=f"key-{i}",
                    interaction_at=at(2),
                    send_after=at(2),
                    send_before=at(4),
                    sent_at=at(2 + i),
                )
            submission = do_submit_response(
                touchpoint=touchpoint,
                version=version,
                answers=[],
                channel=channel,
                idempotency_key=uuid.uuid4(),
            )
            Response.objects.filter(pk=submission.response.pk).update(
                submitted_at=at(3 + i), fill_seconds=fill, invitation=invitation
            )
    for i in range(2):  # SMS invitations nobody answered
        Invitation.objects.create(
            touchpoint=touchpoint,
            region=podolsk.region,
            centre=podolsk,
            channel=ResponseChannel.SMS,
            respondent_key=f"silent-{i}",
            interaction_at=at(5),
            send_after=at(5),
            send_before=at(7),
            sent_at=at(5),
        )
    waits_hours = [2, 5, 30]
    for i, hours in enumerate(waits_hours):
        item = FeedbackItem.objects.create(
            region=podolsk.region,
            centre=podolsk,
            channel=FeedbackChannel.EMAIL,
            text=f"Отзыв {i}",
            received_at=at(10 + i),
            status=FeedbackStatus.ANSWERED,
        )
        FeedbackReply.objects.create(
            item=item, text="Ответ", sent_at=at(10 + i) + timedelta(hours=hours)
        )
        FeedbackReply.objects.create(
            item=item, text="Еще", sent_at=at(10 + i) + timedelta(hours=99)
        )
    FeedbackItem.objects.create(
        region=podolsk.region,
        centre=podolsk,
        channel=FeedbackChannel.EMAIL,
        text="Без ответа",
        received_at=at(20),
    )
    return {
        "fills": fills,
        "waits": [h * 3600 for h in waits_hours],
        "questions": len(version.questions),
    }


def test_survey_channels_per_channel(podolsk, facts):
    rows = {r["channel"]: r for r in monthly.survey_channels(podolsk, MONTH)}
    assert set(rows) == {ResponseChannel.QR, ResponseChannel.SMS}
    for channel, seconds in facts["fills"].items():
        assert rows[channel]["responses"] == len(seconds)
        assert rows[channel]["fill"] == pytest.approx(statistics.median(seconds))
        assert rows[channel]["questions"] == pytest.approx(facts["questions"])
    sms = rows[ResponseChannel.SMS]
    assert sms["invited"] == 6
    expected = metric_values(Slice(centre=podolsk.pk, channel="sms"), MONTH, ["RESPONSE_RATE"])
    assert sms["rate"].value == pytest.approx(expected["RESPONSE_RATE"].value)
    assert sms["rate"].value == pytest.approx(4 / 6 * 100)
    assert rows[ResponseChannel.QR]["invited"] == 0


def test_feedback_channels_share_and_speed_of_replies(podolsk, facts):
    (row,) = monthly.feedback_channels(podolsk, MONTH)
    assert row["channel"] == FeedbackChannel.EMAIL
    assert (row["received"], row["answered"], row["open"]) == (4, 3, 1)
    assert row["wait"] == pytest.approx(statistics.median(facts["waits"]))


def test_the_report_reads_them_in_russian(podolsk, facts, settings):
    assert monthly.build_monthly(podolsk, MONTH).section("surveys").rows[-1][3].text == (
        "мало ответов"  # 6 invitations: below the minimum sample
    )
    settings.OTKLIK_METRIC_MIN_SAMPLE = 5
    report = monthly.build_monthly(podolsk, MONTH)
    assert report.title == "Ежемесячный отчет о системе обратной связи"
    assert report.period == "Октябрь 2024\u00a0г."
    surveys = report.section("surveys")
    sms = next(r for r in surveys.rows if r[0].text == "SMS-приглашение")
    assert sms[3].text == "67 %"
    assert sms[4].text == "72 с" and sms[4].value == pytest.approx(72.5)
    feedback = report.section("feedback")
    assert feedback.rows[0][3].text == "75 %"
    assert feedback.rows[0][4].text == "5 ч"
    problems = [row[1].text for row in report.section("problems").rows]
    assert "Без ответа сотрудника: 1 из 4." in problems
    assert any(p.startswith("Заполнение занимает") for p in problems)


def test_the_median_is_one_query_of_two_rows(podolsk, facts, django_assert_num_queries):
    responses = Response.objects.filter(
        centre=podolsk, submitted_at__gte=at(1), submitted_at__lt=at(31)
    )
    with django_assert_num_queries(1):
        medians = sql.medians(responses, "fill_seconds", "channel")
    assert medians == {"qr": 55, "sms": pytest.approx(72.5)}


def test_the_monthly_workbook_and_page_hold_the_same_numbers(client_for, podolsk, facts):
    import io

    from django.utils.html import escape
    from openpyxl import load_workbook

    from otklik.reports import render, services

    row = services.do_generate_monthly(podolsk, MONTH)
    report = row.document
    html = client_for("specialist").get(f"/reports/monthly/{row.pk}/").content.decode()
    with row.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    compared = 0
    for sheet_name, section in zip(book.sheetnames[1:], report.sections, strict=True):
        rows = book[sheet_name].iter_rows(min_row=5, values_only=True)
        for cells_, xl in zip(section.rows, rows, strict=False):
            for cell, value in zip(cells_, xl, strict=False):
                assert escape(cell.text) in html
                if cell.numeric and cell.value is not None:
                    number = render.from_xlsx_value(cell.kind, value)
                    assert number == pytest.approx(cell.value, abs=0.01)
                    compared += 1
    assert compared >= 10
