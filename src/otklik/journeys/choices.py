from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Where a citizen meets the service (§2.2.9, App. 3 §5)."""

    WEBSITE = "website", _("Centre website")
    PORTAL = "portal", _("Public portal (Gosuslugi, «Work in Russia»)")
    CONTACT_CENTRE = "contact_centre", _("Contact centre")
    OFFICE = "office", _("Centre office")
    SOCIAL = "social", _("Social network")
    MESSENGER = "messenger", _("Messenger")
    CHAT_BOT = "chat_bot", _("Chat bot")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    PARTNER = "partner", _("Partner organisation")
    KIOSK = "kiosk", _("Kiosk or rating console")
    PAPER = "paper", _("Paper")
    OTHER = "other", _("Other")


class KPICategory(models.TextChoices):
    """The three groups of client KPIs (§2.1.6, App. 1 §8)."""

    INDIVIDUAL = "individual", _("Individual approach")
    EASE = "ease", _("Ease")
    PLEASANT = "pleasant", _("Pleasant interaction")


class JourneyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class SplitBasis(models.TextChoices):
    """The logical basis a journey was split out on (§2.2.6)."""

    SERVICE_TYPE = "service_type", _("By type of service")
    NO_VISIT = "no_visit", _("By interactions: no visit to the centre")
    ONE_VISIT = "one_visit", _("By interactions: one visit to the centre")
    TWO_VISITS = "two_visits", _("By interactions: two visits to the centre")
    SINGLE_SERVICE = "single_service", _("By number of services: one service")
    SERVICE_BUNDLE = "service_bundle", _("By number of services: a life-situation bundle")
    TARGET_GROUP = "target_group", _("By target group")
    TASK_LEARN = "task_learn", _("By task: learn about something")
    TASK_APPLY = "task_apply", _("By task: apply for a service")
    TASK_COMPLAIN = "task_complain", _("By task: complain")


# A client group is recommended a mission and no more than 5–6 KPIs (App. 1 §2).
RECOMMENDED_MAX_KPIS = 6
