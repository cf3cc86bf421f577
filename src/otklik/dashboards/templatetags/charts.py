from django import template
from django.urls import reverse

from otklik.dashboards.bundle import bundle_version

register = template.Library()


@register.simple_tag
def vega_bundle_url() -> str:
    """The address of the self-hosted Vega bundle (its version in the name)."""
    return reverse("vega_bundle", args=[bundle_version()])
