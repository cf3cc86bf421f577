"""Loads the demo's public wall (see ``wall_content``). Running it again adds only what is
missing: reviews are found by a key derived from their text, notices by their text."""

import uuid
from datetime import timedelta

from django.utils import timezone

from otklik.demo.wall_content import WALL
from otklik.feedback.choices import FeedbackChannel, FeedbackStatus, Publication
from otklik.feedback.models import ChangeNotice, FeedbackItem
from otklik.feedback.wall import mask_personal_data

_KEYS = uuid.UUID("6f1c2d3e-0b7a-4c1e-9a51-7d0f3c2b1a00")


def _key(text: str) -> uuid.UUID:
    return uuid.uuid5(_KEYS, text)


def load_wall(summary, region, centres, users) -> None:
    centre = centres.get(WALL["centre"])
    if centre is None:
        return
    moderator = users.get("director")
    now = timezone.now()
    for published, items in ((True, WALL["published"]), (False, WALL["pending"])):
        for item in items:
            received = now - timedelta(days=item["days_ago"], hours=3)
            defaults = {
                "region": region,
                "centre": centre,
                "channel": FeedbackChannel.WALL,
                "text": item["text"],
                "rating": item.get("rating"),
                "received_at": received,
                "author_name_public": item.get("name", ""),
                "status_changed_at": received,
                "publication": Publication.PENDING,
            }
            if published:
                moderated = received + timedelta(hours=2)
                replied = now - timedelta(days=item["reply_days_ago"])
                defaults |= {
                    "publication": Publication.PUBLISHED,
                    "public_text": mask_personal_data(item["text"]).text,
                    "moderated_by": moderator,
                    "moderated_at": moderated,
                    "public_reply": item["reply"],
                    "replied_by": moderator,
                    "replied_at": replied,
                    "status": FeedbackStatus.ANSWERED,
                    "status_changed_at": replied,
                    "status_changed_by": moderator,
                }
            _item, created = FeedbackItem.objects.get_or_create(
                idempotency_key=_key(item["text"]), defaults=defaults
            )
            summary.count("feedback items", created)
    today = timezone.localdate()
    for item in WALL["changes"]:
        _notice, created = ChangeNotice.objects.get_or_create(
            region=region,
            centre=centre,
            did=item["did"],
            defaults={
                "said": item["said"],
                "done_on": today - timedelta(days=item["days_ago"]),
                "is_published": True,
                "published_at": now,
                "created_by": moderator,
            },
        )
        summary.count("changes", created)
