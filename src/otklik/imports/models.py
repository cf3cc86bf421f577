"""Import sources (a kind of file and how its columns map to fields) and import runs (I2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from otklik.feedback.ingest import Kind
from otklik.journeys.models import UnitOwned

MAX_STORED_ERRORS = 1000


class Encoding(models.TextChoices):
    AUTO = "auto", _("Detect (UTF-8 or Windows-1251)")
    UTF8 = "utf-8", _("UTF-8")
    CP1251 = "cp1251", _("Windows-1251")


class Delimiter(models.TextChoices):
    AUTO = "auto", _("Detect")
    SEMICOLON = ";", _("Semicolon ;")
    COMMA = ",", _("Comma ,")
    TAB = "\t", _("Tab")


class ImportSource(UnitOwned):
    """A kind of file that arrives again and again: the contact-centre log, the complaint
    book, a review-site export. Remembers how its columns map to Otklik's fields.

    ``centre`` is the unit the rows belong to when a row does not name its centre.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("what it contains"), max_length=20, choices=Kind.choices)
    mapping = models.JSONField(
        _("column mapping"), default=dict, blank=True, help_text=_("Field → column header.")
    )
    encoding = models.CharField(
        _("encoding"), max_length=10, choices=Encoding.choices, default=Encoding.AUTO
    )
    delimiter = models.CharField(
        _("separator"), max_length=4, choices=Delimiter.choices, default=Delimiter.AUTO
    )
    date_format = models.CharField(
        _("date format"),
        max_length=40,
        blank=True,
        help_text=_(
            "Only when dates are unusual, e.g. %d/%m/%Y %H.%M. Empty: ДД.ММ.ГГГГ [ЧЧ:ММ], "
            "ДД.ММ.ГГ or ISO."
        ),
    )
    default_channel = models.CharField(
        _("channel or platform when a row does not say"), max_length=20, blank=True
    )
    survey = models.ForeignKey(
        "feedback.Survey",
        verbose_name=_("survey of the paper questionnaires"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CHECKING = "checking", _("Checking")
    DRY_RUN = "dry_run", _("Checked, not imported")
    IMPORTING = "importing", _("Importing")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Not imported")


class ImportRun(models.Model):
    """One file checked (dry run) and possibly imported (commit)."""

    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="runs"
    )
    file_name = models.CharField(_("file"), max_length=255)
    stored_name = models.CharField(_("stored upload"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_ok = models.PositiveIntegerField(_("correct rows"), default=0)
    rows_bad = models.PositiveIntegerField(_("rows with errors"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    would_create = models.PositiveIntegerField(_("new records found"), default=0)
    created_count = models.PositiveIntegerField(_("records created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    problem = models.CharField(_("problem with the file"), max_length=300, blank=True)
    sample = models.JSONField(_("sample of new records"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} — {self.file_name}"

    @property
    def region_id(self):
        return self.source.region_id

    @property
    def centre_id(self):
        return self.source.centre_id

    @property
    def is_running(self) -> bool:
        return self.status in (RunStatus.PENDING, RunStatus.CHECKING, RunStatus.IMPORTING)
