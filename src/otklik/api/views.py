"""The staff page for integration tokens: regional administrators issue and revoke tokens
for their region, directors for their centre, the superuser for any unit."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from otklik.api import tokens
from otklik.api.models import IntegrationToken, TokenScope
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import Role, UnitKind


def manageable_units(user) -> tuple[list[Unit], list[Unit]]:
    """(regions, centres) the user may issue tokens for; centres include those of regions."""
    scope = access.scope_for(user)
    if scope.is_superuser:
        regions = Unit.objects.filter(kind=UnitKind.REGION, is_active=True)
        centres = Unit.objects.filter(kind=UnitKind.CENTRE, is_active=True)
        return list(regions), list(centres)
    region_ids = [r for r, roles in scope.region_roles.items() if Role.REGIONAL_ADMIN in roles]
    centre_ids = [c for c, roles in scope.centre_roles.items() if Role.DIRECTOR in roles]
    regions = list(Unit.objects.filter(pk__in=region_ids, kind=UnitKind.REGION, is_active=True))
    centres = list(
        Unit.objects.filter(
            Q(pk__in=centre_ids) | Q(region_id__in=region_ids),
            kind=UnitKind.CENTRE,
            is_active=True,
        )
    )
    return regions, centres


def can_manage(user, token: IntegrationToken) -> bool:
    scope = access.scope_for(user)
    if scope.is_superuser:
        return True
    if Role.REGIONAL_ADMIN in scope.region_roles.get(token.region_id, frozenset()):
        return True
    return token.centre_id is not None and Role.DIRECTOR in scope.centre_roles.get(
        token.centre_id, frozenset()
    )


def _require_manager(user) -> tuple[list[Unit], list[Unit]]:
    regions, centres = manageable_units(user)
    if not regions and not centres:
        raise PermissionDenied
    return regions, centres


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the integration"), max_length=100)
    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("What it may do"),
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, regions, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {f"r{u.pk}": (u, None) for u in regions}
        self.units.update({f"c{u.pk}": (u.region, u) for u in centres})
        choices = [(f"r{u.pk}", _("%(name)s (whole region)") % {"name": u.name}) for u in regions]
        choices += [(f"c{u.pk}", u.name) for u in centres]
        self.fields["unit"].choices = choices

    def unit_pair(self):
        return self.units[self.cleaned_data["unit"]]


def _visible_tokens(user, regions, centres):
    scope = access.scope_for(user)
    found = IntegrationToken.objects.select_related("region", "centre", "created_by")
    if scope.is_superuser:
        return found
    return found.filter(
        Q(region__in=[r.pk for r in regions]) | Q(centre__in=[c.pk for c in centres])
    )


@login_required
def token_list(request):
    regions, centres = _require_manager(request.user)
    form = TokenForm(request.POST or None, regions=regions, centres=centres)
    secret = None
    if request.method == "POST" and form.is_valid():
        region, centre = form.unit_pair()
        try:
            issued = tokens.issue_token(
                name=form.cleaned_data["name"],
                region=region,
                centre=centre,
                scopes=form.cleaned_data["scopes"],
                created_by=request.user,
            )
        except tokens.TokenError as error:
            form.add_error(None, str(error))
        else:
            secret = issued.secret
            messages.success(
                request,
                _("The token «%(name)s» is issued. Copy it now: it is not shown again.")
                % {"name": issued.token.name},
            )
            form = TokenForm(regions=regions, centres=centres)
    response = render(
        request,
        "api/token_list.html",
        {
            "form": form,
            "secret": secret,
            "tokens": _visible_tokens(request.user, regions, centres),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    _require_manager(request.user)
    token = get_object_or_404(IntegrationToken, pk=pk)
    if not can_manage(request.user, token):
        raise Http404
    if tokens.revoke_token(token):
        messages.success(request, _("The token «%(name)s» is revoked.") % {"name": token.name})
    return redirect("api_tokens")
