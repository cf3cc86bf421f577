"""Surveys and citizens' answers (F1–F4).

A survey is edited as a working copy of questions; publishing freezes them into a
:class:`SurveyVersion`, and every response points at the version it answered, so editing
a survey never changes what a stored answer meant. Responses carry the unit, journey,
touchpoint and channel they belong to, so that metrics slice them without joins.
Contact details never live here (see ``outreach``).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import (
    FeedbackChannel,
    FeedbackStatus,
    InteractionChannel,
    MentionPlatform,
    Publication,
    QuestionType,
    RejectionReason,
    ResponseChannel,
    ResponseStatus,
    Sentiment,
)
from otklik.journeys.models import UnitOwned, lines
from otklik.metrics.formulas import is_outside_working_hours
from otklik.org.models import Unit

# Scale lengths allowed for CES (App. 4: «2-7 измерениями»), default 5.
CES_SCALES = range(2, 8)


class Survey(UnitOwned):
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(
        _("text before the questions"),
        blank=True,
        help_text=_("Shown to the citizen above the questions: why we ask, how long it takes."),
    )
    thanks = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown after the answer: what the centre does with it."),
    )
    touchpoints = models.ManyToManyField(
        "journeys.Touchpoint", verbose_name=_("touchpoints"), blank=True, related_name="surveys"
    )
    is_active = models.BooleanField(_("collecting answers"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> "SurveyVersion | None":
        return self.versions.order_by("-number").first()


class Question(models.Model):
    """A question of a survey's working copy."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    scale_points = models.PositiveSmallIntegerField(
        _("points on the scale"),
        null=True,
        blank=True,
        help_text=_("CES only: from 2 to 7, 5 by default."),
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("Choice questions: one option per line.")
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.type == QuestionType.CES:
            if self.scale_points is None:
                self.scale_points = 5
            if self.scale_points not in CES_SCALES:
                raise ValidationError({"scale_points": _("A CES scale has from 2 to 7 points.")})
        elif self.scale_points is not None:
            self.scale_points = None
        if (
            self.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
            and len(lines(self.options)) < 2
        ):
            raise ValidationError({"options": _("Give at least two options, one per line.")})

    def get_additional_data(self) -> dict:
        return {"survey_id": self.survey_id}


class SurveyVersion(models.Model):
    """The questions as published; answers refer to them by key and never change meaning."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("text before the questions"), blank=True)
    thanks = models.TextField(_("what happens next"), blank=True)
    questions = models.JSONField(_("questions"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey version")
        verbose_name_plural = _("survey versions")
        ordering = ["survey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="unique_survey_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class Response(models.Model):
    """One submitted questionnaire (анкета). Append-only: a fact for the metrics."""

    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4)
    survey_version = models.ForeignKey(
        SurveyVersion,
        verbose_name=_("survey version"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    touchpoint = models.ForeignKey(
        "journeys.Touchpoint",
        verbose_name=_("touchpoint"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    journey = models.ForeignKey(
        "journeys.Journey",
        verbose_name=_("client journey"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        Unit, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        Unit,
        verbose_name=_("employment centre"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    segment = models.ForeignKey(
        "journeys.Segment",
        verbose_name=_("segment"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ResponseChannel.choices)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    fill_seconds = models.PositiveIntegerField(_("seconds spent answering"), null=True)
    # A salted hash of the invited person's phone or e-mail (F3): enough to avoid asking
    # the same person again, useless for finding them.
    respondent_key = models.CharField(_("respondent key"), max_length=64, blank=True)
    invitation = models.OneToOneField(
        "feedback.Invitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ResponseStatus.choices,
        default=ResponseStatus.ACCEPTED,
    )
    flags = models.JSONField(_("reasons for suspicion"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["region", "submitted_at"]),
            models.Index(fields=["centre", "submitted_at"]),
            models.Index(fields=["touchpoint", "submitted_at"]),
            models.Index(fields=["journey", "submitted_at"]),
            models.Index(fields=["respondent_key", "submitted_at"]),
            models.Index(fields=["status"]),
            models.Index(fields=["submitted_at"]),  # rollups rebuilt day by day
            # Whether an invitation was answered, from the index alone (response rates).
            models.Index(fields=["invitation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.touchpoint} — {self.submitted_at:%Y-%m-%d %H:%M}"


class Answer(models.Model):
    """The answer to one question of a response, typed for the metrics."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question_key = models.CharField(_("question"), max_length=32)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    score = models.SmallIntegerField(_("score"), null=True)
    scale_points = models.PositiveSmallIntegerField(_("points on the scale"), null=True)
    choices = models.JSONField(_("chosen options"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["type", "score"])]

    def __str__(self) -> str:
        return self.question_key


class Invitation(models.Model):
    """A point survey offered right after an interaction (App. 3 §6), by SMS or e-mail.

    The address itself is never stored here: only the salted respondent key. The link is
    signed, bound to touchpoint and channel, and answers once.
    """

    touchpoint = models.ForeignKey(
        "journeys.Touchpoint",
        verbose_name=_("touchpoint"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    region = models.ForeignKey(
        Unit, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    centre = models.ForeignKey(
        Unit,
        verbose_name=_("employment centre"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ResponseChannel.choices)
    respondent_key = models.CharField(_("respondent key"), max_length=64, db_index=True)
    interaction_at = models.DateTimeField(_("interaction"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_after = models.DateTimeField(_("send not before"))
    send_before = models.DateTimeField(_("send not after"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    skipped_reason = models.CharField(_("not sent because"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [
            models.Index(fields=["sent_at", "send_after"]),
            # A region's response rates by touchpoint, from the index alone.
            models.Index(fields=["region", "sent_at", "touchpoint"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.touchpoint}"


class FeedbackItem(models.Model):
    """A free-text review, complaint, letter, e-mail or post (F5), and the replies to it (F6).

    Handling (``status``: new → in work → answered → closed) and publication on the public
    wall (``publication``) are separate: a review that is not published is still answered.
    ``text`` is what the citizen wrote and is seen by staff only; ``public_text`` is what
    the wall shows, with phone numbers and e-mail addresses masked at moderation. Items
    without a touchpoint form the «unlinked» triage queue.
    """

    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4)
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
    touchpoint = models.ForeignKey(
        "journeys.Touchpoint",
        verbose_name=_("touchpoint"),
        null=True,
        blank=True,
        # A deleted touchpoint sends its items back to the unlinked queue.
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=FeedbackChannel.choices)
    text = models.TextField(_("text"))
    public_text = models.TextField(
        _("published text"),
        blank=True,
        help_text=_("What the public wall shows: personal data removed."),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # Only what may be shown: a first name, or nothing (shown as «Anonymous»).
    author_name_public = models.CharField(_("author's first name"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publication = models.CharField(
        _("publication"),
        max_length=16,
        choices=Publication.choices,
        default=Publication.NOT_PUBLIC,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("reason not to publish"), max_length=16, choices=RejectionReason.choices, blank=True
    )
    moderation_note = models.CharField(_("moderator's note"), max_length=500, blank=True)
    public_reply = models.TextField(_("public reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    flags = models.JSONField(_("reasons for suspicion"), default=list, blank=True)
    # The staff inbox (F5, F6): who handles the item, and the author's contact details
    # if they consented to be answered (kept in ``outreach``, deletable on request).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.ForeignKey(
        "outreach.Contact",
        verbose_name=_("author's contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )
    closing_note = models.CharField(
        _("note on closing"),
        max_length=500,
        blank=True,
        help_text=_("Why the item was closed without a reply, e.g. an anonymous entry."),
    )

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "publication", "received_at"]),
            models.Index(fields=["region", "publication", "received_at"]),
            models.Index(fields=["region", "received_at"]),
            models.Index(fields=["touchpoint", "received_at"]),
            models.Index(fields=["status", "received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_item_rating_1_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(channel=FeedbackChannel.WALL) | models.Q(centre__isnull=False),
                name="feedback_item_wall_has_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def stars(self) -> str:
        """The rating as five stars, for the eye; the text «4 of 5» is for everyone."""
        if self.rating is None:
            return ""
        return "★" * self.rating + "☆" * (5 - self.rating)


class ChangeNotice(UnitOwned):
    """«Вы сказали — мы сделали»: a change made because of what citizens said (F6).

    Published notices are shown on the public wall and on the thank-you page; a notice
    without a centre is about the whole region.
    """

    said = models.TextField(_("what citizens said"))
    did = models.TextField(_("what we changed"))
    done_on = models.DateField(_("done on"))
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("«you said — we did» notice")
        verbose_name_plural = _("«you said — we did» notices")
        ordering = ["-done_on", "-pk"]
        indexes = [
            models.Index(fields=["region", "is_published", "done_on"]),
            models.Index(fields=["centre", "is_published", "done_on"]),
        ]

    def __str__(self) -> str:
        return self.did[:80]


def interaction_derived(opened_at, first_response_at) -> dict:
    """The derived columns of an interaction: TTFR in seconds and its sketch bucket, and
    whether it came outside the working hours."""
    from otklik.metrics import sketch
    from otklik.metrics.schedule import working_schedule

    wait = bucket = None
    if first_response_at and opened_at:
        wait = max(0.0, (first_response_at - opened_at).total_seconds())
        bucket = sketch.bucket_of(wait)
    outside = bool(opened_at) and is_outside_working_hours(opened_at, working_schedule())
    return {"ttfr_seconds": wait, "ttfr_bucket": bucket, "outside_working_hours": outside}


class Interaction(models.Model):
    """A conversation from the centre's own systems (F7): contact centre, e-mail, chat, the
    regional information system. The facts behind RR, TTFR, ER, FCR, RpC and CV-2."""

    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4)
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        help_text=_("The system or import the record came from."),
    )
    external_id = models.CharField(_("id in the source"), max_length=100, blank=True)
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
    touchpoint = models.ForeignKey(
        "journeys.Touchpoint",
        verbose_name=_("touchpoint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interactions",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=InteractionChannel.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    replies = models.PositiveIntegerField(_("number of replies"), default=0)
    escalated = models.BooleanField(_("escalated"), default=False)
    resolved_first_contact = models.BooleanField(_("resolved at first contact"), default=False)
    resolvable_first_contact = models.BooleanField(_("resolvable at first contact"), default=True)
    # Derived from the times when stored (``derive``), so that the metrics add them up in
    # SQL the same way on every database.
    ttfr_seconds = models.FloatField(
        _("time to first response, seconds"), null=True, blank=True, editable=False
    )
    ttfr_bucket = models.SmallIntegerField(null=True, blank=True, editable=False)
    outside_working_hours = models.BooleanField(
        _("outside working hours"), default=False, editable=False
    )

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["opened_at"]),  # national slices (exact TTFR medians)
            # Covers a region's exact TTFR ranks by touchpoint: read from the index alone,
            # not from heap pages spread over a table that is in the order of time.
            models.Index(fields=["region", "opened_at", "touchpoint", "ttfr_seconds"]),
            models.Index(fields=["centre", "opened_at"]),
            models.Index(fields=["touchpoint", "opened_at"]),
            models.Index(fields=["channel", "opened_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_interaction_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.opened_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """Fill the derived columns; ``bulk_create`` callers call it themselves."""
        for name, value in interaction_derived(self.opened_at, self.first_response_at).items():
            setattr(self, name, value)

    def clean(self) -> None:
        for field in ("first_response_at", "resolved_at"):
            value = getattr(self, field)
            if value and self.opened_at and value < self.opened_at:
                raise ValidationError({field: _("This time is before the interaction opened.")})
        if self.resolved_first_contact and not self.resolvable_first_contact:
            raise ValidationError(
                {"resolved_first_contact": _("Resolved at first contact, yet not resolvable then.")}
            )


class Mention(models.Model):
    """A mention of a centre in social media, news or on a review site (CV-1, App. 3 §9)."""

    idempotency_key = models.UUIDField(_("idempotency key"), unique=True, default=uuid.uuid4)
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
    platform = models.CharField(_("platform"), max_length=16, choices=MentionPlatform.choices)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"))
    stars = models.PositiveSmallIntegerField(
        _("stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=16, choices=Sentiment.choices, blank=True
    )
    client_group = models.ForeignKey(
        "journeys.ClientGroup",
        verbose_name=_("client group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["-published_at"]
        indexes = [
            models.Index(fields=["region", "published_at"]),
            models.Index(fields=["centre", "published_at"]),
            models.Index(fields=["platform", "published_at"]),
            models.Index(fields=["published_at"]),  # rollups rebuilt day by day
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "url"],
                condition=~models.Q(url=""),
                name="unique_mention_url",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.published_at:%Y-%m-%d}"


class FeedbackReply(models.Model):
    """A personal reply to the author of a feedback item (F6, App. 3 §7, §8).

    Sent by e-mail when the author left an address with consent; otherwise a record of the
    answer given by phone, by letter or in person. The public reply of a public channel is
    :attr:`FeedbackItem.public_reply`.
    """

    item = models.ForeignKey(
        FeedbackItem,
        verbose_name=_("feedback item"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    text = models.TextField(_("text"))
    is_public = models.BooleanField(_("public reply"), default=False)
    is_thanks = models.BooleanField(_("thanks"), default=False)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reply to feedback")
        verbose_name_plural = _("replies to feedback")
        ordering = ["item", "sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item} — {self.sent_at:%Y-%m-%d %H:%M}"

    def get_additional_data(self) -> dict:
        return {"item_id": self.item_id}


class ReplyTemplate(UnitOwned):
    """A typical answer or a «thank you» text that staff start a personal reply from."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    is_thanks = models.BooleanField(
        _("thanks"),
        default=False,
        help_text=_("Used by the «Thank the author» button."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
