"""Protection of public survey links without a third-party CAPTCHA (152-FZ).

A QR code can be photographed and posted anywhere, so: rate limits per link and per
client address; a honeypot field and a minimum fill time that flag, not drop, an answer.
"""

import hashlib
import time
import weakref

import django_fast_ratelimit as ratelimit
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django_fast_ratelimit import methods as ratelimit_methods
from redis.exceptions import NoScriptError

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


# Both limits of a submission in one atomic Redis call: a fixed window per counter that
# starts at its first hit and lasts the rate's period, as django-fast-ratelimit counts.
# A counter left without an expiry (it cannot happen here, but a stray key must not block
# a link for ever) gets one too. Returns the counts in the order of the keys.
_COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 or redis.call('TTL', key) < 0 then
    redis.call('EXPIRE', key, ARGV[i])
  end
  counts[i] = count
end
return counts
"""
_COUNT_SCRIPT_SHA = hashlib.sha1(_COUNT_SCRIPT.encode()).hexdigest()  # noqa: S324 - Redis' name


# One client per cache object (Django's backend makes a new one for every call; the
# connection pool behind it is the same).
_clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _limits(request, link: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(group, key, (allowed, seconds)) of the per-link and the per-address limit."""
    link_rate = ratelimit.parse_rate(settings.OTKLIK_RATE_PER_LINK)
    address_rate = ratelimit.parse_rate(settings.OTKLIK_RATE_PER_ADDRESS)
    # The library's own address key: X-Forwarded-For only from RATELIMIT_TRUSTED_PROXIES.
    address = ratelimit_methods.ip(request, "survey-ip", ratelimit.Action.INCREASE, address_rate)
    return [("survey-link", link, link_rate), ("survey-ip", address, address_rate)]


def rate_limited(request, link: str) -> bool:
    """Whether this submission exceeds the per-link or the per-address limit.

    With Redis (production) both counters are counted in one round trip; with any other
    cache (the embedded mode, tests) through django-fast-ratelimit.
    """
    cache = caches[getattr(settings, "RATELIMIT_DEFAULT_CACHE", "default")]
    if isinstance(cache, RedisCache) and getattr(settings, "RATELIMIT_ENABLED", True):
        return _redis_rate_limited(cache, _limits(request, link))
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


def _redis_rate_limited(cache: RedisCache, limits) -> bool:
    keys = [cache.make_key(f"rl:{group}:{seconds}:{key}") for group, key, (_, seconds) in limits]
    periods = [seconds for _, _, (_, seconds) in limits]
    client = _clients.get(cache)
    if client is None:
        client = _clients[cache] = cache._cache.get_client(write=True)
    try:
        counts = client.evalsha(_COUNT_SCRIPT_SHA, len(keys), *keys, *periods)
    except NoScriptError:  # a Redis that restarted or never saw the script
        counts = client.eval(_COUNT_SCRIPT, len(keys), *keys, *periods)
    return any(
        int(count) > allowed for count, (_, _, (allowed, _)) in zip(counts, limits, strict=True)
    )
