"""``otklik token issue|revoke|list``: integration tokens from the command line."""

from django.core.management.base import BaseCommand, CommandError

from otklik.api import tokens
from otklik.api.models import IntegrationToken, TokenScope
from otklik.org.models import Unit
from otklik.org.roles import UnitKind


class Command(BaseCommand):
    help = "Issue, revoke or list integration tokens of the REST API."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Issue a token; its secret is printed once.")
        issue.add_argument("--name", required=True)
        issue.add_argument("--region", required=True, help="Region code.")
        issue.add_argument("--centre", help="Centre code (default: the whole region).")
        issue.add_argument(
            "--scope",
            action="append",
            required=True,
            help="Repeatable: " + ", ".join([*tokens.SCOPE_ALIASES, *TokenScope.values]),
        )
        revoke = sub.add_parser("revoke", help="Revoke a token at once.")
        revoke.add_argument("id", type=int)
        sub.add_parser("list", help="List tokens (never their secrets).")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _issue(self, *, name, region, centre=None, scope, **_options):
        try:
            region_unit = Unit.objects.get(code=region, kind=UnitKind.REGION)
        except Unit.DoesNotExist:
            raise CommandError(f"There is no region with the code «{region}».") from None
        centre_unit = None
        if centre:
            try:
                centre_unit = Unit.objects.get(code=centre, kind=UnitKind.CENTRE)
            except Unit.DoesNotExist:
                raise CommandError(f"There is no centre with the code «{centre}».") from None
        try:
            issued = tokens.issue_token(
                name=name, region=region_unit, centre=centre_unit, scopes=scope
            )
        except tokens.TokenError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            f"Token {issued.token.pk} «{issued.token.name}» issued with "
            f"{', '.join(issued.token.scopes)}. The secret is shown only now:"
        )
        self.stdout.write(issued.secret)

    def _revoke(self, *, id, **_options):  # noqa: A002
        token = IntegrationToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(f"There is no token {id}.")
        if tokens.revoke_token(token):
            self.stdout.write(f"Token {id} «{token.name}» revoked.")
        else:
            self.stdout.write(f"Token {id} «{token.name}» was revoked already.")

    def _list(self, **_options):
        for token in IntegrationToken.objects.select_related("region", "centre"):
            unit = token.centre.code if token.centre else token.region.code
            state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.pk}\t{token.name}\t{unit}\t{','.join(token.scopes)}\t{state}\tused {used}"
            )
