"""The QA evaluations API: single and batch, idempotent, scoped to the token's units and
rights, 422 with field details on bad input (never a 500), reading within scope."""

import json
import uuid

import pytest

from otklik.org.models import Unit
from otklik.standards.models import Evaluation, Scorecard, ScorecardCategory

pytestmark = pytest.mark.django_db

SCOPES = ["write_evaluations", "read_evaluations"]


@pytest.fixture
def issue(units):
    from otklik.api import tokens

    def make(scopes=SCOPES, centre=None, region="region-50"):
        region_unit = units.get(region) or Unit.objects.get(code=region)
        return tokens.issue_token(
            name="QA system",
            region=region_unit,
            centre=units[centre] if centre else None,
            scopes=scopes,
        ).secret

    return make


@pytest.fixture
def api(client, issue):
    class Api:
        def __init__(self, token):
            self.token = token

        def post(self, path, body, raw=False):
            return client.post(
                "/api/v1/" + path,
                body if raw else json.dumps(body),
                content_type="application/json",
                headers={"Authorization": f"Bearer {self.token}"},
            )

        def get(self, path, params=None):
            return client.get(
                "/api/v1/" + path, params or {}, headers={"Authorization": f"Bearer {self.token}"}
            )

        def as_token(self, token):
            return Api(token)

    return Api(issue())


def body(card, categories, scores=(1, 1, 0), **extra):
    return {
        "idempotency_key": str(uuid.uuid4()),
        "scorecard": card.pk,
        "channel": "phone",
        "evaluated_at": "2026-11-02T11:00:00+03:00",
        "centre": "podolsk",
        "employee": "specialist",
        "scores": [{"category": c.pk, "score": s} for c, s in zip(categories, scores, strict=True)],
        **extra,
    }


def test_create_once_then_replay(api, seed_card, categories, touchpoint):
    item = body(seed_card, categories, touchpoint=touchpoint.public_code, note="Звонок")
    first = api.post("evaluations", item)
    assert first.status_code == 201, first.json()
    data = first.json()
    assert data["created"] is True
    evaluation = Evaluation.objects.get(pk=data["id"])
    assert evaluation.iqs_display == 77
    assert evaluation.touchpoint == touchpoint and evaluation.journey_id is not None
    assert evaluation.employee.username == "specialist"
    assert evaluation.source.startswith("api:")
    again = api.post(
        "evaluations",
        body(seed_card, categories, scores=(0, 0, 0), idempotency_key=item["idempotency_key"]),
    )
    # the body is not compared
    assert again.status_code == 200
    assert again.json() == {**data, "created": False}
    assert Evaluation.objects.filter(idempotency_key=item["idempotency_key"]).count() == 1


def test_a_failed_critical_category_is_0(api, seed_card, categories):
    response = api.post("evaluations", body(seed_card, categories, scores=(1, 0, 1)))
    evaluation = Evaluation.objects.get(pk=response.json()["id"])
    assert evaluation.iqs == 0 and evaluation.critical_failed


def test_batch_is_all_or_nothing(api, seed_card, categories):
    good = [body(seed_card, categories) for _ in range(3)]
    bad = body(seed_card, categories, scores=(1, 1, 1.5))
    response = api.post("evaluations/batch", {"items": [*good, bad]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["index"] == 3
    assert not Evaluation.objects.filter(
        idempotency_key__in=[g["idempotency_key"] for g in good]
    ).exists()

    response = api.post("evaluations/batch", {"items": good})
    assert response.status_code == 201
    assert response.json()["created"] == 3 and response.json()["existing"] == 0
    response = api.post("evaluations/batch", {"items": [*good, body(seed_card, categories)]})
    assert response.status_code == 201
    assert response.json()["created"] == 1 and response.json()["existing"] == 3
    response = api.post("evaluations/batch", {"items": good})
    assert response.status_code == 200 and response.json()["created"] == 0


def test_a_key_twice_in_one_batch_is_stored_once(api, seed_card, categories):
    item = body(seed_card, categories)
    response = api.post("evaluations/batch", {"items": [item, item]})
    assert response.status_code == 201
    rows = response.json()["items"]
    assert rows[0]["id"] == rows[1]["id"]
    assert [r["created"] for r in rows] == [True, False]


def errors(response) -> list[str]:
    """The fields named by a 422 (``index`` is 0 for a rule of a single record, None for
    the schema, as on the other ingestion endpoints)."""
    assert response.status_code == 422, response.content
    return [e["field"] for e in response.json()["errors"]]


def test_field_details_on_bad_input(api, seed_card, categories):
    knowledge, speech, politeness = categories
    item = body(seed_card, categories)
    item["scores"] = item["scores"][:2]
    assert errors(api.post("evaluations", item)) == [f"scores.{politeness.pk}"]

    item = body(seed_card, categories)
    item["scores"].append({"category": knowledge.pk, "score": 0})
    assert errors(api.post("evaluations", item)) == [f"scores.{knowledge.pk}"]

    item = body(seed_card, categories, scores=(1, True, 1))
    response = api.post("evaluations", item)
    assert errors(response) == ["scores.1.score"] and response.json()["errors"][0]["index"] is None
    item = body(seed_card, categories, scores=(1, 2, 1))
    assert errors(api.post("evaluations", item)) == ["scores.1.score"]
    assert errors(api.post("evaluations", {**body(seed_card, categories), "extra": 1})) == ["extra"]
    assert errors(api.post("evaluations", body(seed_card, categories, channel="fax"))) == [
        "channel"
    ]
    assert errors(api.post("evaluations", body(seed_card, categories, scorecard=10**9))) == [
        "scorecard"
    ]
    assert errors(api.post("evaluations", body(seed_card, categories, employee="nobody"))) == [
        "employee"
    ]
    assert errors(api.post("evaluations", body(seed_card, categories, touchpoint="zzz"))) == [
        "touchpoint"
    ]
    assert errors(api.post("evaluations", body(seed_card, categories, interaction=10**12))) == [
        "interaction"
    ]
    future = body(seed_card, categories, evaluated_at="2099-01-01T00:00:00+03:00")
    assert errors(api.post("evaluations", future)) == ["evaluated_at"]
    assert api.post("evaluations", "{not json", raw=True).status_code == 400
    assert Evaluation.objects.filter(scorecard=seed_card).count() == 0


def test_the_tokens_units_bound_what_it_writes(api, issue, seed_card, categories):
    khimki_token = api.as_token(issue(centre="khimki"))
    response = khimki_token.post("evaluations", body(seed_card, categories))
    assert errors(response) == ["centre"] and response.json()["errors"][0]["index"] == 0
    item = body(seed_card, categories)
    del item["centre"]
    response = khimki_token.post("evaluations", item)  # the token's centre by default
    assert response.status_code == 201
    assert Evaluation.objects.get(pk=response.json()["id"]).centre.code == "khimki"

    card = Scorecard.objects.create(
        region=Unit.objects.get(code="region-50"),
        centre=Unit.objects.get(code="podolsk"),
        title="Подольск",
    )
    category = ScorecardCategory.objects.create(scorecard=card, name="Вежливость", weight=1)
    item = {
        **body(seed_card, categories),
        "scorecard": card.pk,
        "scores": [{"category": category.pk, "score": 1}],
    }
    del item["centre"]
    assert errors(khimki_token.post("evaluations", item)) == ["scorecard"]


def test_another_regions_token_sees_nothing(api, issue, seed_card, categories):
    other = Unit.objects.create(kind="region", name="Тверская область", code="region-69")
    other_token = api.as_token(issue(region="region-69"))
    stored = api.post("evaluations", body(seed_card, categories))
    key = json.loads(stored.content)["idempotency_key"]
    replay = other_token.post(
        "evaluations", {**body(seed_card, categories), "idempotency_key": key}
    )
    assert errors(replay) == ["idempotency_key"]
    assert errors(other_token.post("evaluations", body(seed_card, categories))) == [
        "scorecard",
        "centre",
        "employee",
    ]
    listed = other_token.get("evaluations").json()
    assert listed["count"] == 0
    assert other_token.get("scorecards").json() == []
    assert other.pk


def test_scopes_are_checked(api, issue, seed_card, categories):
    reader = api.as_token(issue(scopes=["read_evaluations"]))
    assert reader.post("evaluations", body(seed_card, categories)).status_code == 403
    assert (
        reader.post("evaluations/batch", {"items": [body(seed_card, categories)]}).status_code
        == 403
    )
    writer = api.as_token(issue(scopes=["write_evaluations"]))
    assert writer.get("evaluations").status_code == 403
    assert writer.get("scorecards").status_code == 200  # to learn the categories to score
    other = api.as_token(issue(scopes=["write_feedback"]))
    assert other.get("scorecards").status_code == 403
    assert api.as_token("otk_wrong").get("evaluations").status_code == 401


def test_reading_within_scope(api, issue, seed_card, categories):
    api.post("evaluations", body(seed_card, categories))
    api.post("evaluations", body(seed_card, categories, centre="khimki", employee="specialist2"))
    everything = api.get("evaluations", {"scorecard": seed_card.pk}).json()
    assert everything["count"] == 2
    item = everything["items"][0]
    assert {s["name"] for s in item["scores"]} == {c.name for c in categories}
    assert round(item["iqs"]) == 77
    podolsk = api.as_token(issue(centre="podolsk")).get("evaluations", {"scorecard": seed_card.pk})
    assert [i["centre"] for i in podolsk.json()["items"]] == ["podolsk"]
    by_employee = api.get("evaluations", {"employee": "specialist2", "scorecard": seed_card.pk})
    assert by_employee.json()["count"] == 1
    since = api.get(
        "evaluations", {"since": "2026-11-03T00:00:00+03:00", "scorecard": seed_card.pk}
    )
    assert since.json()["count"] == 0
    assert api.get("evaluations", {"limit": 0}).status_code == 422

    cards = {c["id"]: c for c in api.get("scorecards").json()}
    assert [(c["name"], c["weight"], c["critical"]) for c in cards[seed_card.pk]["categories"]] == [
        ("Знание услуг", 1.5, False),
        ("Грамотность речи", 1.0, True),
        ("Вежливость", 0.75, False),
    ]
