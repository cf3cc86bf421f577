"""Invitations, consent and erasure: the actions of the outreach app (F2–F4).

An address given for an invitation lives only in :class:`DeliveryAddress` until the
message is sent or can no longer be sent; the invitation and the answer keep the salted
respondent key. Nothing here writes an address to the logs.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import ResponseChannel
from otklik.feedback.models import Invitation, Response
from otklik.feedback.services import survey_for
from otklik.journeys.models import Touchpoint
from otklik.org.access import scope_for
from otklik.org.roles import MODEL_EDITORS, Role
from otklik.outreach import invitations as rules
from otklik.outreach.models import ConsentPurpose, Contact, ContactErasure, DeliveryAddress
from otklik.outreach.providers import SmsError, send_email, sms_provider
from otklik.outreach.respondents import (
    EMAIL,
    PHONE,
    InvalidAddress,
    normalise_email,
    normalise_phone,
    respondent_key,
)

logger = logging.getLogger(__name__)

CHANNEL_KINDS = {ResponseChannel.SMS: PHONE, ResponseChannel.EMAIL: EMAIL}
LINK_SALT = "otklik.outreach.invitation-link"
# Roles that invite citizens after serving them; analysts only read and import.
INVITERS = frozenset({Role.SPECIALIST, Role.TEAM_LEAD, Role.DIRECTOR, Role.REGIONAL_ADMIN})
# An interaction a few minutes «in the future» is a clock difference, not a mistake.
CLOCK_SKEW = timedelta(minutes=5)
# A claimed invitation whose address is still there this long after is a crashed send.
STALE_CLAIM = timedelta(hours=1)


# --- settings -----------------------------------------------------------------------


def _setting(name: str, default):
    return getattr(settings, name, default)


def fatigue_days() -> int:
    return int(_setting("OTKLIK_FATIGUE_DAYS", 30))


def quiet_hours() -> rules.QuietHours:
    return rules.parse_quiet_hours(_setting("OTKLIK_QUIET_HOURS", "21:00-09:00"))


def link_max_age() -> timedelta:
    return timedelta(days=int(_setting("OTKLIK_INVITATION_LINK_DAYS", 14)))


def contact_offer_age() -> timedelta:
    return timedelta(minutes=int(_setting("OTKLIK_CONTACT_OFFER_MINUTES", 60)))


def _window(interaction_at) -> rules.Window:
    return rules.send_window(
        interaction_at,
        timedelta(minutes=int(_setting("OTKLIK_INVITATION_DELAY_MINUTES", 0))),
        timedelta(hours=int(_setting("OTKLIK_INVITATION_WINDOW_HOURS", 48))),
    )


# --- inviting -----------------------------------------------------------------------


class InvitationRefused(ValueError):
    """The invitation cannot be made as asked; the message says why (for staff)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class InviteResult:
    invitation: Invitation | None
    skipped: str = ""  # a reason of ``invitations`` when nothing was created
    due: datetime | None = None  # the first moment it may be sent

    @property
    def created(self) -> bool:
        return self.invitation is not None


def recently_contacted(key: str, now) -> bool:
    """Invited (sent or still pending) or answered within the fatigue period (F3)."""
    since = rules.fatigue_since(now, fatigue_days())
    invited = Invitation.objects.filter(respondent_key=key).filter(
        Q(sent_at__gt=since) | Q(sent_at__isnull=True, skipped_reason="", send_before__gte=now)
    )
    answered = Response.objects.filter(respondent_key=key, submitted_at__gt=since)
    return invited.exists() or answered.exists()


def do_invite(touchpoint: Touchpoint, channel: str, address: str, interaction_at, now=None):
    """Plan a point-survey invitation after an interaction at ``touchpoint``.

    Returns an :class:`InviteResult`: the invitation, or the reason it was not made
    (fatigue, the window already passed or lies wholly in the quiet hours). Raises
    :class:`InvalidAddress` or :class:`InvitationRefused` for bad input.
    """
    now = now or timezone.now()
    if channel not in CHANNEL_KINDS:
        raise InvitationRefused(_("Invitations are sent by SMS or e-mail."))
    kind = CHANNEL_KINDS[channel]
    normalised = normalise_phone(address) if kind == PHONE else normalise_email(address)
    if timezone.is_naive(interaction_at):
        interaction_at = timezone.make_aware(interaction_at)
    if interaction_at > now + CLOCK_SKEW:
        raise InvitationRefused(_("The interaction cannot be in the future."))
    if survey_for(touchpoint) is None:
        raise InvitationRefused(_("This touchpoint has no published survey to invite to."))
    window = _window(interaction_at)
    quiet, tz = quiet_hours(), timezone.get_default_timezone()
    due, reason = rules.due_time(now, window, quiet, tz)
    if due is None:
        return InviteResult(None, rules.WINDOW_PASSED if reason == rules.EXPIRED else reason)
    key = respondent_key(normalised, kind=kind)
    journey = touchpoint.stage.journey
    with transaction.atomic():
        if recently_contacted(key, now):
            return InviteResult(None, rules.FATIGUE)
        invitation = Invitation.objects.create(
            touchpoint=touchpoint,
            region_id=journey.region_id,
            centre_id=journey.centre_id,
            channel=channel,
            respondent_key=key,
            interaction_at=interaction_at,
            send_after=rules.next_allowed(window.send_after, quiet, tz),
            send_before=window.send_before,
        )
        DeliveryAddress.objects.create(invitation=invitation, address=normalised)
    return InviteResult(invitation, due=due)


# --- links --------------------------------------------------------------------------


class LinkError(Exception):
    """An invitation link that does not open a survey."""


class LinkExpired(LinkError):
    pass


class LinkInvalid(LinkError):
    pass


def invitation_token(invitation: Invitation) -> str:
    data = {"i": invitation.pk, "t": invitation.touchpoint_id, "c": invitation.channel}
    return signing.dumps(data, salt=LINK_SALT)


def invitation_link(invitation: Invitation) -> str:
    """The absolute, signed link of an invitation, bound to its touchpoint and channel."""
    base = str(_setting("OTKLIK_PUBLIC_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return base + reverse("public_invitation", args=[invitation_token(invitation)])


def load_invitation(token: str) -> Invitation:
    """The invitation of a link; :class:`LinkExpired` or :class:`LinkInvalid` otherwise.

    Reading a link changes nothing: only a submitted answer uses it.
    """
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict):
        raise LinkInvalid
    pk, touchpoint_id, channel = data.get("i"), data.get("t"), data.get("c")
    if not isinstance(pk, int) or not isinstance(touchpoint_id, int):
        raise LinkInvalid
    invitation = (
        Invitation.objects.select_related(
            "touchpoint__stage__journey__centre", "touchpoint__stage__journey__region"
        )
        .filter(pk=pk)
        .first()
    )
    if (
        invitation is None
        or invitation.touchpoint_id != touchpoint_id
        or invitation.channel != channel
        or invitation.sent_at is None
    ):
        raise LinkInvalid
    return invitation


def answered(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation).first()


# --- sending ------------------------------------------------------------------------


def _centre_name(invitation: Invitation) -> str:
    journey = invitation.touchpoint.stage.journey
    return (journey.centre or journey.region).name


def _message_context(invitation: Invitation) -> dict:
    return {
        "centre": _centre_name(invitation),
        "touchpoint": invitation.touchpoint.name,
        "link": invitation_link(invitation),
        "days": link_max_age().days,
    }


def sms_text(invitation: Invitation) -> str:
    context = _message_context(invitation)
    return render_to_string("outreach/messages/invitation_sms.txt", context).strip()


def email_message(invitation: Invitation) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an e-mail invitation."""
    context = _message_context(invitation)
    subject = render_to_string("outreach/messages/invitation_subject.txt", context)
    return (
        " ".join(subject.split()),
        render_to_string("outreach/messages/invitation_email.txt", context).strip() + "\n",
        render_to_string("outreach/messages/invitation_email.html", context),
    )


def _deliver(invitation: Invitation, address: str, provider) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if invitation.channel == ResponseChannel.SMS:
            provider.send(
                address, sms_text(invitation), reference=f"otklik-invitation-{invitation.pk}"
            )
        else:
            send_email(address, *email_message(invitation))


def _temporary(error: Exception) -> bool:
    """Whether a failed send may work later (the network, a busy gateway or mail server).

    Anything else (a refused address, an unexpected error of a provider) is not tried
    again: a message that may have gone out is never sent twice.
    """
    if isinstance(error, SmsError):
        return error.temporary
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError)  # connection refused, timeouts, SMTPServerDisconnected


def _skip(pending, reason: str) -> int:
    return pending.update(skipped_reason=reason)


def _pending():
    return Invitation.objects.filter(sent_at__isnull=True, skipped_reason="")


def _forget_addresses(now) -> None:
    """Addresses of invitations that were sent, skipped or crashed while sending."""
    DeliveryAddress.objects.filter(
        Q(invitation__skipped_reason__gt="") | Q(invitation__sent_at__lt=now - STALE_CLAIM)
    ).delete()


def send_due_invitations(now=None, *, limit: int | None = None) -> int:
    """Send every invitation that is due now; returns how many were sent.

    Safe to run in several workers at once: each invitation is claimed by a conditional
    UPDATE of ``sent_at`` and only the worker that claimed it sends it. A temporary
    failure releases the claim for the next run; a permanent one, the end of the window
    or quiet hours lasting past it mark the invitation as not sent. The address is
    deleted as soon as it is no longer needed.
    """
    now = now or timezone.now()
    limit = limit or int(_setting("OTKLIK_INVITATION_BATCH", 500))
    tz = timezone.get_default_timezone()
    _skip(_pending().filter(send_before__lt=now), rules.EXPIRED)
    allowed_from = rules.next_allowed(now, quiet_hours(), tz)
    if allowed_from > now:
        # Quiet hours: send nothing, and give up on what cannot wait until morning.
        _skip(_pending().filter(send_before__lt=allowed_from), rules.QUIET_HOURS)
        _forget_addresses(now)
        return 0
    due = list(
        _pending()
        .filter(send_after__lte=now, send_before__gte=now)
        .order_by("send_after", "pk")
        .values_list("pk", "channel")[:limit]
    )
    sent = 0
    provider = None
    for pk, channel in due:
        if channel == ResponseChannel.SMS and provider is None:
            provider = sms_provider()  # a configuration error stops here, before any claim
        if not _pending().filter(pk=pk).update(sent_at=now):
            continue  # another worker claimed it
        invitation = Invitation.objects.select_related(
            "touchpoint__stage__journey__centre", "touchpoint__stage__journey__region"
        ).get(pk=pk)
        address = DeliveryAddress.objects.filter(invitation_id=pk).first()
        if address is None:  # erased on request in the meantime
            Invitation.objects.filter(pk=pk).update(sent_at=None, skipped_reason=rules.ERASED)
            continue
        try:
            _deliver(invitation, address.address, provider)
        except Exception as error:  # any failure: at most once, never a resend loop
            temporary = _temporary(error)
            # The error's type only: some carry the recipient's address.
            logger.warning(
                "Invitation %s not sent (%s, %s).",
                pk,
                type(error).__name__,
                "will retry" if temporary else "gave up",
            )
            if temporary:
                Invitation.objects.filter(pk=pk).update(sent_at=None)
            else:
                Invitation.objects.filter(pk=pk).update(sent_at=None, skipped_reason=rules.FAILED)
                address.delete()
            continue
        address.delete()
        sent += 1
    _forget_addresses(now)
    return sent


# --- consent and erasure --------------------------------------------------------------


class ConsentError(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def do_record_consent(
    response: Response,
    *,
    name: str = "",
    phone: str = "",
    email: str = "",
    purpose: str,
    text_version: str,
    now=None,
) -> Contact:
    """Keep a citizen's contact details with the consent they gave (F4, 152-FZ).

    The details are stored apart from the answers and only point at the response; the
    consent records the version of its text, the moment and the purpose.
    """
    phone = normalise_phone(phone) if phone and phone.strip() else ""
    email = normalise_email(email) if email and email.strip() else ""
    if not phone and not email:
        raise ConsentError(_("Enter a phone number or an e-mail address."))
    if purpose not in ConsentPurpose.values:
        raise ConsentError(_("Choose why the centre may contact you."))
    if not text_version:
        raise ValueError("the version of the consent text is required")
    with transaction.atomic():
        if Contact.objects.filter(response=response).exists():
            raise ConsentError(_("Contact details for this answer are already recorded."))
        return Contact.objects.create(
            response=response,
            name=(name or "").strip()[:200],
            phone=phone,
            email=email,
            purpose=purpose,
            consent_text_version=text_version,
            consented_at=now or timezone.now(),
        )


def _editor_q(user, prefix: str) -> Q | None:
    """Objects of the units where the user is a director or regional administrator."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    regions = [pk for pk, roles in scope.region_roles.items() if roles & MODEL_EDITORS]
    centres = [pk for pk, roles in scope.centre_roles.items() if roles & MODEL_EDITORS]
    if not regions and not centres:
        return None
    return Q(**{f"{prefix}region_id__in": regions}) | Q(**{f"{prefix}centre_id__in": centres})


def can_erase(user) -> bool:
    return _editor_q(user, "") is not None


def _mentions(reason: str, values: list[str]) -> bool:
    digits = "".join(ch for ch in reason if ch.isdigit())
    lowered = reason.lower()
    for value in values:
        if value.startswith("+") and len(value) > 8 and value[-10:] in digits:
            return True
        if "@" in value and value in lowered:
            return True
    return False


@transaction.atomic
def do_erase_contacts(*, phone: str | None = None, email: str | None = None, user, reason: str):
    """Delete a person's contact data on request; the anonymous answers stay.

    Deletes the contacts left with consent and the addresses of invitations not yet sent
    (those invitations are not sent), within the units the user directs or administers.
    The erasure is recorded with who, when, why and how many, never the data itself.
    Returns the number of deleted records.
    """
    scope_q = _editor_q(user, "")
    if scope_q is None:
        raise PermissionDenied
    values = []
    if phone and phone.strip():
        values.append(normalise_phone(phone))
    if email and email.strip():
        values.append(normalise_email(email))
    if not values:
        raise InvalidAddress(_("Enter a phone number or an e-mail address."))
    reason = (reason or "").strip()
    if not reason:
        raise ConsentError(_("Give the reason, e.g. the number of the citizen's request."))
    if _mentions(reason, values):
        raise ConsentError(_("Do not write the phone number or e-mail in the reason."))
    matches = Q()
    for value in values:
        matches |= Q(email__iexact=value) if "@" in value else Q(phone=value)
    contacts = Contact.objects.filter(matches).filter(_editor_q(user, "response__"))
    count, _deleted = contacts.delete()
    addresses = DeliveryAddress.objects.filter(address__in=values).filter(
        _editor_q(user, "invitation__")
    )
    invitation_ids = list(addresses.values_list("invitation_id", flat=True))
    count += addresses.delete()[0]
    _skip(_pending().filter(pk__in=invitation_ids), rules.ERASED)
    ContactErasure.objects.create(erased_by=user, contacts=count, reason=reason[:300])
    return count


# --- staff scope ----------------------------------------------------------------------


def inviter_q(user, prefix: str = "stage__journey__") -> Q | None:
    """Journeys' objects the user may invite citizens for; None when nowhere."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    regions = [pk for pk, roles in scope.region_roles.items() if roles & INVITERS]
    centres = [pk for pk, roles in scope.centre_roles.items() if roles & INVITERS]
    if not regions and not centres:
        return None
    return Q(**{f"{prefix}region_id__in": regions}) | Q(**{f"{prefix}centre_id__in": centres})


def invitable_touchpoints(user):
    """Touchpoints of the user's units with an active, published survey."""
    q = inviter_q(user)
    if q is None:
        return Touchpoint.objects.none()
    return (
        Touchpoint.objects.filter(q, surveys__is_active=True, surveys__versions__isnull=False)
        .select_related("stage__journey")
        .distinct()
        .order_by("stage__journey__title", "stage__order", "order", "pk")
    )
