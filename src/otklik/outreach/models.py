"""Personal data, kept apart from the answers (152-FZ, F4).

Nothing in the analytics tables points here; a contact points at the response it came
with, so deleting a contact on request leaves the anonymous answers intact.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    REPLY = "reply", _("To reply to the citizen about their feedback")
    SURVEYS = "surveys", _("To invite the citizen to short surveys")


class Contact(models.Model):
    """Contact details a citizen left with explicit consent, and the consent itself."""

    response = models.OneToOneField(
        "feedback.Response",
        verbose_name=_("response"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    consent_text_version = models.CharField(_("version of the consent text"), max_length=32)
    consented_at = models.DateTimeField(_("consent given"))

    class Meta:
        verbose_name = _("contact with consent")
        verbose_name_plural = _("contacts with consent")

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class DeliveryAddress(models.Model):
    """Where to send one invitation; deleted as soon as it is sent or expires."""

    invitation = models.OneToOneField(
        "feedback.Invitation",
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="address",
    )
    address = models.CharField(_("phone or e-mail"), max_length=254)

    class Meta:
        verbose_name = _("delivery address")
        verbose_name_plural = _("delivery addresses")

    def __str__(self) -> str:
        return str(self.invitation)


class ContactErasure(models.Model):
    """The record that a person's contact data was deleted on request, without the data."""

    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("erased"), auto_now_add=True)
    contacts = models.PositiveIntegerField(_("contacts deleted"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("erasure of contact data")
        verbose_name_plural = _("erasures of contact data")

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d} ({self.contacts})"
