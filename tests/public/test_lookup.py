"""The one-query lookup behind a public link: same answer as survey_for, never stale."""

import uuid

import pytest
from django.core.cache import cache
from django.http import Http404
from django.urls import reverse

from otklik.demo import content
from otklik.feedback.abuse import started_token
from otklik.feedback.models import Response, Survey
from otklik.feedback.services import do_publish_survey, survey_for
from otklik.journeys.models import Touchpoint
from otklik.public.lookup import survey_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0


@pytest.fixture
def demo_survey():
    return Survey.objects.get(title=content.SURVEY["title"])


@pytest.fixture
def touchpoint(demo_survey):
    return demo_survey.touchpoints.order_by("pk").first()


def answers(version, **overrides):
    values = {"ces": "4", "csat": "3", "nps": "9", "text": "Спасибо"}
    data = {"idempotency_key": str(uuid.uuid4()), "started": started_token(), "channel": "qr"}
    data.update({f"q_{q['key']}": values[q["type"]] for q in version.questions})
    data.update(overrides)
    return data


def test_it_finds_what_survey_for_finds_at_every_touchpoint():
    for touchpoint in Touchpoint.objects.all():
        found, current = survey_at(touchpoint.public_code)
        assert found.pk == touchpoint.pk
        expected = survey_for(touchpoint)
        assert (current.version if current else None) == expected
        journey = found.stage.journey
        assert (journey.pk, journey.region_id, journey.centre_id, journey.segment_id) == (
            touchpoint.stage.journey_id,
            touchpoint.stage.journey.region_id,
            touchpoint.stage.journey.centre_id,
            touchpoint.stage.journey.segment_id,
        )


def test_it_is_one_query_once_the_version_is_known(touchpoint, django_assert_num_queries):
    expected = (touchpoint.name, touchpoint.public_code, touchpoint.stage.journey_id)
    _, before = survey_at(touchpoint.public_code)
    with django_assert_num_queries(1):
        found, current = survey_at(touchpoint.public_code)
        assert (found.name, found.public_code, found.stage.journey_id) == expected
    assert current.version == before.version
    assert current.form_class is before.form_class  # built once per version


def test_fields_it_does_not_read_load_when_used(touchpoint):
    found, _ = survey_at(touchpoint.public_code)
    journey = touchpoint.stage.journey
    assert found.description == touchpoint.description
    assert found.stage.journey.title == journey.title
    assert found.stage.journey.centre == journey.centre


def test_an_unknown_code_is_404():
    with pytest.raises(Http404):
        survey_at("no-such-code")


def test_a_new_version_is_answered_at_once(client, users, demo_survey, touchpoint):
    url = reverse("public_survey", args=[touchpoint.public_code])
    first = survey_at(touchpoint.public_code)[1].version
    assert client.post(url, answers(first)).status_code == 302  # the first version is cached

    question = demo_survey.questions.get(type="ces")
    question.scale_points = 7
    question.save()
    second = do_publish_survey(demo_survey, users["teamlead"])
    assert survey_at(touchpoint.public_code)[1].version == second
    assert f"q_{second.questions[0]['key']}" in client.get(url).content.decode()

    data = answers(second)
    assert client.post(url, data).status_code == 302
    stored = Response.objects.get(idempotency_key=data["idempotency_key"])
    assert stored.survey_version == second
    assert stored.answers.get(type="ces").scale_points == 7


def test_a_survey_that_stops_collecting_has_no_page(client, demo_survey, touchpoint):
    url = reverse("public_survey", args=[touchpoint.public_code])
    assert client.get(url).status_code == 200
    Survey.objects.filter(pk=demo_survey.pk).update(is_active=False)
    assert survey_at(touchpoint.public_code)[1] is None
    assert client.get(url).status_code == 404
    assert client.post(url, answers(demo_survey.current_version)).status_code == 404
