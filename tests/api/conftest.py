import pytest

ALL_SCOPES = [
    "write_responses",
    "write_feedback",
    "write_interactions",
    "write_mentions",
    "read_feedback",
    "read_touchpoints",
    "write_evaluations",
    "read_evaluations",
]


@pytest.fixture
def units(db):
    from otklik.org.models import Unit

    return {code: Unit.objects.get(code=code) for code in ("region-50", "podolsk", "khimki")}


@pytest.fixture
def issue(units):
    from otklik.api import tokens

    def make(scopes=ALL_SCOPES, centre=None, name="Test integration"):
        issued = tokens.issue_token(
            name=name,
            region=units["region-50"],
            centre=units[centre] if centre else None,
            scopes=scopes,
        )
        return issued.secret

    return make


@pytest.fixture
def secret(issue):
    return issue()


@pytest.fixture
def api(client, secret):
    """A client that sends JSON with the all-scopes token of the region."""

    class Api:
        def __init__(self, token):
            self.token = token

        def headers(self):
            return {"Authorization": f"Bearer {self.token}"} if self.token else {}

        def post(self, path, body, raw=False):
            import json

            data = body if raw else json.dumps(body)
            return client.post(
                "/api/v1/" + path, data, content_type="application/json", headers=self.headers()
            )

        def get(self, path, params=None):
            return client.get("/api/v1/" + path, params or {}, headers=self.headers())

        def as_token(self, token):
            return Api(token)

    return Api(secret)


@pytest.fixture
def survey_touchpoint(db):
    """A touchpoint of the podolsk centre with a published survey."""
    from otklik.feedback.services import survey_for
    from otklik.journeys.models import Touchpoint

    for touchpoint in Touchpoint.objects.filter(stage__journey__centre__code="podolsk"):
        if survey_for(touchpoint) is not None:
            return touchpoint
    raise AssertionError("the demo has no surveyed touchpoint")
