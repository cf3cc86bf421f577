from django.db import models
from django.utils.translation import gettext_lazy as _


class MetricUnit(models.TextChoices):
    INDEX = "index", _("index from −100 to 100")
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("count")
    SECONDS = "seconds", _("seconds")
    RATIO = "ratio", _("ratio")
    STARS = "stars", _("stars (1–5)")


class Metric(models.Model):
    """A metric of App. 4, known by the seed's code (NPS, CES, …)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=16, choices=MetricUnit.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The translated name of a catalogue metric; a metric added by hand keeps its own."""
        from otklik.metrics.catalogue import METRIC_NAMES

        return str(METRIC_NAMES.get(self.code, self.name))


# --------------------------------------------------------------------------- rollups
#
# Per-day aggregates of the fact tables that merge exactly: counts and sums (and sums of
# squares for confidence intervals). A dashboard reads closed buckets here instead of
# scanning millions of facts. Key columns are plain integers with 0 for «none» (and ""
# for no channel): a unique key with NULLs would never conflict, and the rows are kept
# current with ``INSERT … ON CONFLICT DO UPDATE`` increments (see ``rollups.py``).
# Rows are never read by Django relations, so the keys are not foreign keys.


class SurveyMeasures(models.Model):
    """What one day of accepted survey answers adds up to (NPS, CES, CSAT)."""

    responses = models.PositiveIntegerField(default=0)
    nps_promoters = models.PositiveIntegerField(default=0)
    nps_passives = models.PositiveIntegerField(default=0)
    nps_detractors = models.PositiveIntegerField(default=0)
    ces_easy = models.PositiveIntegerField(default=0)
    ces_neutral = models.PositiveIntegerField(default=0)
    ces_hard = models.PositiveIntegerField(default=0)
    ces_sum = models.BigIntegerField(default=0)
    ces_sumsq = models.BigIntegerField(default=0)
    csat_1 = models.PositiveIntegerField(default=0)
    csat_2 = models.PositiveIntegerField(default=0)
    csat_3 = models.PositiveIntegerField(default=0)
    csat_4 = models.PositiveIntegerField(default=0)
    csat_5 = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.day}"


class SurveyDay(SurveyMeasures):
    """Survey answers per day and every slice key a response carries."""

    day = models.DateField()
    region_id = models.BigIntegerField()
    centre_id = models.BigIntegerField()
    journey_id = models.BigIntegerField()
    stage_id = models.BigIntegerField()
    touchpoint_id = models.BigIntegerField()
    channel = models.CharField(max_length=16)
    segment_id = models.BigIntegerField()
    client_group_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "region_id",
                    "centre_id",
                    "journey_id",
                    "stage_id",
                    "touchpoint_id",
                    "channel",
                    "segment_id",
                    "client_group_id",
                ],
                name="survey_day_key",
            )
        ]
        # No index on the day alone (the key starts with it): PostgreSQL then read a
        # region's days through it, scanning the whole country's (33 ms, not 5).
        indexes = [
            models.Index(fields=["region_id", "day"]),
            models.Index(fields=["centre_id", "day"]),
            models.Index(fields=["journey_id", "day"]),
            models.Index(fields=["touchpoint_id", "day"]),
        ]


class SurveyRegionDay(SurveyMeasures):
    """Survey answers per region and day: national and regional trends."""

    day = models.DateField()
    region_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "region_id"], name="survey_region_day_key")
        ]


class SurveyWeek(SurveyMeasures):
    """Survey answers per ISO week (its Monday) and touchpoint: a region's weekly tables.

    At national density the day table's key (day × centre × touchpoint × channel ×
    segment) holds about one response per row; without the centre, channel and segment,
    the largest region's 9 weeks are 2 106 rows instead of 18 052. Journey, stage and
    client group follow from the touchpoint, so they cost no rows.
    """

    week = models.DateField()
    region_id = models.BigIntegerField()
    journey_id = models.BigIntegerField()
    stage_id = models.BigIntegerField()
    touchpoint_id = models.BigIntegerField()
    client_group_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "week",
                    "region_id",
                    "journey_id",
                    "stage_id",
                    "touchpoint_id",
                    "client_group_id",
                ],
                name="survey_week_key",
            )
        ]
        # No index on the week alone (the key starts with it): see InteractionWeek.
        indexes = [
            models.Index(fields=["region_id", "week"]),
            models.Index(fields=["journey_id", "week"]),
            models.Index(fields=["touchpoint_id", "week"]),
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.week}"


class InteractionMeasures(models.Model):
    """What one day of interactions adds up to (RR, ER, FCR, RpC, TTFR, CV-2)."""

    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    escalated = models.PositiveIntegerField(default=0)
    resolved_first_contact = models.PositiveIntegerField(default=0)
    not_resolvable_first_contact = models.PositiveIntegerField(default=0)
    replies = models.BigIntegerField(default=0)
    replies_sumsq = models.BigIntegerField(default=0)
    outside_working_hours = models.PositiveIntegerField(default=0)
    ttfr_n = models.PositiveIntegerField(default=0)
    ttfr_sum = models.FloatField(default=0)
    ttfr_sumsq = models.FloatField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.day}"


class InteractionDay(InteractionMeasures):
    """Interactions per day and every slice key an interaction carries."""

    day = models.DateField()
    region_id = models.BigIntegerField()
    centre_id = models.BigIntegerField()
    journey_id = models.BigIntegerField()
    stage_id = models.BigIntegerField()
    touchpoint_id = models.BigIntegerField()
    channel = models.CharField(max_length=16)
    employee_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "region_id",
                    "centre_id",
                    "journey_id",
                    "stage_id",
                    "touchpoint_id",
                    "channel",
                    "employee_id",
                ],
                name="interaction_day_key",
            )
        ]
        # No index on the day alone (the key starts with it): PostgreSQL then read a
        # region's days through it, scanning the whole country's (33 ms, not 5).
        indexes = [
            models.Index(fields=["region_id", "day"]),
            models.Index(fields=["centre_id", "day"]),
            models.Index(fields=["journey_id", "day"]),
            models.Index(fields=["touchpoint_id", "day"]),
            models.Index(fields=["employee_id", "day"]),
        ]


class InteractionRegionDay(InteractionMeasures):
    """Interactions per region, day and channel: national and regional trends, CV-2."""

    day = models.DateField()
    region_id = models.BigIntegerField()
    channel = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "region_id", "channel"], name="interaction_region_day_key"
            )
        ]


class InteractionWeek(InteractionMeasures):
    """Interactions per ISO week (its Monday) and touchpoint, with the count of each
    channel (CV-2's split); the centre, the employee and the channel as a key left out.

    At national density a day × centre × touchpoint × channel × employee key holds about
    one interaction per row; a region's weekly tables (every touchpoint, this week, last
    week, the baseline) read this table instead: the largest region's 9 weeks are 2 163
    rows (11 851 with the channel as a key). Journey and stage follow from the
    touchpoint, so they cost no rows. A slice by channel reads the day tables.
    """

    week = models.DateField()
    region_id = models.BigIntegerField()
    journey_id = models.BigIntegerField()
    stage_id = models.BigIntegerField()
    touchpoint_id = models.BigIntegerField()
    received_phone = models.PositiveIntegerField(default=0)
    received_email = models.PositiveIntegerField(default=0)
    received_chat = models.PositiveIntegerField(default=0)
    received_social = models.PositiveIntegerField(default=0)
    received_messenger = models.PositiveIntegerField(default=0)
    received_regional_system = models.PositiveIntegerField(default=0)
    received_office = models.PositiveIntegerField(default=0)
    received_other = models.PositiveIntegerField(default=0)
    # The week's first-response waits themselves, packed (otklik.metrics.waits): the
    # exact TTFR median and p90 of any weeks of these keys, without ranking the facts.
    ttfr_waits = models.BinaryField(default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["week", "region_id", "journey_id", "stage_id", "touchpoint_id"],
                name="interaction_week_key",
            )
        ]
        # No index on the week alone (the key starts with it): PostgreSQL then read a
        # region's weeks through it, scanning the whole country's (59 ms, not 3).
        indexes = [
            models.Index(fields=["region_id", "week"]),
            models.Index(fields=["journey_id", "week"]),
            models.Index(fields=["touchpoint_id", "week"]),
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.week}"


class TtfrSketchDay(models.Model):
    """A mergeable log-bucket histogram of TTFR per region and day (see ``sketch.py``).

    Medians and p90 of large slices come from summed buckets, within the sketch's stated
    relative error; small slices are computed exactly from the facts.
    """

    day = models.DateField()
    region_id = models.BigIntegerField()
    bucket = models.SmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "region_id", "bucket"], name="ttfr_sketch_day_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.day}"


class MentionDay(models.Model):
    """Mentions per day, platform, sentiment and client group (CV-1, external rating)."""

    day = models.DateField()
    region_id = models.BigIntegerField()
    centre_id = models.BigIntegerField()
    platform = models.CharField(max_length=16)
    sentiment = models.CharField(max_length=16)
    client_group_id = models.BigIntegerField()
    mentions = models.PositiveIntegerField(default=0)
    stars_n = models.PositiveIntegerField(default=0)
    stars_sum = models.BigIntegerField(default=0)
    stars_sumsq = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "region_id",
                    "centre_id",
                    "platform",
                    "sentiment",
                    "client_group_id",
                ],
                name="mention_day_key",
            )
        ]
        # No index on the day alone (the key starts with it): PostgreSQL then read a
        # region's days through it, scanning the whole country's (33 ms, not 5).
        indexes = [
            models.Index(fields=["region_id", "day"]),
            models.Index(fields=["centre_id", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.day}"
