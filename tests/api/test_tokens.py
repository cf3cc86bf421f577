"""Integration tokens: issuing and revoking on the web and the command line; 401/403."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from otklik.api import tokens
from otklik.api.models import IntegrationToken

pytestmark = pytest.mark.django_db


def test_issue_stores_only_the_hash(units):
    issued = tokens.issue_token(
        name="Kiosk", region=units["region-50"], scopes=["responses", "read_touchpoints"]
    )
    token = IntegrationToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith("otk_")
    assert token.token_hash == tokens.hash_secret(issued.secret)
    assert issued.secret not in str(IntegrationToken.objects.filter(pk=token.pk).values().get())
    assert token.scopes == ["write_responses", "read_touchpoints"]
    assert tokens.token_for_secret(issued.secret) == token


def test_issue_refuses_bad_input(units):
    with pytest.raises(tokens.TokenError):
        tokens.issue_token(name="x", region=units["region-50"], scopes=["everything"])
    with pytest.raises(tokens.TokenError):
        tokens.issue_token(name="x", region=units["region-50"], scopes=[])
    with pytest.raises(tokens.TokenError):
        tokens.issue_token(name="x", region=units["podolsk"], scopes=["feedback"])


def test_revoked_and_unknown_tokens_are_401(api, secret):
    assert api.get("touchpoints").status_code == 200
    token = IntegrationToken.objects.get(token_hash=tokens.hash_secret(secret))
    assert tokens.revoke_token(token) is True
    assert tokens.revoke_token(token) is False
    response = api.get("touchpoints")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert api.as_token("otk_unknown").get("touchpoints").status_code == 401
    assert api.as_token(None).get("touchpoints").status_code == 401
    assert api.as_token("x" * 10000).get("touchpoints").status_code == 401


def test_missing_scope_is_403(api, issue):
    reader = api.as_token(issue(scopes=["read_touchpoints"]))
    assert reader.get("touchpoints").status_code == 200
    assert reader.get("feedback-items").status_code == 403
    body = {
        "idempotency_key": "6f1c1c1e-0000-4000-8000-000000000001",
        "channel": "letter",
        "received_at": "2026-11-01T10:00:00+03:00",
        "text": "Спасибо",
    }
    response = reader.post("feedback-items", body)
    assert response.status_code == 403
    assert "write_feedback" in response.json()["detail"]


def test_cli_issue_list_revoke(units):
    out, err = StringIO(), StringIO()
    call_command(
        "token", "issue", "--name", "Contact centre", "--region", "region-50",
        "--centre", "podolsk", "--scope", "interactions", "--scope", "read-feedback",
        stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = tokens.token_for_secret(secret)
    assert token is not None and token.centre == units["podolsk"]
    assert token.scopes == ["write_interactions", "read_feedback"]
    assert "shown only now" in err.getvalue()

    out = StringIO()
    call_command("token", "list", stdout=out)
    assert "Contact centre" in out.getvalue() and secret not in out.getvalue()

    out = StringIO()
    call_command("token", "revoke", str(token.pk), stdout=out)
    assert "revoked" in out.getvalue()
    assert tokens.token_for_secret(secret) is None

    with pytest.raises(CommandError):
        call_command("token", "revoke", "999999")
    with pytest.raises(CommandError):
        call_command("token", "issue", "--name", "x", "--region", "nowhere", "--scope", "feedback")
    with pytest.raises(CommandError):
        call_command("token", "issue", "--name", "x", "--region", "region-50", "--scope", "root")


def test_web_issue_and_revoke_by_regional_admin(client_for, units):
    client = client_for("regadmin")
    page = client.get("/integrations/tokens/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    response = client.post(
        "/integrations/tokens/",
        {"name": "Monitor", "unit": f"c{units['khimki'].pk}", "scopes": ["write_mentions"]},
    )
    assert response.status_code == 200
    secret = response.context["secret"]
    token = tokens.token_for_secret(secret)
    assert token.centre == units["khimki"] and token.scopes == ["write_mentions"]
    assert secret in response.content.decode()
    # Shown once: the list page does not show it again.
    assert secret not in client.get("/integrations/tokens/").content.decode()

    response = client.post(f"/integrations/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_web_director_only_for_own_centre(client_for, units, issue):
    client = client_for("director")
    page = client.get("/integrations/tokens/")
    assert page.status_code == 200
    choices = [value for value, _label in page.context["form"].fields["unit"].choices]
    assert choices == [f"c{units['podolsk'].pk}"]
    response = client.post(
        "/integrations/tokens/",
        {"name": "Other", "unit": f"c{units['khimki'].pk}", "scopes": ["write_feedback"]},
    )
    assert response.context["secret"] is None
    assert not IntegrationToken.objects.filter(name="Other").exists()

    region_token = tokens.token_for_secret(issue())
    assert region_token not in list(page.context["tokens"])
    assert client.post(f"/integrations/tokens/{region_token.pk}/revoke/").status_code == 404
    region_token.refresh_from_db()
    assert region_token.revoked_at is None


@pytest.mark.parametrize("username", ["specialist", "teamlead", "analyst"])
def test_web_others_forbidden(client_for, username):
    assert client_for(username).get("/integrations/tokens/").status_code == 403


def test_web_anonymous_redirected(client):
    assert client.get("/integrations/tokens/").status_code == 302


def test_docs_are_self_hosted(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/api/openapi.json").status_code == 200
