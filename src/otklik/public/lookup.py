"""The touchpoint and survey version behind a public link, in one query.

Every answer from a QR code, kiosk or link starts here, so this is on the hot path of
the survey endpoint (issue #3: 200 submissions a second). The ORM would build the same
SQL again for every request, and compiling it costs more CPU than PostgreSQL spends
running it; so the statement is compiled by the ORM once per database connection
vendor, with a marker in place of the code, and then only executed. It returns the
touchpoint, its stage's journey (ids only; anything else loads on access) and the
version citizens answer there now, by the same rule as ``services.survey_for``.

Published versions never change (they are read-only everywhere), so a version and its
answer form are kept in this process once read, by primary key and publication time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django import forms
from django.db import connections, router
from django.db.models import Model, OuterRef, Subquery
from django.http import Http404

from otklik.feedback.models import SurveyVersion
from otklik.feedback.surveys import answer_form_class
from otklik.journeys.models import Journey, Stage, Touchpoint

_CODE = "\x1fotklik-public-code\x1f"  # stands for the code while the SQL is compiled
# What is read; any other field of these loads when it is used.
_TOUCHPOINT = ("id", "stage_id", "order", "name", "channel", "public_code")
_JOURNEY = ("region_id", "centre_id", "segment_id")


@dataclass(frozen=True)
class Current:
    """A published version and its answer form, shared by the requests of this process."""

    version: SurveyVersion
    form_class: type[forms.Form]


_statements: dict[str, tuple[str, tuple]] = {}
_versions: dict[tuple, Current] = {}
_versions_lock = threading.Lock()
_MAX_VERSIONS = 512


def _versions_at(touchpoint):
    """Versions answerable at a touchpoint, the current one first (``survey_for``'s rule)."""
    return SurveyVersion.objects.filter(
        survey__touchpoints=touchpoint, survey__is_active=True
    ).order_by("-survey__created_at", "-survey__pk", "-number")


def _statement(alias: str) -> tuple[str, tuple]:
    vendor = connections[alias].vendor
    if vendor not in _statements:
        current = _versions_at(OuterRef("pk"))
        query = (
            Touchpoint.objects.using(alias)
            .filter(public_code=_CODE)
            .order_by()
            .annotate(
                current_version=Subquery(current.values("pk")[:1]),
                current_stamp=Subquery(current.values("published_at")[:1]),
            )
            .values_list(
                *_TOUCHPOINT,
                "stage__journey_id",
                *(f"stage__journey__{name}" for name in _JOURNEY),
                "current_version",
                "current_stamp",
            )
        )
        sql, params = query.query.sql_with_params()
        if params.count(_CODE) != 1:
            raise RuntimeError("the public link lookup could not be compiled")
        _statements[vendor] = (sql, params)
    return _statements[vendor]


def _instance(model: type[Model], alias: str, values: dict) -> Model:
    """A model instance as the ORM makes one from a row; fields not read are deferred."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(alias, names, [values[name] for name in names])


def survey_at(code: str) -> tuple[Touchpoint, Current | None]:
    """The touchpoint of a public code and what is answered there; 404 for no touchpoint."""
    alias = router.db_for_read(Touchpoint)
    sql, params = _statement(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [code if value == _CODE else value for value in params])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    touchpoint_values = dict(zip(_TOUCHPOINT, row, strict=False))
    journey_id = row[len(_TOUCHPOINT)]
    journey_values = dict(zip(_JOURNEY, row[len(_TOUCHPOINT) + 1 :], strict=False), id=journey_id)
    version_id, stamp = row[-2:]
    stage_id = touchpoint_values["stage_id"]

    journey = _instance(Journey, alias, journey_values)
    stage = _instance(Stage, alias, {"id": stage_id, "journey_id": journey_id})
    Stage.journey.field.set_cached_value(stage, journey)
    touchpoint = _instance(Touchpoint, alias, touchpoint_values)
    Touchpoint.stage.field.set_cached_value(touchpoint, stage)
    return touchpoint, (None if version_id is None else _current(alias, version_id, stamp))


def _current(alias: str, version_id: int, stamp) -> Current:
    # The publication time is in the key so that a primary key used again (a rolled-back
    # transaction's, on SQLite) never finds another version's questions.
    key = (alias, version_id, str(stamp))
    current = _versions.get(key)
    if current is None:
        version = SurveyVersion.objects.using(alias).get(pk=version_id)
        current = Current(version, answer_form_class(version.questions))
        with _versions_lock:
            if len(_versions) >= _MAX_VERSIONS:
                _versions.clear()
            _versions[key] = current
    return current
