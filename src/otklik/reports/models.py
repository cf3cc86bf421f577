"""Archived reports: the weekly CX report (D3) and the monthly feedback-system report (F8).

The PDF and the XLSX are files under ``OTKLIK_DATA_DIR/reports`` (Django's storage API,
so another storage can replace it), not rows of the database: they are write-once blobs
that grow with centres × weeks (at national scale thousands a week) and would swell the
database, its WAL and its backups for nothing a query needs. Beside them the
report's content as gzipped JSON (the web page is rendered from it, so the archived page
shows the numbers its files hold: about 15 KB against 100 KB and more as a JSON column);
the row keeps a small summary for the lists, the file names and when and to how many
people it was sent. Generating a
report again for the same unit/journey and period replaces the row's content and files
(old files are deleted after the commit).
"""

from __future__ import annotations

import functools
import gzip
import json

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otklik.org.models import Unit


@functools.cache
def _storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.DATA_DIR / "reports", base_url=None)


def reports_storage() -> FileSystemStorage:
    return _storage()


class StoredReport(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Unit, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        Unit,
        verbose_name=_("employment centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("generated"))
    # What the lists show (title, subject, period, …): the report's first lines, small.
    data = models.JSONField(_("summary"))
    # The whole report as gzipped JSON: the web page is rendered from it.
    content = models.FileField(_("content"), storage=reports_storage, max_length=300, blank=True)
    pdf = models.FileField(_("PDF"), storage=reports_storage, max_length=300)
    xlsx = models.FileField(_("XLSX"), storage=reports_storage, max_length=300)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_to = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        abstract = True

    @functools.cached_property
    def document(self):
        """The archived report (:class:`otklik.reports.document.Report`)."""
        from otklik.reports.document import from_json

        if self.content.name:
            with self.content.open("rb") as handle:
                return from_json(json.loads(gzip.decompress(handle.read())))
        return from_json({**self.data, "sections": self.data.get("sections", [])})

    @property
    def files(self) -> list[str]:
        return [f.name for f in (self.content, self.pdf, self.xlsx) if f.name]

    @property
    def period_label(self) -> str:
        return self.data.get("period", "")

    @property
    def generated_label(self) -> str:
        return self.data.get("generated", "")


class WeeklyReport(StoredReport):
    """The weekly CX report of a centre (``journey`` empty) or of one journey (§2.3.9)."""

    journey = models.ForeignKey(
        "journeys.Journey",
        verbose_name=_("client journey"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="weekly_reports",
    )
    week_start = models.DateField(_("Monday of the ISO week"))

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["-week_start", "journey__title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "week_start"],
                condition=Q(journey__isnull=True),
                name="unique_weekly_report_of_unit",
            ),
            models.UniqueConstraint(
                fields=["journey", "week_start"],
                condition=Q(journey__isnull=False),
                name="unique_weekly_report_of_journey",
            ),
        ]
        indexes = [models.Index(fields=["unit", "week_start"])]

    def __str__(self) -> str:
        return f"{self.data.get('subject', '')} — {self.data.get('period_short', '')}"


class MonthlyReport(StoredReport):
    """The monthly report on the feedback system of a centre (F8)."""

    month_start = models.DateField(_("first day of the month"))

    class Meta:
        verbose_name = _("monthly feedback-system report")
        verbose_name_plural = _("monthly feedback-system reports")
        ordering = ["-month_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month_start"], name="unique_monthly_report_of_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.data.get('subject', '')} — {self.data.get('period_short', '')}"
