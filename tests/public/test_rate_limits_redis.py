"""The survey rate limits on Redis (production): one round trip, per link and per address.

Needs a Redis server (``OTKLIK_TEST_REDIS_URL``, default database 14 on 127.0.0.1); the
tests are skipped without one. Each test uses its own key prefix and removes its keys.
"""

import os
import time
import uuid

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from otklik.feedback import abuse
from otklik.feedback.services import survey_for
from otklik.journeys.models import Touchpoint

REDIS_URL = os.environ.get("OTKLIK_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

pytestmark = pytest.mark.django_db


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.fixture
def redis_cache(settings):
    client = _redis_or_skip()
    prefix = f"otklik-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0
    yield client
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def touchpoints(main_journey):
    found = [t for t in Touchpoint.objects.order_by("pk") if survey_for(t)]
    assert len(found) >= 2
    return found[:2]


def url(touchpoint):
    return reverse("public_survey", args=[touchpoint.public_code])


def answers(touchpoint):
    values = {"ces": "4", "csat": "3", "nps": "9", "text": "Спасибо"}
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "started": abuse.started_token(),
        "channel": "qr",
        "website": "",
    }
    data.update({f"q_{q['key']}": values[q["type"]] for q in survey_for(touchpoint).questions})
    return data


def post(client, touchpoint, address="10.1.0.1"):
    return client.post(
        url(touchpoint), answers(touchpoint), REMOTE_ADDR=address, HTTP_ACCEPT="application/json"
    ).status_code


def test_the_redis_path_is_taken(redis_cache):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)


def test_per_address(client, redis_cache, settings, touchpoints):
    settings.OTKLIK_RATE_PER_ADDRESS = "3/m"
    first, second = touchpoints
    # the limit counts the address over all links
    assert [post(client, first), post(client, second), post(client, first)] == [201] * 3
    assert post(client, second) == 429
    assert post(client, first, address="10.1.0.2") == 201  # another address is not held up


def test_per_link(client, redis_cache, settings, touchpoints):
    settings.OTKLIK_RATE_PER_ADDRESS = "100/m"
    settings.OTKLIK_RATE_PER_LINK = "2/m"
    first, second = touchpoints
    assert [post(client, first, f"10.2.0.{n}") for n in (1, 2)] == [201, 201]
    assert post(client, first, "10.2.0.3") == 429
    assert post(client, second, "10.2.0.4") == 201  # another link is not held up


def test_a_limited_answer_is_not_stored(client, redis_cache, settings, touchpoints):
    from otklik.feedback.models import Response

    settings.OTKLIK_RATE_PER_ADDRESS = "1/m"
    first, _ = touchpoints
    assert post(client, first) == 201
    data = answers(first)
    limited = client.post(url(first), data, REMOTE_ADDR="10.1.0.1")
    assert limited.status_code == 429
    assert not Response.objects.filter(idempotency_key=data["idempotency_key"]).exists()


def test_both_limits_take_one_round_trip(client, redis_cache, touchpoints, monkeypatch):
    import redis

    commands = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    assert post(client, touchpoints[0]) == 201
    assert commands == ["EVALSHA"]


def test_the_window_starts_again_after_its_period(client, redis_cache, settings, touchpoints):
    settings.OTKLIK_RATE_PER_ADDRESS = "1/1s"
    first, _ = touchpoints
    assert post(client, first) == 201
    assert post(client, first) == 429
    time.sleep(1.2)
    assert post(client, first) == 201


def test_counters_expire_with_their_period(client, redis_cache, settings, touchpoints):
    settings.OTKLIK_RATE_PER_LINK = "50/m"
    settings.OTKLIK_RATE_PER_ADDRESS = "10/h"
    assert post(client, touchpoints[0]) == 201
    ttls = sorted(
        redis_cache.ttl(key) for key in redis_cache.scan_iter(match=cache.make_key("rl:*"))
    )
    assert len(ttls) == 2
    assert 0 < ttls[0] <= 60 and 3000 < ttls[1] <= 3600


def test_a_counter_without_expiry_gets_one(client, redis_cache, settings, touchpoints):
    settings.OTKLIK_RATE_PER_ADDRESS = "5/m"
    request = RequestFactory().post("/", REMOTE_ADDR="10.3.0.1")
    _, (_, address, _) = abuse._limits(request, touchpoints[0].public_code)
    stray = cache.make_key(f"rl:survey-ip:60:{address}")
    redis_cache.set(stray, 3)  # no TTL
    assert post(client, touchpoints[0], address="10.3.0.1") == 201
    assert int(redis_cache.get(stray)) == 4
    assert 0 < redis_cache.ttl(stray) <= 60


def test_a_redis_that_lost_the_script_loads_it_again(client, redis_cache, touchpoints, monkeypatch):
    monkeypatch.setattr(abuse, "_COUNT_SCRIPT_SHA", "0" * 40)  # as after SCRIPT FLUSH
    assert post(client, touchpoints[0]) == 201
