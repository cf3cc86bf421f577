from django import template

from otklik.journeys.choices import Channel, SplitBasis
from otklik.journeys.models import lines as split_lines
from otklik.metrics.catalogue import METRIC_NAMES

register = template.Library()


@register.filter
def get(mapping: dict, key):
    return mapping.get(key)


@register.filter
def lines(text: str) -> list[str]:
    return split_lines(text)


@register.filter
def channel_label(code: str) -> str:
    return Channel(code).label if code in Channel.values else code


@register.filter
def split_basis_label(code: str) -> str:
    return SplitBasis(code).label if code in SplitBasis.values else code


@register.filter
def metric_name(code: str) -> str:
    return str(METRIC_NAMES.get(code, code))


@register.filter
def field_label(change) -> str:
    """The interface name of the field a change is about."""
    from django.utils.translation import gettext as _

    from otklik.journeys.models import Journey, Stage, Touchpoint

    if change.field == "stage":
        return _("stage")
    model = {"journey": Journey, "stage": Stage, "touchpoint": Touchpoint}[change.kind]
    return str(model._meta.get_field(change.field).verbose_name)


@register.filter
def change_value(value, field: str) -> str:
    """A snapshot value as the map shows it."""
    if value is None or value == "" or value == []:
        return "—"
    if field == "split_basis":
        return split_basis_label(value)
    if field == "channel":
        return channel_label(value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)
