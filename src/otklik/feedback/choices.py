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


class FeedbackChannel(models.TextChoices):
    """Where a free-text feedback item came from (F2, F5): recorded on every item."""

    WALL = "wall", _("Feedback wall")
    REVIEW_SITE = "review_site", _("Review site (2GIS, Yandex Maps, …)")
    SOCIAL = "social", _("Social network or messenger")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    COMPLAINT_BOOK = "complaint_book", _("Book of complaints and suggestions")
    CONTACT_CENTRE = "contact_centre", _("Contact centre")
    MYSTERY_SHOPPER = "mystery_shopper", _("Mystery shopper")
    EXIT_POLL = "exit_poll", _("Exit poll")
    OTHER = "other", _("Other")


# Channels where the citizen reads the answer in public, so the reply is public too (F6,
# App. 3 §10: «реагировать на них нужно публично»).
PUBLIC_CHANNELS = frozenset(
    {FeedbackChannel.WALL, FeedbackChannel.REVIEW_SITE, FeedbackChannel.SOCIAL}
)


class FeedbackStatus(models.TextChoices):
    """Handling of a feedback item (F5): new → in work → answered → closed."""

    NEW = "new", _("New")
    IN_WORK = "in_work", _("In work")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Publication(models.TextChoices):
    """Whether an item is shown on the public wall; wall reviews are pre-moderated."""

    NOT_PUBLIC = "not_public", _("Not public")
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class RejectionReason(models.TextChoices):
    """Why a review is not published. A negative opinion is never a reason (App. 3 §10)."""

    PERSONAL_DATA = "personal_data", _("Personal data that cannot be hidden")
    ABUSE = "abuse", _("Insults or obscene language")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Not about the centre's work")
    DUPLICATE = "duplicate", _("Repeats another review")
    OTHER = "other", _("Other reason")


# Longest free text a citizen may send (F5); longer texts are refused with a message.
MAX_FEEDBACK_TEXT = 5000


class InteractionChannel(models.TextChoices):
    """Where an operational interaction (conversation) took place (F7, CV-2)."""

    PHONE = "phone", _("Contact centre (phone)")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    SOCIAL = "social", _("Social network")
    MESSENGER = "messenger", _("Messenger")
    REGIONAL_SYSTEM = "regional_system", _("Regional information system")
    OFFICE = "office", _("Centre office")
    OTHER = "other", _("Other")


class MentionPlatform(models.TextChoices):
    """Where the centre was mentioned (CV-1, App. 3 §9)."""

    VK = "vk", _("VKontakte")
    TELEGRAM = "telegram", _("Telegram")
    OK = "ok", _("Odnoklassniki")
    TWOGIS = "2gis", _("2GIS")
    YANDEX_MAPS = "yandex_maps", _("Yandex Maps")
    NEWS = "news", _("News media")
    FORUM = "forum", _("Forum or blog")
    OTHER = "other", _("Other")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")
