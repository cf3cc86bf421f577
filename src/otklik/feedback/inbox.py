"""The staff inbox of feedback items (F5, F6): triage, replies, status, exports.

Every staff member whose units cover an item reads it and works it — specialists link it
to a touchpoint, reply to the author, thank them and close it: that is their job (App. 3
§7, §8, §10). Analysts only read. Public replies speak for the centre and stay with
directors and regional administrators (see ``wall.do_reply``). Outside the user's units
an item does not exist (404).

Status: new → in work → answered → closed. «Answered» needs a recorded reply; «closed»
needs a reply or a note saying why there is none (an anonymous complaint-book entry).
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.feedback import wall
from otklik.feedback.choices import MAX_FEEDBACK_TEXT, FeedbackChannel, FeedbackStatus
from otklik.feedback.models import FeedbackItem, FeedbackReply, ReplyTemplate
from otklik.journeys import selectors as journey_selectors
from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import Touchpoint
from otklik.org import access
from otklik.org.models import Membership, Unit, User
from otklik.org.roles import Role
from otklik.outreach.models import ConsentPurpose, Contact

logger = logging.getLogger(__name__)

# Roles that handle feedback; analysts read it only.
WORKERS = frozenset({Role.SPECIALIST, Role.TEAM_LEAD, Role.DIRECTOR, Role.REGIONAL_ADMIN})
MAX_NOTE = 500


class InboxError(Exception):
    """An action that cannot be done; the message is for the person who tried."""


# --- Access -----------------------------------------------------------------------------


def items_for(user) -> QuerySet[FeedbackItem]:
    """Feedback items of the user's units (region-level items: whole-region roles only)."""
    return wall.items_for(user)


def can_work(user, item: FeedbackItem) -> bool:
    scope = access.scope_for(user)
    return scope.is_superuser or bool(scope.roles_at(item.region_id, item.centre_id) & WORKERS)


def can_reply_in_public(user, item: FeedbackItem) -> bool:
    return wall.can_moderate(user, item) and wall.can_reply_in_public(item)


def access_item(user, pk: int, *, work: bool = False) -> FeedbackItem:
    """The item if the user may see it (404 otherwise) and, with ``work``, handle it (403)."""
    item = (
        items_for(user)
        .filter(pk=pk)
        .select_related(
            "region",
            "centre",
            "touchpoint__stage__journey",
            "assigned_to",
            "status_changed_by",
            "replied_by",
            "contact",
        )
        .first()
    )
    if item is None:
        raise Http404
    if work and not can_work(user, item):
        raise PermissionDenied
    return item


def can_manage_templates(user) -> bool:
    return journey_selectors.editable_units(user).exists()


def templates_for(user) -> QuerySet[ReplyTemplate]:
    """Templates of the user's units; region-wide templates for everyone in the region."""
    scope = access.scope_for(user)
    return ReplyTemplate.objects.filter(access.in_scope_q(scope)).select_related("centre")


def templates_for_item(item: FeedbackItem) -> QuerySet[ReplyTemplate]:
    """Templates usable for an item: its region's and its centre's."""
    q = Q(region_id=item.region_id, centre__isnull=True)
    if item.centre_id:
        q |= Q(centre_id=item.centre_id)
    return ReplyTemplate.objects.filter(q).order_by("-is_thanks", "title", "pk")


def access_template(user, pk: int, *, edit: bool = False) -> ReplyTemplate:
    template = templates_for(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    if edit and not access.can_edit_model(access.scope_for(user), template):
        raise PermissionDenied
    return template


def linkable_touchpoints(user, item: FeedbackItem) -> QuerySet[Touchpoint]:
    """Touchpoints of the journeys in use (active) for the item's centre (or region) that
    the user sees: the centre's own journeys and the region-wide ones."""
    journeys = journey_selectors.journeys_for(user).filter(status=JourneyStatus.ACTIVE)
    if item.centre_id:
        journeys = journeys.filter(
            Q(centre_id=item.centre_id) | Q(centre__isnull=True, region_id=item.region_id)
        )
    else:
        journeys = journeys.filter(region_id=item.region_id, centre__isnull=True)
    return (
        Touchpoint.objects.filter(stage__journey__in=journeys)
        .select_related("stage__journey")
        .order_by("stage__journey__title", "stage__order", "order", "pk")
    )


def assignable_staff(item: FeedbackItem) -> QuerySet[User]:
    """Active staff who handle feedback in the item's centre (or the whole region)."""
    units = Q(unit__kind="region", unit_id=item.region_id)
    if item.centre_id:
        units |= Q(unit_id=item.centre_id) | Q(unit__centre_id=item.centre_id)
    members = Membership.objects.filter(units, role__in=WORKERS, unit__is_active=True)
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "last_name", "first_name", "username"
    )


def journeys_of_items(user) -> QuerySet:
    return journey_selectors.journeys_for(user).order_by("title")


def touchpoints_of_items(user) -> QuerySet[Touchpoint]:
    """Touchpoints of the journeys in use that the user sees, for filters and bulk links."""
    journeys = journey_selectors.journeys_for(user).exclude(status=JourneyStatus.ARCHIVED)
    return (
        Touchpoint.objects.filter(stage__journey__in=journeys)
        .select_related("stage__journey")
        .order_by("stage__journey__title", "stage__order", "order", "pk")
    )


def centres_of_items(user) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=items_for(user).values("centre")).order_by("name")


# --- The inbox --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    centre: int | None = None
    journey: int | None = None
    touchpoint: int | None = None
    channel: str = ""
    status: str = ""
    # 1–5, or 0 for «no rating»
    rating: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    unlinked: bool = False
    mine: bool = False
    query: str = ""


def inbox(user, filters: Filters | None = None) -> QuerySet[FeedbackItem]:
    """The user's items matching the filters, newest first; never outside their units."""
    f = filters or Filters()
    items = items_for(user)
    if f.centre:
        items = items.filter(centre_id=f.centre)
    if f.journey:
        items = items.filter(touchpoint__stage__journey_id=f.journey)
    if f.touchpoint:
        items = items.filter(touchpoint_id=f.touchpoint)
    if f.channel:
        items = items.filter(channel=f.channel)
    if f.status:
        items = items.filter(status=f.status)
    if f.rating == 0:
        items = items.filter(rating__isnull=True)
    elif f.rating:
        items = items.filter(rating=f.rating)
    if f.date_from:
        items = items.filter(received_at__date__gte=f.date_from)
    if f.date_to:
        items = items.filter(received_at__date__lte=f.date_to)
    if f.unlinked:
        items = items.filter(touchpoint__isnull=True)
    if f.mine:
        items = items.filter(assigned_to=user)
    if f.query:
        items = items.filter(text__icontains=f.query)
    return items.select_related(
        "centre", "touchpoint__stage__journey", "assigned_to", "status_changed_by"
    ).order_by("-received_at", "-pk")


# --- Actions ----------------------------------------------------------------------------


def _locked(item: FeedbackItem) -> FeedbackItem:
    return FeedbackItem.objects.select_for_update().get(pk=item.pk)


def _set_status(item: FeedbackItem, status: str, user, now=None) -> None:
    item.status = status
    item.status_changed_at = now or timezone.now()
    item.status_changed_by = user


def _check_worker(user, item: FeedbackItem) -> None:
    if not can_work(user, item):
        raise PermissionDenied


@transaction.atomic
def do_link_touchpoint(item: FeedbackItem, touchpoint: Touchpoint, user) -> FeedbackItem:
    """Link an item to the touchpoint it is about: it leaves the «unlinked» queue."""
    _check_worker(user, item)
    item = _locked(item)
    if not linkable_touchpoints(user, item).filter(pk=touchpoint.pk).exists():
        raise InboxError(_("This touchpoint is not on a journey of the item's centre."))
    item.touchpoint = touchpoint
    item.save(update_fields=["touchpoint"])
    return item


@transaction.atomic
def do_assign(item: FeedbackItem, assignee: User | None, user) -> FeedbackItem:
    """Give the item to a staff member of its centre (``None``: nobody). A new item that
    gets someone to handle it is in work."""
    _check_worker(user, item)
    item = _locked(item)
    if assignee is not None and not assignable_staff(item).filter(pk=assignee.pk).exists():
        raise InboxError(_("This person does not handle feedback in the item's centre."))
    item.assigned_to = assignee
    fields = ["assigned_to"]
    if assignee is not None and item.status == FeedbackStatus.NEW:
        _set_status(item, FeedbackStatus.IN_WORK, user)
        fields += ["status", "status_changed_at", "status_changed_by"]
    item.save(update_fields=fields)
    return item


def _has_reply(item: FeedbackItem) -> bool:
    return bool(item.public_reply) or item.replies.exists()


@transaction.atomic
def do_change_status(item: FeedbackItem, status: str, user, *, note: str = "") -> FeedbackItem:
    """Move an item to another status, recording who and when.

    «Answered» needs a recorded reply (a reply given by phone is recorded as a personal
    reply). «Closed» needs a reply, or a note saying why nobody can be answered.
    """
    _check_worker(user, item)
    if status not in FeedbackStatus.values:
        raise InboxError(_("Unknown status."))
    item = _locked(item)
    note = wall.clean_text(note)[:MAX_NOTE]
    if status == item.status and not note:
        return item
    fields = ["status", "status_changed_at", "status_changed_by"]
    if status == FeedbackStatus.ANSWERED and not _has_reply(item):
        raise InboxError(_("Record the reply first: the item counts as answered after it."))
    if status == FeedbackStatus.CLOSED:
        if not _has_reply(item) and not note:
            raise InboxError(
                _("Reply to the author before closing, or say in a note why there is no reply.")
            )
        if note:
            item.closing_note = note
            fields.append("closing_note")
    _set_status(item, status, user)
    item.save(update_fields=fields)
    return item


def _emailable(contact: Contact | None) -> bool:
    return bool(contact and contact.email and contact.purpose == ConsentPurpose.REPLY)


def _send_reply_email(reply_pk: int, address: str, subject: str, body: str) -> None:
    """Send after the commit; a mail server that fails leaves the reply recorded as not
    e-mailed (the page shows it) instead of failing the request."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except Exception:
        logger.exception("could not e-mail the reply %s", reply_pk)
        FeedbackReply.objects.filter(pk=reply_pk).update(emailed=False)


def _clean_reply(text: str) -> str:
    text = wall.clean_text(text)
    if not text:
        raise InboxError(_("Write the reply."))
    if len(text) > MAX_FEEDBACK_TEXT:
        raise InboxError(
            _("The text is too long: at most %(limit)s characters.") % {"limit": MAX_FEEDBACK_TEXT}
        )
    return text


@transaction.atomic
def do_reply_personally(
    item: FeedbackItem, user, text: str, *, is_thanks: bool = False
) -> FeedbackReply:
    """Record a personal reply to the author; e-mail it if they left an address with
    consent to be answered. A new or in-work item counts as answered."""
    _check_worker(user, item)
    text = _clean_reply(text)
    item = _locked(item)
    contact = Contact.objects.filter(pk=item.contact_id).first() if item.contact_id else None
    now = timezone.now()
    reply = FeedbackReply.objects.create(
        item=item,
        text=text,
        is_public=False,
        is_thanks=is_thanks,
        emailed=_emailable(contact),
        sent_by=user,
        sent_at=now,
    )
    if item.status in (FeedbackStatus.NEW, FeedbackStatus.IN_WORK):
        _set_status(item, FeedbackStatus.ANSWERED, user, now)
        item.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    if reply.emailed:
        centre = item.centre.name if item.centre_id else item.region.name
        subject = _("Reply to your feedback — %(centre)s") % {"centre": centre}
        address = contact.email
        pk = reply.pk
        transaction.on_commit(lambda: _send_reply_email(pk, address, subject, text))
    return reply


def thanks_text(item: FeedbackItem) -> str:
    """The «thank you» text for an item: the centre's template, the region's, or a default."""
    # The centre's own template first; NULLs sort differently in SQLite and PostgreSQL.
    template = (
        templates_for_item(item)
        .filter(is_thanks=True)
        .order_by(F("centre").desc(nulls_last=True), "pk")
        .first()
    )
    if template is not None:
        return template.text
    return _(
        "Thank you for your feedback! It helps us make the employment centre better for "
        "everyone. We have passed it on to the team."
    )


def do_thank(item: FeedbackItem, user) -> FeedbackReply:
    """Thank the author (App. 3 §8) with the «thank you» template of the item's unit."""
    return do_reply_personally(item, user, thanks_text(item), is_thanks=True)


@transaction.atomic
def do_reply_in_public(item: FeedbackItem, user, text: str) -> FeedbackItem:
    """The centre's public reply (public channels only), kept by ``wall.do_reply`` and
    recorded in the item's reply history."""
    if not wall.can_moderate(user, item):
        raise PermissionDenied
    try:
        item = wall.do_reply(item, user, text)
    except wall.WallError as error:
        raise InboxError(str(error)) from None
    FeedbackReply.objects.create(
        item=item, text=item.public_reply, is_public=True, sent_by=user, sent_at=item.replied_at
    )
    return item


# --- Registering items that arrive on paper, by e-mail or by phone -----------------------


@transaction.atomic
def do_register_item(
    *,
    user,
    centre: Unit,
    channel: str,
    text: str,
    received_at=None,
    rating: int | None = None,
    touchpoint: Touchpoint | None = None,
    author_name: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    consent: bool = False,
    consent_text_version: str = "staff-1",
) -> FeedbackItem:
    """Enter a letter, an e-mail, a complaint-book entry or a note by hand (F5).

    Contact details are kept only with the author's consent to be answered (152-FZ), apart
    from the item, and erasable on request.
    """
    from otklik.outreach.respondents import InvalidAddress, normalise_email, normalise_phone

    if not can_work(user, FeedbackItem(region_id=centre.region_id, centre_id=centre.pk)):
        raise PermissionDenied
    if channel not in FeedbackChannel.values or channel == FeedbackChannel.WALL:
        raise InboxError(_("Choose the channel the item came through."))
    text = wall.clean_text(text)
    if not text or len(text) > MAX_FEEDBACK_TEXT:
        raise InboxError(
            _("Enter the text, at most %(limit)s characters.") % {"limit": MAX_FEEDBACK_TEXT}
        )
    if rating is not None and rating not in range(1, 6):
        raise InboxError(_("The rating is from 1 to 5."))
    contact = None
    if phone.strip() or email.strip():
        if not consent:
            raise InboxError(
                _("Contact details are kept only if the author agreed to be answered.")
            )
        try:
            phone = normalise_phone(phone) if phone.strip() else ""
            email = normalise_email(email) if email.strip() else ""
        except InvalidAddress as error:
            raise InboxError(error.message) from None
        contact = Contact.objects.create(
            name=wall.clean_text(contact_name)[:200],
            phone=phone,
            email=email,
            purpose=ConsentPurpose.REPLY,
            consent_text_version=consent_text_version,
            consented_at=timezone.now(),
        )
    now = timezone.now()
    item = FeedbackItem(
        region_id=centre.region_id,
        centre=centre,
        channel=channel,
        text=text,
        rating=rating,
        received_at=received_at or now,
        author_name_public=wall.public_first_name(author_name),
        status=FeedbackStatus.NEW,
        status_changed_at=now,
        status_changed_by=user,
        contact=contact,
    )
    if touchpoint is not None:
        if not linkable_touchpoints(user, item).filter(pk=touchpoint.pk).exists():
            raise InboxError(_("This touchpoint is not on a journey of the item's centre."))
        item.touchpoint = touchpoint
    item.save()
    return item


# --- Bulk actions -----------------------------------------------------------------------

BULK_ACTIONS = ("assign_me", "in_work", "thank", "close", "link")


@dataclass
class BulkResult:
    done: int = 0
    skipped: list[tuple[FeedbackItem, str]] = field(default_factory=list)


def do_bulk(
    action: str,
    items,
    user,
    *,
    touchpoint: Touchpoint | None = None,
) -> BulkResult:
    """Apply one action to several items; each item is done or skipped on its own, with
    the reason, so that one item that cannot be closed does not stop the rest."""
    if action not in BULK_ACTIONS:
        raise InboxError(_("Unknown action."))
    if action == "link" and touchpoint is None:
        raise InboxError(_("Choose the touchpoint to link the items to."))
    result = BulkResult()
    # Only items the user sees: ids from a form are never trusted.
    pks = [item.pk if isinstance(item, FeedbackItem) else int(item) for item in items]
    for item in items_for(user).filter(pk__in=pks).order_by("pk"):
        try:
            if not can_work(user, item):
                raise InboxError(_("You may read this item, not handle it."))
            if action == "assign_me":
                do_assign(item, user, user)
            elif action == "in_work":
                if item.status != FeedbackStatus.NEW:
                    raise InboxError(_("Only new items are taken into work."))
                do_change_status(item, FeedbackStatus.IN_WORK, user)
            elif action == "thank":
                do_thank(item, user)
            elif action == "close":
                do_change_status(item, FeedbackStatus.CLOSED, user)
            elif action == "link":
                do_link_touchpoint(item, touchpoint, user)
        except (InboxError, PermissionDenied) as error:
            result.skipped.append((item, str(error) or _("Not allowed.")))
        else:
            result.done += 1
    return result
