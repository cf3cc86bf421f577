"""What every router of the API shares: the 422 of the rules and the scope check."""

from ninja.errors import HttpError

from otklik.api import tokens
from otklik.api.models import IntegrationToken


class Invalid(Exception):
    """Input that passed the schema but not the rules (422, see ``api.py``)."""

    def __init__(self, errors: list[dict]):
        super().__init__("invalid")
        self.errors = errors


def token_with_scope(request, *scopes: str) -> IntegrationToken:
    """The request's token, if it has one of ``scopes`` (403 otherwise)."""
    token = request.auth
    if not any(tokens.has_scope(token, scope) for scope in scopes):
        raise HttpError(403, f"The token lacks the scope «{scopes[0]}».")
    return token
