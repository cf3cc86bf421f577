"""The schedule makes the weekly reports and e-mails them after the commit (Huey runs at once
in the tests); one test goes through a real SMTP server on this machine (aiosmtpd)."""

import email
import socket
from datetime import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from otklik.reports import services, tasks
from otklik.reports.models import MonthlyReport, WeeklyReport


def test_monday_seven_in_the_morning_moscow_time():
    validate = tasks.local_crontab(day_of_week="1", hour="7", minute="0")
    # 30 November 2026 is a Monday; Moscow is UTC+3; Huey's clock is naive UTC.
    assert validate(datetime(2026, 11, 30, 4, 0))
    assert not validate(datetime(2026, 11, 30, 7, 0))
    assert not validate(datetime(2026, 12, 1, 4, 0))
    monthly = tasks.local_crontab(day="1", hour="7", minute="0")
    assert monthly(datetime(2026, 12, 1, 4, 0))
    assert not monthly(datetime(2026, 12, 2, 4, 0))


def test_the_weekly_job_sends_every_report_to_its_team(
    emails, podolsk, main_journey, django_capture_on_commit_callbacks
):
    today = services.last_week().end  # a Monday
    with django_capture_on_commit_callbacks(execute=True):
        count = tasks.weekly_reports.call_local(today=today)
    week = services.last_week(today)
    assert count == len(services.weekly_subjects())
    assert WeeklyReport.objects.filter(week_start=week.start).count() == count
    journey_report = WeeklyReport.objects.get(journey=main_journey, week_start=week.start)
    assert journey_report.sent_at is not None
    team = {u.email for u in main_journey.team.all()} | {main_journey.team_lead.email}
    to_journey = [m for m in mail.outbox if main_journey.title in m.subject]
    assert {m.to[0] for m in to_journey} == team
    message = to_journey[0]
    assert message.subject.startswith("Еженедельный отчет о клиентском опыте")
    ((name, content, kind),) = message.attachments
    assert kind == "application/pdf" and content.startswith(b"%PDF") and name.endswith(".pdf")
    centre = [
        m
        for m in mail.outbox
        if m.subject.endswith(f"{podolsk.name}, {journey_report.document.period}")
    ]
    assert {m.to[0] for m in centre} == {"director@czn.example.ru", "teamlead@czn.example.ru"}


def test_nothing_is_sent_when_the_transaction_rolls_back(emails, podolsk, week):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.do_generate_weekly(podolsk, None, week, send=True)
        raise RuntimeError
    assert mail.outbox == []


def test_the_monthly_job_sends_to_all_staff_of_the_centre(
    emails, podolsk, django_capture_on_commit_callbacks
):
    today = services.last_week().end.replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.monthly_reports.call_local(today=today)
    row = MonthlyReport.objects.get(unit=podolsk, month_start=services.last_month(today).start)
    recipients = {m.to[0] for m in mail.outbox if podolsk.name in m.subject}
    assert recipients == {
        "specialist@czn.example.ru",
        "teamlead@czn.example.ru",
        "director@czn.example.ru",
    }
    assert row.sent_to == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_the_weekly_report_reaches_a_real_smtp_server(
    emails, podolsk, main_journey, django_capture_on_commit_callbacks
):
    from aiosmtpd.controller import Controller

    sink = _Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=port,
                EMAIL_USE_TLS=False,
            ),
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.do_generate_weekly(
                main_journey.centre, main_journey, services.last_week(), send=True
            )
    finally:
        controller.stop()
    assert len(sink.messages) == main_journey.team.count()
    recipients, content = sink.messages[0]
    parsed = email.message_from_bytes(content)
    assert "Еженедельный отчет" in str(
        email.header.make_header(email.header.decode_header(parsed["Subject"]))
    )
    pdfs = [p for p in parsed.walk() if p.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_payload(decode=True).startswith(b"%PDF")


def test_the_command_makes_the_report_and_prints_its_files(
    emails, podolsk, main_journey, capsys, django_capture_on_commit_callbacks
):
    code = services.last_week().start.isocalendar()
    week = f"{code[0]}-W{code[1]:02d}"
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "report",
            "weekly",
            "--centre",
            podolsk.code,
            "--week",
            week,
            "--journey",
            str(main_journey.pk),
            "--send",
        )
    out = capsys.readouterr().out
    lines = dict(
        line.split(":", 1) for line in out.splitlines() if line.startswith(("PDF", "XLSX"))
    )
    from pathlib import Path

    assert Path(lines["PDF"].strip()).read_bytes().startswith(b"%PDF")
    assert Path(lines["XLSX"].strip()).read_bytes().startswith(b"PK")
    assert len(mail.outbox) == main_journey.team.count()
    call_command("report", "monthly", "--centre", podolsk.code, "--month", "2026-11")
    assert "Ежемесячный отчет о системе обратной связи" in capsys.readouterr().out


def test_the_command_refuses_a_bad_week(podolsk):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026-W47"):
        call_command("report", "weekly", "--centre", podolsk.code, "--week", "47/2026")
    with pytest.raises(CommandError):
        call_command("report", "weekly", "--centre", "nowhere")


def test_a_director_elsewhere_does_not_get_this_centres_report(emails, podolsk, users):
    from otklik.org.models import Membership, Unit
    from otklik.org.roles import Role

    khimki = Unit.objects.get(code="khimki")
    Membership.objects.create(user=users["specialist2"], unit=khimki, role=Role.DIRECTOR)
    recipients = {u.username for u in services.weekly_recipients(podolsk, None)}
    assert recipients == {"director", "teamlead"}
    assert "specialist2" in {u.username for u in services.weekly_recipients(khimki, None)}
    assert "specialist2" not in {u.username for u in services.monthly_recipients(podolsk)}
