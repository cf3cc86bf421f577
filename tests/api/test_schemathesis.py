"""Property-based check of the whole API against its own OpenAPI schema (issue #4, item 5):
with a valid token no input yields a 5xx, and every response matches the schema.

Schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) does not work
with pytest 9 (it reads ``Function._nodeid``), so the operations are driven here with
Hypothesis directly, one ``@given`` per operation, inside one database test.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api.conftest import ALL_SCOPES

pytestmark = pytest.mark.django_db

EXAMPLES = 25


@pytest.fixture
def connection_kept_open():
    """The WSGI app closes the database connection after each request; inside a test that
    connection holds the test's transaction, so keep it open as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema(settings, issue, connection_kept_open):
    settings.ALLOWED_HOSTS = ["*"]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {issue(scopes=ALL_SCOPES)}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 16

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings_for_hypothesis
        def check(case):
            case.call_and_validate(
                headers=headers, checks=[not_a_server_error, response_schema_conformance]
            )

        try:
            check()
        except Exception as error:
            raise AssertionError(f"{operation.label}: {error}") from error


settings_for_hypothesis = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
