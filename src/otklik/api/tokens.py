"""Issuing, revoking and checking integration tokens (the only place that does it).

The secret is shown once, when issued; the database keeps only its SHA-256, so a stolen
backup does not give access. Tokens start with ``otk_`` so that secret scanners find them.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from otklik.api.models import IntegrationToken, TokenScope
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

PREFIX = "otk_"
# Shorthands accepted by the command line: ``--scope responses`` = write_responses.
SCOPE_ALIASES = {
    "responses": TokenScope.WRITE_RESPONSES,
    "feedback": TokenScope.WRITE_FEEDBACK,
    "interactions": TokenScope.WRITE_INTERACTIONS,
    "mentions": TokenScope.WRITE_MENTIONS,
    "read-feedback": TokenScope.READ_FEEDBACK,
    "touchpoints": TokenScope.READ_TOUCHPOINTS,
    "evaluations": TokenScope.WRITE_EVALUATIONS,
    "read-evaluations": TokenScope.READ_EVALUATIONS,
    "metrics": TokenScope.READ_METRICS,
}


class TokenError(ValueError):
    """A token cannot be issued as asked (the message is an English msgid)."""


@dataclass(frozen=True)
class Issued:
    token: IntegrationToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_scopes(scopes) -> list[str]:
    found = []
    for scope in scopes:
        code = SCOPE_ALIASES.get(scope, scope)
        if code not in TokenScope.values:
            raise TokenError(f"Unknown scope «{scope}».")
        if code not in found:
            found.append(str(code))
    if not found:
        raise TokenError("Give at least one scope.")
    return found


def issue_token(
    *, name: str, region: Unit, centre: Unit | None = None, scopes, created_by=None
) -> Issued:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise TokenError("The name must be 1 to 100 characters long.")
    if region.kind != UnitKind.REGION:
        raise TokenError("The region must be a unit of the kind region.")
    if centre is not None and (centre.kind != UnitKind.CENTRE or centre.region_id != region.pk):
        raise TokenError("The centre must be an employment centre of the region.")
    scopes = normalise_scopes(scopes)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = IntegrationToken.objects.create(
        name=name,
        region=region,
        centre=centre,
        scopes=scopes,
        token_hash=hash_secret(secret),
        prefix=secret[:10],
        created_by=created_by,
    )
    return Issued(token, secret)


def revoke_token(token: IntegrationToken) -> bool:
    """Revoke at once; False when it was revoked already."""
    with transaction.atomic():
        updated = IntegrationToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db(fields=["revoked_at"])
    return bool(updated)


def token_for_secret(secret: str) -> IntegrationToken | None:
    """The active token with this secret, or None (unknown or revoked)."""
    if not secret or len(secret) > 200 or not secret.startswith(PREFIX):
        return None
    token = (
        IntegrationToken.objects.select_related("region", "centre")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def has_scope(token: IntegrationToken, scope: str) -> bool:
    return scope in (token.scopes or [])


def covers(token: IntegrationToken, region_id: int | None, centre_id: int | None) -> bool:
    """Whether a fact of this region and centre is within the token's units."""
    if region_id != token.region_id:
        return False
    return token.centre_id is None or centre_id == token.centre_id
