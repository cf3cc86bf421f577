"""Background jobs: the queue, the minute job, the embedded consumer, the commands."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from huey import MemoryHuey, SqliteHuey

from otklik.feedback.models import Invitation
from otklik.outreach import tasks
from otklik.outreach.models import DeliveryAddress
from otklik.outreach.services import do_invite
from tests.outreach.helpers import PHONE


def test_the_embedded_queue_is_a_sqlite_file_in_the_data_directory(settings, tmp_path):
    settings.REDIS_URL = ""
    settings.OTKLIK_HUEY_IMMEDIATE = False
    huey = tasks.make_huey()
    assert isinstance(huey, SqliteHuey)
    assert huey.storage.filename == str(tmp_path / "huey.sqlite3")
    assert not huey.immediate


def test_redis_is_used_when_configured(settings):
    pytest.importorskip("redis")
    from huey import RedisHuey

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert isinstance(tasks.make_huey(), RedisHuey)


def test_immediate_mode_for_tests(settings):
    settings.REDIS_URL = ""
    settings.OTKLIK_HUEY_IMMEDIATE = True
    huey = tasks.make_huey()
    assert huey.immediate
    assert tasks.start_embedded_consumer(huey) is None


def test_sending_is_a_periodic_job_every_minute():
    assert tasks.send_due_invitations.task_class in tasks.HUEY._registry._periodic_tasks
    validate = tasks.send_due_invitations.task_class().validate_datetime
    assert validate(timezone.now().replace(second=0))
    assert validate(timezone.now().replace(second=0) + timedelta(minutes=7))


@pytest.mark.django_db
def test_the_periodic_job_sends_what_is_due(touchpoint, sms_outbox):
    do_invite(touchpoint, "sms", PHONE, timezone.now())
    assert tasks.send_due_invitations.call_local() == 1
    assert [m["to"] for m in sms_outbox.messages()] == [PHONE]


def test_the_embedded_consumer_runs_tasks_in_threads():
    huey = MemoryHuey("embedded-test", immediate=False)
    ran = threading.Event()

    @huey.task()
    def mark(value):
        ran.set()
        return value * 2

    consumer = tasks.start_embedded_consumer(huey, workers=1)
    try:
        assert tasks.start_embedded_consumer(huey) is consumer  # once per queue
        result = mark(21)
        assert ran.wait(10)
        assert result.get(blocking=True, timeout=10) == 42
        assert threading.current_thread() is threading.main_thread()
        assert all(t.daemon for _w, t in consumer.worker_threads)
    finally:
        consumer.stop()


@pytest.mark.django_db
def test_the_invite_and_send_commands(touchpoint, sms_outbox, capsys):
    # A public code may start with "-": the "=" form always works.
    code = f"--touchpoint={touchpoint.public_code}"
    call_command("invite", code, "--sms=8 916 123-45-67")
    out = capsys.readouterr().out
    invitation = Invitation.objects.get()
    assert str(invitation.pk) in out
    assert "9161234567" not in out
    call_command("invite", code, "--sms=+79161234567")
    assert "уже приглашали" in capsys.readouterr().out
    assert Invitation.objects.count() == 1
    call_command("send_invitations")
    assert "1" in capsys.readouterr().out
    assert not DeliveryAddress.objects.exists()
    assert [m["to"] for m in sms_outbox.messages()] == [PHONE]


@pytest.mark.django_db
def test_the_invite_command_refuses_bad_input(touchpoint):
    from django.core.management.base import CommandError

    code = f"--touchpoint={touchpoint.public_code}"
    with pytest.raises(CommandError):
        call_command("invite", "--touchpoint=nope", f"--sms={PHONE}")
    with pytest.raises(CommandError):
        call_command("invite", code, "--email=not-an-email")
    with pytest.raises(CommandError):
        call_command("invite", code, f"--sms={PHONE}", "--at=вчера")
    with pytest.raises(CommandError):
        call_command("invite", code, f"--sms={PHONE}", "--email=a@b.ru")
    assert not Invitation.objects.exists()
