"""The service model: client groups, KPIs, personas, services and journeys (M2–M6).

Multi-item cells of a journey map (thoughts, barriers, owners, …) are stored as text with
one item per line: that is how staff type them, and how the map shows them as lists.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from otklik.journeys.choices import Channel, JourneyStatus, KPICategory, SplitBasis
from otklik.org.models import Unit
from otklik.org.roles import UnitKind


def lines(text: str) -> list[str]:
    """The non-empty lines of a multi-item cell."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class UnitOwned(models.Model):
    """Belongs to a region, or to one centre of it (``centre`` set)."""

    region = models.ForeignKey(
        Unit,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": UnitKind.REGION},
    )
    centre = models.ForeignKey(
        Unit,
        verbose_name=_("employment centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": UnitKind.CENTRE},
        help_text=_("Leave empty for the whole region."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.centre_id and self.region_id and self.centre.region_id != self.region_id:
            raise ValidationError({"centre": _("The centre must be in the chosen region.")})

    @property
    def owner_unit(self) -> Unit:
        return self.centre or self.region


class ClientGroup(models.Model):
    """Job seekers, employers, public bodies (App. 1 §9), with the group's mission."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    mission = models.TextField(
        _("mission"),
        blank=True,
        help_text=_("The main value for the clients of this group (App. 1 §2)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """A target audience within a client group (§2.2.4): pre-retirees, youth, …"""

    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.PROTECT,
        related_name="segments",
    )
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["client_group", "name"]
        constraints = [
            models.UniqueConstraint(fields=["client_group", "code"], name="unique_segment_code")
        ]

    def __str__(self) -> str:
        return self.name


class ClientKPI(models.Model):
    """A client KPI: what matters most to a client group, in the client's own terms.

    KPIs without a region form the common catalogue (App. 1); a region adds its own and
    overrides corridors (§2.1.6–2.1.8). Only active KPIs count towards the recommended
    maximum; the rest of App. 1's list stays as candidates.
    """

    client_group = models.ForeignKey(
        ClientGroup, verbose_name=_("client group"), on_delete=models.PROTECT, related_name="kpis"
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpis",
    )
    region = models.ForeignKey(
        Unit,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": UnitKind.REGION},
        help_text=_("Empty for the common catalogue; a region for the region's own KPI."),
    )
    category = models.CharField(_("group of KPIs"), max_length=16, choices=KPICategory.choices)
    name = models.CharField(_("name"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("in the key list"),
        default=False,
        help_text=_("Key KPIs are measured and shown; the others remain candidates."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    metrics = models.ManyToManyField(
        "metrics.Metric", through="KPIMetric", verbose_name=_("metrics"), blank=True
    )

    class Meta:
        verbose_name = _("client KPI")
        verbose_name_plural = _("client KPIs")
        ordering = ["client_group", "category", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.segment_id and self.segment.client_group_id != self.client_group_id:
            raise ValidationError({"segment": _("The segment belongs to another client group.")})


class Corridor(models.Model):
    """A target corridor of values: inside is green, within the margin outside amber."""

    target_low = models.FloatField(_("lower bound"), null=True, blank=True)
    target_high = models.FloatField(_("upper bound"), null=True, blank=True)
    amber_margin = models.FloatField(
        _("amber margin"),
        default=0,
        help_text=_("How far outside the corridor a value is amber rather than red."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.target_low is None and self.target_high is None:
            raise ValidationError(_("Give at least one bound of the corridor."))
        if (
            self.target_low is not None
            and self.target_high is not None
            and self.target_low > self.target_high
        ):
            raise ValidationError({"target_high": _("The upper bound is below the lower bound.")})
        if self.amber_margin < 0:
            raise ValidationError({"amber_margin": _("The margin cannot be negative.")})


class KPIMetric(Corridor):
    """Binds a KPI to a measurable metric with its target corridor."""

    kpi = models.ForeignKey(
        ClientKPI, verbose_name=_("client KPI"), on_delete=models.CASCADE, related_name="bindings"
    )
    metric = models.ForeignKey(
        "metrics.Metric", verbose_name=_("metric"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("metric of a KPI")
        verbose_name_plural = _("metrics of KPIs")
        constraints = [models.UniqueConstraint(fields=["kpi", "metric"], name="unique_kpi_metric")]

    def __str__(self) -> str:
        return f"{self.kpi} — {self.metric}"

    def get_additional_data(self) -> dict:
        """Audit entries of a binding name its KPI (see ``journeys.audit``)."""
        return {"kpi_id": self.kpi_id}


class CorridorOverride(Corridor):
    """A region's own corridor for a KPI metric of the common catalogue (§2.1.7)."""

    binding = models.ForeignKey(
        KPIMetric,
        verbose_name=_("metric of a KPI"),
        on_delete=models.CASCADE,
        related_name="overrides",
    )
    region = models.ForeignKey(
        Unit,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": UnitKind.REGION},
    )

    class Meta:
        verbose_name = _("regional corridor")
        verbose_name_plural = _("regional corridors")
        constraints = [
            models.UniqueConstraint(fields=["binding", "region"], name="unique_corridor_override")
        ]

    def __str__(self) -> str:
        return f"{self.binding} — {self.region}"

    def get_additional_data(self) -> dict:
        return {"kpi_id": self.binding.kpi_id}


class Service(models.Model):
    """A service of the employment service (M5)."""

    name = models.CharField(_("name"), max_length=500, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Persona(UnitOwned):
    """A client profile (профайл, App. 2)."""

    name = models.CharField(_("name"), max_length=200)
    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.PROTECT,
        related_name="personas",
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="personas",
    )
    age_from = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True)
    family_status = models.CharField(_("family status"), max_length=200, blank=True)
    education = models.CharField(_("education"), max_length=400, blank=True)
    home_region = models.CharField(_("region of residence"), max_length=200, blank=True)
    preferred_channels = models.JSONField(_("preferred channels"), default=list, blank=True)
    channel_notes = models.TextField(_("other preferences on interaction"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    values = models.TextField(_("values, personal qualities, interests"), blank=True)
    desires = models.TextField(_("desires"), blank=True)
    pains = models.TextField(_("pains and difficulties"), blank=True)
    kpis = models.ManyToManyField(
        ClientKPI, verbose_name=_("client KPIs that matter"), blank=True, related_name="personas"
    )

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.age_from and self.age_to and self.age_from > self.age_to:
            raise ValidationError({"age_to": _("The upper age is below the lower age.")})
        if self.segment_id and self.segment.client_group_id != self.client_group_id:
            raise ValidationError({"segment": _("The segment belongs to another client group.")})
        unknown = set(self.preferred_channels or []) - set(Channel.values)
        if unknown:
            raise ValidationError({"preferred_channels": _("Unknown channel.")})

    def preferred_channel_labels(self) -> list[str]:
        return [Channel(code).label for code in self.preferred_channels if code in Channel.values]


class Journey(UnitOwned):
    """A client journey (маршрут клиента, §2.2): the working copy that staff edit.

    Publishing stores an immutable snapshot as a new :class:`JourneyVersion`; the status
    says whether the journey is in use.
    """

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journeys",
    )
    client_group = models.ForeignKey(
        ClientGroup,
        verbose_name=_("client group"),
        on_delete=models.PROTECT,
        related_name="journeys",
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("segment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journeys",
    )
    persona = models.ForeignKey(
        Persona,
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journeys",
    )
    split_basis = models.CharField(
        _("basis of the split"),
        max_length=32,
        choices=SplitBasis.choices,
        default=SplitBasis.SERVICE_TYPE,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=JourneyStatus.choices, default=JourneyStatus.DRAFT
    )
    team_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_journeys",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("journey team"),
        blank=True,
        related_name="journey_teams",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("client journey")
        verbose_name_plural = _("client journeys")
        ordering = ["title"]
        indexes = [models.Index(fields=["region", "centre", "status"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.segment_id and self.segment.client_group_id != self.client_group_id:
            raise ValidationError({"segment": _("The segment belongs to another client group.")})


class Stage(models.Model):
    """A stage of a journey: a column group of the map."""

    journey = models.ForeignKey(
        Journey, verbose_name=_("client journey"), on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=300)
    citizen_goal = models.TextField(_("citizen's goal"), blank=True)
    citizen_thoughts = models.TextField(_("citizen's thoughts"), blank=True)
    centre_goal = models.TextField(_("centre's goal"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["journey", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        """Audit entries of a stage name its journey (see ``journeys.audit``)."""
        return {"journey_id": self.journey_id}


def new_public_code() -> str:
    """The unguessable code in a touchpoint's public survey address (QR codes, links)."""
    return secrets.token_urlsafe(9)


class Touchpoint(models.Model):
    """A point where the citizen meets the centre within a stage (§2.2.9)."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="touchpoints"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=300)
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    description = models.TextField(_("description"), blank=True)
    citizen_thoughts = models.TextField(_("citizen's thoughts"), blank=True)
    centre_goal = models.TextField(_("centre's goal"), blank=True)
    owners = models.TextField(_("responsible"), blank=True)
    tools = models.TextField(_("tools and technologies"), blank=True)
    barriers = models.TextField(_("barriers"), blank=True)
    improvement_tools = models.TextField(_("improvement tools"), blank=True)
    measurement_methods = models.TextField(_("measurement methods"), blank=True)
    metrics = models.ManyToManyField(
        "metrics.Metric", verbose_name=_("metrics"), blank=True, related_name="touchpoints"
    )
    # Printed on posters: it never changes, so it does not depend on the secret key.
    public_code = models.CharField(
        _("public code"), max_length=16, unique=True, default=new_public_code, editable=False
    )

    class Meta:
        verbose_name = _("touchpoint")
        verbose_name_plural = _("touchpoints")
        ordering = ["stage", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"journey_id": self.stage.journey_id}


class JourneyVersion(models.Model):
    """A published revision of a journey, kept forever (§2.2.10)."""

    journey = models.ForeignKey(
        Journey,
        verbose_name=_("client journey"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    comment = models.TextField(_("what changed and why"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("journey version")
        verbose_name_plural = _("journey versions")
        ordering = ["journey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "number"], name="unique_journey_version")
        ]

    def __str__(self) -> str:
        return f"{self.journey} v{self.number}"
