"""Loads the demo's feedback inbox (see ``inbox_content``). Running it again adds only
what is missing: items are found by a key derived from their text."""

import uuid
from datetime import timedelta

from django.utils import timezone

from otklik.demo.inbox_content import APOLOGY_TEMPLATE, INBOX, THANKS_TEMPLATE
from otklik.feedback.choices import FeedbackStatus
from otklik.feedback.models import FeedbackItem, ReplyTemplate
from otklik.journeys.models import Touchpoint
from otklik.outreach.models import ConsentPurpose, Contact

_KEYS = uuid.UUID("0c9a7f52-3b1e-4d6a-8f2c-5e4b3a2d1c00")


def _key(text: str) -> uuid.UUID:
    return uuid.uuid5(_KEYS, text)


def _touchpoint(region, centre, path) -> Touchpoint | None:
    journey, stage, name = path
    found = Touchpoint.objects.filter(
        stage__journey__title=journey, stage__journey__region=region
    ).order_by("stage__order", "order", "pk")
    if centre is not None:
        found = found.filter(stage__journey__centre=centre)
    if stage:
        found = found.filter(stage__name=stage)
    if name:
        found = found.filter(name=name)
    return found.first()


def load_inbox(summary, region, centres, users) -> None:
    now = timezone.now()
    for item in INBOX:
        centre = centres.get(item["centre"])
        if centre is None:
            continue
        key = _key(item["text"])
        if FeedbackItem.objects.filter(idempotency_key=key).exists():
            summary.count("feedback items", False)
            continue
        received = now - timedelta(days=item["days_ago"], hours=2)
        status = item.get("status", FeedbackStatus.NEW)
        changed = received + timedelta(hours=5) if status != FeedbackStatus.NEW else received
        contact = None
        if item.get("contact"):
            contact = Contact.objects.create(
                name=item["contact"].get("name", ""),
                email=item["contact"].get("email", ""),
                phone=item["contact"].get("phone", ""),
                purpose=ConsentPurpose.REPLY,
                consent_text_version="demo",
                consented_at=received,
            )
        touchpoint = (
            _touchpoint(region, centre, item["touchpoint"]) if "touchpoint" in item else None
        )
        FeedbackItem.objects.create(
            idempotency_key=key,
            region=region,
            centre=centre,
            touchpoint=touchpoint,
            channel=item["channel"],
            text=item["text"],
            rating=item.get("rating"),
            received_at=received,
            author_name_public=item.get("author", ""),
            status=status,
            status_changed_at=changed,
            status_changed_by=users.get(item.get("assigned", "specialist"))
            if status != FeedbackStatus.NEW
            else None,
            assigned_to=users.get(item["assigned"]) if item.get("assigned") else None,
            closing_note=item.get("closing_note", ""),
            contact=contact,
        )
        summary.count("feedback items", True)
    for template, is_thanks in ((THANKS_TEMPLATE, True), (APOLOGY_TEMPLATE, False)):
        _template, created = ReplyTemplate.objects.get_or_create(
            region=region,
            centre=None,
            title=template["title"],
            defaults={"text": template["text"], "is_thanks": is_thanks},
        )
        summary.count("reply templates", created)
