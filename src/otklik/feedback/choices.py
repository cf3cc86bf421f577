from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    """Question types of App. 4 plus the usual ones (F1)."""

    NPS = "nps", _("Likelihood to recommend, 0–10 (NPS)")
    CES = "ces", _("Effort, 2–7 points (CES)")
    CSAT = "csat", _("Meeting expectations, 5 levels (CSAT)")
    RATING = "rating", _("Rating 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class ResponseChannel(models.TextChoices):
    """How an answer reached us (F2); recorded on every response."""

    QR = "qr", _("QR code")
    KIOSK = "kiosk", _("Kiosk or rating console")
    WEB = "web", _("Link on a website")
    SMS = "sms", _("SMS invitation")
    EMAIL = "email", _("E-mail invitation")
    PAPER = "paper", _("Paper questionnaire")
    CONTACT_CENTRE = "contact_centre", _("Contact centre")


class ResponseStatus(models.TextChoices):
    """Suspicious answers are kept but left out of metrics until a person reviews them."""

    ACCEPTED = "accepted", _("Counted")
    FLAGGED = "flagged", _("Suspicious, awaiting review")
    REJECTED = "rejected", _("Rejected after review")


# App. 3 recommends short surveys: 3–5 questions (F1).
RECOMMENDED_MAX_QUESTIONS = 5
