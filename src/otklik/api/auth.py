"""``Authorization: Bearer <token>`` for the API: unknown or revoked tokens are 401."""

from ninja.security import HttpBearer

from otklik.api import tokens
from otklik.api.models import IntegrationToken


class TokenAuth(HttpBearer):
    openapi_description = "An integration token issued by `otklik token issue` or the staff page."

    def authenticate(self, request, token: str) -> IntegrationToken | None:
        found = tokens.token_for_secret(token)
        if found is not None:
            request.integration_token = found
        return found
