"""The public feedback wall with pre-moderation (F6, App. 3 online tools).

Citizens post reviews of a centre; a moderator publishes them with personal data masked,
or declines to publish them with a reason; the centre replies in public. The rules that
do not need the database (masking, cleaning a first name) are pure functions.

Moderation decides only what is *shown*: a review that is not published is still a
feedback item to be handled (App. 3 §10: negative feedback is a resource, never a reason
to hide it).
"""

import re
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.feedback.choices import (
    MAX_FEEDBACK_TEXT,
    PUBLIC_CHANNELS,
    FeedbackChannel,
    FeedbackStatus,
    Publication,
    RejectionReason,
)
from otklik.feedback.models import FeedbackItem
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

# --- Pure rules -------------------------------------------------------------------------

# Control characters (except tab and newline) and bidirectional overrides, which can make
# a text display differently from what it contains.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_END = r"""[^\s.,;:!?)»"']"""  # a link does not end with the sentence's punctuation
_LINK = re.compile(
    rf"(?:https?://|www\.)\S*{_URL_END}"
    r"|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:ru|su|com|net|org|info|me|io|рф|online|site)"
    rf"(?![\w-])(?:/(?:\S*{_URL_END})?)?",
    re.IGNORECASE,
)
# Messenger and social network accounts: @name.
_ACCOUNT = re.compile(r"(?<![\w@.])@\w[\w.]{1,30}\w")
# A run of digits with the separators people type in phone numbers: +7 (916) 123-45-67,
# 8 916 1234567, 123-45-67. Dots are not separators, so dates (12.03.2025) stay whole.
_NUMBER = re.compile(r"(?<!\d)\+?\(?\d(?:[ \u00a0()\-‐–—]{0,3}\d)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})+")  # 1 000 000 (a sum, not a phone)
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-‐–—]\s*(?:19|20)\d\d")  # 2023–2024
MIN_NUMBER_DIGITS = 7  # the shortest local phone number: 123-45-67

# Capitalised words with the endings of most Russian surnames. Only a hint for the
# moderator: a surname cannot be recognised reliably, and a person checks every review.
_SURNAME = re.compile(
    r"\b[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|ук|юк)\b"
)
_NOT_SURNAMES = {"Один", "Готов", "Каков", "Таков", "Здоров", "Многие", "Иначе"}

_FIRST_NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
MAX_FIRST_NAME = 30


def clean_text(text: str) -> str:
    """The text as it is stored: invisible control characters removed, line ends unified."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).strip()


@dataclass(frozen=True)
class Masked:
    text: str
    # One entry per hidden piece: "number", "email", "link" or "account".
    found: tuple[str, ...]


def _is_personal_number(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if digits < MIN_NUMBER_DIGITS:
        return False
    plain = candidate.strip("()")
    return not (_THOUSANDS.fullmatch(plain) or _YEARS.fullmatch(plain))


def mask_personal_data(text: str) -> Masked:
    """Hide phone and other long numbers, e-mail addresses, links and @accounts.

    Surnames and addresses cannot be found reliably by a rule: the moderator reads every
    review before it is published (see :func:`possible_surnames` for a hint).
    """
    found: list[str] = []

    def hide(kind: str, label: str):
        def replace(match: re.Match) -> str:
            found.append(kind)
            return label

        return replace

    text = _EMAIL.sub(hide("email", _("[e-mail hidden]")), text)
    text = _LINK.sub(hide("link", _("[link hidden]")), text)
    text = _ACCOUNT.sub(hide("account", _("[account hidden]")), text)
    number_label = _("[number hidden]")

    def number(match: re.Match) -> str:
        if not _is_personal_number(match.group(0)):
            return match.group(0)
        found.append("number")
        return number_label

    text = _NUMBER.sub(number, text)
    return Masked(text=text, found=tuple(found))


def has_link(text: str) -> bool:
    return bool(_LINK.search(text) or _EMAIL.search(text))


def possible_surnames(text: str) -> list[str]:
    """Words the moderator should look at: they may be surnames."""
    seen: list[str] = []
    for word in _SURNAME.findall(text):
        if word not in _NOT_SURNAMES and word not in seen:
            seen.append(word)
    return seen


def public_first_name(value: str) -> str:
    """What may be shown as the author: one first name, or "" (shown as «Anonymous»).

    Anything that looks like a contact (digits, @) is dropped; of «Иван Петров» only
    «Иван» is kept, so a surname is never published.
    """
    value = clean_text(value)
    if not value or any(ch.isdigit() or ch == "@" for ch in value):
        return ""
    first = value.split()[0].strip(".,;:!?«»\"'()")
    if not _FIRST_NAME.fullmatch(first):
        return ""
    name = first[:MAX_FIRST_NAME]
    return name[:1].upper() + name[1:]


# --- Access -----------------------------------------------------------------------------

# Region-level feedback (no centre) is for whole-region roles only, not for every centre.
_NO_REGION_LEVEL = Q(pk__in=[])


def items_for(user) -> QuerySet[FeedbackItem]:
    """Feedback items of the user's units."""
    scope = access.scope_for(user)
    return FeedbackItem.objects.filter(
        access.in_scope_q(scope, region_level_public=_NO_REGION_LEVEL)
    )


def can_moderate(user, item: FeedbackItem) -> bool:
    """Publishing and public replies speak for the centre: directors and regional admins."""
    return access.can_edit_model(access.scope_for(user), item)


def access_item(user, pk: int, *, moderate: bool = False) -> FeedbackItem:
    """The item if the user may see it (404 otherwise) and, with ``moderate``, act on it."""
    item = items_for(user).filter(pk=pk).select_related("region", "centre").first()
    if item is None:
        raise Http404
    if moderate and not can_moderate(user, item):
        raise PermissionDenied
    return item


def published_reviews(centre: Unit) -> QuerySet[FeedbackItem]:
    """What the public wall of a centre shows, newest first."""
    return FeedbackItem.objects.filter(centre=centre, publication=Publication.PUBLISHED).order_by(
        "-received_at", "-pk"
    )


# --- Actions ----------------------------------------------------------------------------


class WallError(Exception):
    """An action that cannot be done; the message is for the person who tried."""


@dataclass(frozen=True)
class Posted:
    item: FeedbackItem
    created: bool  # False: the same idempotency key was already stored


def do_post_review(
    *,
    centre: Unit,
    text: str,
    idempotency_key: uuid.UUID,
    rating: int | None = None,
    author_name: str = "",
    flags: list[str] | None = None,
) -> Posted:
    """Store a review from the public wall exactly once, waiting for moderation.

    Nothing a citizen posts is shown before a moderator publishes it, whatever its flags;
    the flags (a bot's honeypot, a too fast form, a link) only help the moderator.
    """
    if centre.kind != UnitKind.CENTRE:
        raise ValueError("a wall review belongs to an employment centre")
    text = clean_text(text)
    if not text or len(text) > MAX_FEEDBACK_TEXT:
        raise ValueError("the text is empty or too long")
    if rating is not None and rating not in range(1, 6):
        raise ValueError("the rating is from 1 to 5")
    existing = FeedbackItem.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return Posted(existing, created=False)
    flags = list(flags or [])
    if has_link(text):
        flags.append("link")
    now = timezone.now()
    try:
        with transaction.atomic():
            item = FeedbackItem.objects.create(
                idempotency_key=idempotency_key,
                region_id=centre.region_id,
                centre=centre,
                channel=FeedbackChannel.WALL,
                text=text,
                rating=rating,
                received_at=now,
                author_name_public=public_first_name(author_name),
                status=FeedbackStatus.NEW,
                status_changed_at=now,
                publication=Publication.PENDING,
                flags=flags,
            )
    except IntegrityError:
        # A concurrent retry with the same key won the race: that one is the review.
        existing = FeedbackItem.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return Posted(existing, created=False)
    return Posted(item, created=True)


MODERATED = (Publication.PENDING, Publication.PUBLISHED, Publication.REJECTED)


@transaction.atomic
def do_moderate(
    item: FeedbackItem,
    user,
    *,
    publish: bool,
    public_text: str | None = None,
    author_name: str | None = None,
    reason: str = "",
    note: str = "",
) -> FeedbackItem:
    """Publish a review (personal data masked) or decline to publish it, with a reason.

    ``public_text`` is the moderator's edit of the suggested text; whatever it is, phone
    numbers, e-mail addresses, links and accounts are masked again before publishing. A
    published review may later be withdrawn, and a declined one published after an edit.
    """
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if item.publication not in MODERATED:
        raise WallError(_("This item is not meant for the public wall."))
    now = timezone.now()
    if publish:
        source = clean_text(public_text) if public_text is not None else ""
        masked = mask_personal_data(source or item.text).text
        if len(masked) > MAX_FEEDBACK_TEXT:
            raise WallError(
                _("The text is too long: at most %(limit)s characters.")
                % {"limit": MAX_FEEDBACK_TEXT}
            )
        item.public_text = masked
        if author_name is not None:
            item.author_name_public = public_first_name(author_name)
        item.publication = Publication.PUBLISHED
        item.rejection_reason = ""
        item.moderation_note = clean_text(note)[:500]
    else:
        if reason not in RejectionReason.values:
            raise WallError(_("Choose why the review is not published."))
        item.publication = Publication.REJECTED
        item.rejection_reason = reason
        item.moderation_note = clean_text(note)[:500]
    item.moderated_by = user
    item.moderated_at = now
    item.save()
    return item


def can_reply_in_public(item: FeedbackItem) -> bool:
    if item.publication == Publication.REJECTED:
        return False
    return item.publication != Publication.NOT_PUBLIC or item.channel in PUBLIC_CHANNELS


@transaction.atomic
def do_reply(item: FeedbackItem, user, text: str) -> FeedbackItem:
    """Give (or correct) the centre's public reply; the item counts as answered.

    A reply to a review awaiting moderation is shown together with the review once it
    is published.
    """
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if not can_reply_in_public(item):
        raise WallError(_("This review is not published, so a public reply is not possible."))
    text = clean_text(text)
    if not text:
        raise WallError(_("Write the reply."))
    if len(text) > MAX_FEEDBACK_TEXT:
        raise WallError(
            _("The text is too long: at most %(limit)s characters.") % {"limit": MAX_FEEDBACK_TEXT}
        )
    now = timezone.now()
    item.public_reply = text
    item.replied_by = user
    item.replied_at = now
    if item.status in (FeedbackStatus.NEW, FeedbackStatus.IN_WORK):
        item.status = FeedbackStatus.ANSWERED
        item.status_changed_at = now
        item.status_changed_by = user
    item.save()
    return item
