import pytest
from django.core.cache import cache
from django.utils import timezone

from otklik.journeys.models import Touchpoint
from tests.outreach.helpers import PHONE, token_of


@pytest.fixture(autouse=True)
def outreach_settings(settings, tmp_path):
    """The outreach URLs, an outbox of our own, no quiet hours unless a test sets them."""
    settings.DATA_DIR = tmp_path
    settings.OTKLIK_SMS_PROVIDER = "otklik.outreach.providers.ConsoleSmsProvider"
    settings.OTKLIK_QUIET_HOURS = ""
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0
    settings.OTKLIK_PUBLIC_BASE_URL = "https://otklik.example.ru"
    cache.clear()
    return settings


@pytest.fixture(autouse=True)
def no_demo_contacts(db):
    """These tests count contacts: start without the demo inbox's consented authors."""
    from otklik.outreach.models import Contact

    Contact.objects.all().delete()


@pytest.fixture
def touchpoint(main_journey):
    return Touchpoint.objects.filter(stage__journey=main_journey).order_by("pk").first()


@pytest.fixture
def sms_outbox():
    from otklik.outreach.providers import ConsoleSmsProvider

    return ConsoleSmsProvider()


@pytest.fixture
def sent_sms(touchpoint, sms_outbox):
    """An SMS invitation, sent: (invitation, the token of its link)."""
    from otklik.outreach.services import do_invite, send_due_invitations

    result = do_invite(touchpoint, "sms", PHONE, timezone.now())
    assert send_due_invitations() == 1
    result.invitation.refresh_from_db()
    return result.invitation, token_of(sms_outbox.messages()[-1]["text"])
