"""Protection of public survey links without a third-party CAPTCHA (152-FZ).

A QR code can be photographed and posted anywhere, so: rate limits per link and per
client address; a honeypot field and a minimum fill time that flag, not drop, an answer.
"""

import time

import django_fast_ratelimit as ratelimit
from django.conf import settings
from django.core import signing

HONEYPOT_FIELD = "website"
STARTED_SALT = "otklik.feedback.started"


def started_token() -> str:
    """A signed note of when the form was shown, to measure the fill time."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


def fill_seconds(token: str) -> int | None:
    """Seconds since the form was shown, or None for a missing, forged or stale token."""
    try:
        started = signing.loads(
            token, salt=STARTED_SALT, max_age=settings.OTKLIK_SURVEY_MAX_FILL_SECONDS
        )
    except signing.BadSignature:
        return None
    if not isinstance(started, int | float):
        return None
    return max(0, int(time.time() - started))


def suspicion(post, seconds: int | None) -> list[str]:
    """Reasons to hold an answer for review; an empty list means it is counted."""
    reasons = []
    if post.get(HONEYPOT_FIELD):
        reasons.append("honeypot")
    if seconds is None:
        reasons.append("no_start_time")
    elif seconds < settings.OTKLIK_SURVEY_MIN_FILL_SECONDS:
        reasons.append("too_fast")
    return reasons


def rate_limited(request, link: str) -> bool:
    """Whether this submission exceeds the per-link or the per-address limit."""
    limits = (
        ("survey-link", link.encode(), settings.OTKLIK_RATE_PER_LINK),
        ("survey-ip", "ip", settings.OTKLIK_RATE_PER_ADDRESS),
    )
    return any(
        ratelimit.get_ratelimit(
            group=group,
            key=key,
            rate=rate,
            request=request,
            action=ratelimit.Action.INCREASE,
        ).request_limit
        > 0
        for group, key, rate in limits
    )
