"""QA scorecards («оценочный лист») and evaluations: the facts behind IQS (SPEC X6, S2).

A scorecard has weighted categories, some of them critical. An evaluation of one
conversation or visit scores every active category 0…1 and stores its IQS, computed once by
:func:`otklik.metrics.formulas.iqs` when it is recorded (see ``services``). Each score keeps
the category's name, weight and critical flag as they were at that moment, so editing a
scorecard later never changes a stored evaluation.

Evaluations carry region, centre, journey, stage, touchpoint, channel, employee and time,
so the metrics slice them without joins.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import InteractionChannel
from otklik.journeys.models import UnitOwned
from otklik.metrics.formulas import round_half_up
from otklik.org.models import Unit

MIN_WEIGHT = Decimal("0.01")


class Scorecard(UnitOwned):
    """A QA scorecard of a region or of one centre."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What is evaluated and how: a conversation, a visit, a call."),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Only scorecards in use are offered for new evaluations."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("QA scorecard")
        verbose_name_plural = _("QA scorecards")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["region", "centre", "is_active"])]

    def __str__(self) -> str:
        return self.title

    def active_categories(self):
        return self.categories.filter(is_active=True).order_by("order", "pk")


class ScorecardCategory(models.Model):
    """A category of a scorecard: «знание услуг», «вежливость», «грамотность речи» (App. 4)."""

    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("QA scorecard"),
        on_delete=models.CASCADE,
        related_name="categories",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(MIN_WEIGHT)],
        help_text=_("«Коэффициент значимости»: more important categories weigh more, e.g. 1.5."),
    )
    critical = models.BooleanField(
        _("critical"),
        default=False,
        help_text=_("No room for mistakes: if it is not met in full, the whole evaluation is 0 %."),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Categories no longer in use are kept for the evaluations that scored them."),
    )

    class Meta:
        verbose_name = _("scorecard category")
        verbose_name_plural = _("scorecard categories")
        ordering = ["scorecard", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="category_weight_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        """Audit entries of a category name its scorecard (see ``standards.audit``)."""
        return {"scorecard_id": self.scorecard_id}


class Evaluation(models.Model):
    """One QA evaluation of one conversation or visit. A fact: recorded once, never edited."""

    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4)
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("QA scorecard"),
        on_delete=models.PROTECT,
        related_name="evaluations",
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
    # Denormalised from the touchpoint so that metrics slice without joins.
    journey = models.ForeignKey(
        "journeys.Journey",
        verbose_name=_("client journey"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.ForeignKey(
        "journeys.Stage",
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    touchpoint = models.ForeignKey(
        "journeys.Touchpoint",
        verbose_name=_("touchpoint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=InteractionChannel.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee evaluated"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    interaction = models.ForeignKey(
        "feedback.Interaction",
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    evaluated_at = models.DateTimeField(_("evaluated"), default=timezone.now)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    iqs = models.FloatField(
        _("IQS, %"),
        editable=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    critical_failed = models.BooleanField(_("a critical category failed"), editable=False)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        help_text=_("Where the evaluation was recorded: the staff page, an integration, …"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("QA evaluation")
        verbose_name_plural = _("QA evaluations")
        ordering = ["-evaluated_at", "-pk"]
        indexes = [
            models.Index(fields=["region", "evaluated_at"]),
            models.Index(fields=["centre", "evaluated_at"]),
            models.Index(fields=["journey", "evaluated_at"]),
            models.Index(fields=["touchpoint", "evaluated_at"]),
            models.Index(fields=["employee", "evaluated_at"]),
            models.Index(fields=["scorecard", "evaluated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iqs__gte=0, iqs__lte=100), name="evaluation_iqs_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scorecard} — {self.evaluated_at:%Y-%m-%d %H:%M}"

    @property
    def iqs_display(self) -> int:
        """IQS as the seed shows it: whole percent, halves up (76.92… → 77)."""
        return int(round_half_up(self.iqs))


class EvaluationScore(models.Model):
    """The score of one category in one evaluation, with the category as it was then."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("QA evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    category = models.ForeignKey(
        ScorecardCategory,
        verbose_name=_("scorecard category"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    critical = models.BooleanField(_("critical"))
    score = models.FloatField(_("score"), validators=[MinValueValidator(0), MaxValueValidator(1)])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "category"], name="unique_score_per_category"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=1), name="score_0_1"
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="score_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.score:g}"

    @property
    def failed_critical(self) -> bool:
        return self.critical and self.score < 1
