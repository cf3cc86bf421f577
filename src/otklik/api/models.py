"""Integration tokens: one per integration, scoped to a region (and optionally a centre)
and to what it may write or read. Only the SHA-256 of the secret is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    WRITE_RESPONSES = "write_responses", _("Create survey responses")
    WRITE_FEEDBACK = "write_feedback", _("Create feedback items")
    WRITE_INTERACTIONS = "write_interactions", _("Create interactions")
    WRITE_MENTIONS = "write_mentions", _("Create mentions")
    READ_FEEDBACK = "read_feedback", _("Read feedback items")
    READ_TOUCHPOINTS = "read_touchpoints", _("List touchpoints")
    WRITE_EVALUATIONS = "write_evaluations", _("Create QA evaluations")
    READ_EVALUATIONS = "read_evaluations", _("Read QA evaluations and scorecards")
    READ_METRICS = "read_metrics", _("Read metric values and time series")


class IntegrationToken(models.Model):
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "org.Unit",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="integration_tokens",
    )
    centre = models.ForeignKey(
        "org.Unit",
        verbose_name=_("employment centre"),
        on_delete=models.PROTECT,
        related_name="centre_integration_tokens",
        null=True,
        blank=True,
    )
    scopes = models.JSONField(_("scopes"), default=list)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token prefix"), max_length=12, editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration token")
        verbose_name_plural = _("integration tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(TokenScope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
