"""Audit log entries as staff read them: field names, readable values, no internals."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import pgettext_lazy

ACTIONS = {
    LogEntry.Action.CREATE: pgettext_lazy("audit action", "created"),
    LogEntry.Action.UPDATE: pgettext_lazy("audit action", "changed"),
    LogEntry.Action.DELETE: pgettext_lazy("audit action", "deleted"),
    LogEntry.Action.ACCESS: pgettext_lazy("audit action", "viewed"),
}
EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


def _readable(field, value) -> str:
    """A stored value as the interface shows it (auditlog keeps them as strings)."""
    if value in (None, "", "None", "[]"):
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.many_to_one:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    return str(value)


def field_changes(entry: LogEntry) -> list[FieldChange]:
    """Changes of an entry's own editable fields; ids and reverse relations are left out."""
    model = entry.content_type.model_class()
    changes = []
    for name, change in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            continue
        if not field.concrete or field.primary_key or not field.editable:
            continue
        label = str(field.verbose_name)
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(change.get("objects", [])) or EMPTY
            if change.get("operation") == "delete":
                changes.append(FieldChange(label, objects, EMPTY))
            else:
                changes.append(FieldChange(label, EMPTY, objects))
            continue
        old, new = change
        changes.append(FieldChange(label, _readable(field, old), _readable(field, new)))
    return changes


def action_label(entry: LogEntry) -> str:
    return str(ACTIONS.get(entry.action, entry.action))
