"""Invitation links and the consent step for citizens; inviting and erasure for staff.

Citizens' pages need no login and set no cookie: a signed link (invitations) or the
idempotency key of the citizen's own answer (the consent step) is the only capability.
"""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from otklik.feedback import abuse
from otklik.feedback.choices import ResponseChannel
from otklik.feedback.models import Response
from otklik.feedback.services import do_submit_response, survey_for
from otklik.feedback.surveys import answer_form_class, answers_from
from otklik.journeys.models import Touchpoint
from otklik.outreach import invitations as rules
from otklik.outreach import services
from otklik.outreach.models import ConsentPurpose, Contact, ContactErasure
from otklik.outreach.respondents import InvalidAddress, normalise_email, normalise_phone

MAX_BODY = 64 * 1024

# The consent a citizen gives on the contact page (152-FZ art. 9: specific, informed,
# conscious). A change of this text or of its translation needs a new version.
CONSENT_TEXT_VERSION = "2026-11"
CONSENT_TEXT = gettext_lazy(
    "I agree that the employment centre named above stores the name, phone number and "
    "e-mail address I entered and uses them only for the purpose I chose, until it is "
    "achieved or I withdraw this consent. They are kept apart from my answers, which stay "
    "anonymous. I can withdraw this consent at any time by asking the centre to delete my "
    "contact details."
)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _public_error(request, title: str, message: str, status: int):
    if _wants_json(request):
        return JsonResponse({"status": "error", "message": message}, status=status)
    return render(
        request, "outreach/link_error.html", {"title": title, "message": message}, status=status
    )


def _link_error(request, error: services.LinkError):
    if isinstance(error, services.LinkExpired):
        return _public_error(
            request,
            _("This link has expired"),
            ngettext(
                "Survey invitations are valid for %(days)s day. Thank you for wanting to answer!",
                "Survey invitations are valid for %(days)s days. Thank you for wanting to answer!",
                services.link_max_age().days,
            )
            % {"days": services.link_max_age().days},
            410,
        )
    return _public_error(
        request,
        _("This link does not work"),
        _("The address may be incomplete. Please open the link from the message once more."),
        404,
    )


# --- the invitation link (public) ---------------------------------------------------


# No CSRF cookie for citizens: the signed link, the idempotency key and the signed start
# time protect the form, and nothing here acts on anyone's behalf.
@csrf_exempt
@never_cache
def invitation_survey(request, token: str):
    """GET shows the survey and changes nothing (mail scanners pre-fetch links); POST
    answers, once per invitation."""
    try:
        invitation = services.load_invitation(token)
    except services.LinkError as error:
        return _link_error(request, error)
    touchpoint = invitation.touchpoint
    version = survey_for(touchpoint)
    if version is None:
        return _public_error(
            request,
            _("The survey is closed"),
            _("This survey no longer collects answers. Thank you for wanting to answer!"),
            410,
        )
    form_class = answer_form_class(version.questions)
    if request.method == "POST":
        return _submit(request, token, invitation, version, form_class)
    if services.answered(invitation) is not None:
        return redirect("public_invitation_thanks", token=token)
    return _render_survey(request, invitation, version, form_class())


def _render_survey(request, invitation, version, form, *, key=None, status=200):
    touchpoint = invitation.touchpoint
    return render(
        request,
        "public/survey.html",
        {
            "touchpoint": touchpoint,
            "centre": touchpoint.stage.journey.centre,
            "version": version,
            "form": form,
            "channel": invitation.channel,
            "idempotency_key": key or uuid.uuid4(),
            "started": abuse.started_token(),
            "honeypot": abuse.HONEYPOT_FIELD,
            "kiosk": False,
        },
        status=status,
    )


def _submitted(request, token: str, key: uuid.UUID, *, created: bool):
    thanks = reverse("public_invitation_thanks", args=[token])
    if _wants_json(request):
        return JsonResponse(
            {"status": "saved" if created else "duplicate", "id": str(key), "thanks": thanks},
            status=201 if created else 200,
        )
    return redirect(thanks)


def _submit(request, token, invitation, version, form_class):
    if len(request.body) > MAX_BODY:
        return _public_error(
            request, _("The answer was not saved"), _("The answer is too long."), 413
        )
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        return _public_error(
            request,
            _("The answer was not saved"),
            _("The form is damaged. Please open the survey again."),
            400,
        )
    if abuse.rate_limited(request, f"invitation-{invitation.pk}"):
        return _public_error(
            request,
            _("The answer was not saved"),
            _("Too many answers from here right now. Please try again in a minute."),
            429,
        )
    # A retry of a stored answer, or a second answer through the same link: not counted.
    if Response.objects.filter(idempotency_key=key).exists() or services.answered(invitation):
        return _submitted(request, token, key, created=False)
    form = form_class(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"status": "invalid", "errors": form.errors}, status=400)
        return _render_survey(request, invitation, version, form, key=key, status=400)
    seconds = abuse.fill_seconds(request.POST.get("started", ""))
    try:
        submission = do_submit_response(
            touchpoint=invitation.touchpoint,
            version=version,
            channel=invitation.channel,
            idempotency_key=key,
            answers=answers_from(form.cleaned_data, version.questions),
            fill_seconds=seconds,
            flags=abuse.suspicion(request.POST, seconds),
            respondent_key=invitation.respondent_key,
            invitation=invitation,
        )
    except IntegrityError:
        # Two answers through one link at the same moment: the other one is counted.
        if services.answered(invitation) is None:
            raise
        return _submitted(request, token, key, created=False)
    return _submitted(request, token, key, created=submission.created)


@never_cache
def invitation_thanks(request, token: str):
    try:
        invitation = services.load_invitation(token)
    except services.LinkError as error:
        return _link_error(request, error)
    response = services.answered(invitation)
    if response is None:
        return redirect("public_invitation", token=token)
    return render(
        request,
        "outreach/thanks.html",
        {
            "centre": invitation.touchpoint.stage.journey.centre,
            "version": response.survey_version,
            "contact_url": contact_offer_url(response),
        },
    )


# --- the consent step (public) ------------------------------------------------------


def _offered_response(key) -> Response | None:
    """The answer whose key opens the consent step, while the offer lasts."""
    try:
        key = key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
    except ValueError:
        return None
    since = timezone.now() - services.contact_offer_age()
    return (
        Response.objects.select_related("centre", "region")
        .filter(idempotency_key=key, submitted_at__gte=since)
        .first()
    )


def contact_offer_url(response_or_key) -> str | None:
    """The address of the consent step for a fresh answer without contact details yet.

    For the thanks page of any survey: pass the response or its idempotency key.
    """
    if isinstance(response_or_key, Response):
        response = response_or_key
        if response.submitted_at < timezone.now() - services.contact_offer_age():
            return None
    else:
        response = _offered_response(response_or_key)
    if response is None or Contact.objects.filter(response=response).exists():
        return None
    return reverse("public_contact", args=[response.idempotency_key])


class ContactForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("How may we address you?"), max_length=200, required=False
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=32, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    purpose = forms.ChoiceField(
        label=gettext_lazy("Why may the centre contact you?"),
        choices=ConsentPurpose.choices,
        initial=ConsentPurpose.REPLY,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={
            "required": gettext_lazy(
                "Tick the box to give your consent, or simply close this page."
            )
        },
    )

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except InvalidAddress as error:
            raise forms.ValidationError(error.message) from None

    def clean_email(self):
        value = self.cleaned_data["email"].strip()
        if not value:
            return ""
        try:
            return normalise_email(value)
        except InvalidAddress as error:
            raise forms.ValidationError(error.message) from None

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Enter a phone number or an e-mail address."))
        return data


@csrf_exempt
@never_cache
def contact(request, key: uuid.UUID):
    """«Would you like the centre to contact you?» — only for the citizen who just
    answered (the key of their answer is the capability), and only for a while."""
    response = _offered_response(key)
    if response is None:
        return _public_error(
            request,
            _("This page is no longer available"),
            _("Contact details can be left only soon after answering the survey."),
            404,
        )
    centre = response.centre or response.region
    if Contact.objects.filter(response=response).exists():
        return render(request, "outreach/contact.html", {"done": True, "centre": centre})
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.do_record_consent(
                response,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                purpose=data["purpose"],
                text_version=CONSENT_TEXT_VERSION,
            )
        except (services.ConsentError, InvalidAddress) as error:
            form.add_error(None, error.message)
        else:
            return redirect(request.path)
    return render(
        request,
        "outreach/contact.html",
        {"form": form, "centre": centre},
        status=400 if form.errors else 200,
    )


# --- staff ------------------------------------------------------------------------------


class InviteForm(forms.Form):
    touchpoint = forms.ModelChoiceField(
        label=gettext_lazy("Touchpoint"), queryset=Touchpoint.objects.none()
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[
            (ResponseChannel.SMS, gettext_lazy("SMS")),
            (ResponseChannel.EMAIL, gettext_lazy("E-mail")),
        ],
        initial=ResponseChannel.SMS,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=gettext_lazy("Phone or e-mail"),
        max_length=254,
        help_text=gettext_lazy(
            "Used only to send this one invitation and deleted right after sending."
        ),
    )
    interaction_at = forms.DateTimeField(
        label=gettext_lazy("Time of the interaction"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["touchpoint"]
        field.queryset = services.invitable_touchpoints(user)
        field.label_from_instance = lambda tp: f"{tp.stage.journey} — {tp.stage} — {tp}"

    def clean(self):
        data = super().clean()
        address, channel = data.get("address"), data.get("channel")
        if address and channel:
            try:
                if channel == ResponseChannel.SMS:
                    data["address"] = normalise_phone(address)
                else:
                    data["address"] = normalise_email(address)
            except InvalidAddress as error:
                self.add_error("address", error.message)
        return data


def skipped_message(reason: str) -> str:
    """Why an invitation was not created, as staff read it (web page and command line)."""
    if reason == rules.FATIGUE:
        return _(
            "Not invited: this person was already invited or answered within the last "
            "%(days)s days."
        ) % {"days": services.fatigue_days()}
    if reason == rules.WINDOW_PASSED:
        return _("Not invited: too much time has passed since the interaction.")
    return _("Not invited: the rest of the sending time falls in the quiet hours.")


@login_required
def invite(request):
    """Send a point-survey invitation by hand, e.g. after a visit or a call."""
    if services.inviter_q(request.user) is None:
        raise PermissionDenied
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = InviteForm(request.POST or None, user=request.user, initial={"interaction_at": now})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.do_invite(
                data["touchpoint"], data["channel"], data["address"], data["interaction_at"]
            )
        except (InvalidAddress, services.InvitationRefused) as error:
            form.add_error(None, error.message)
        else:
            if result.created:
                when = timezone.localtime(result.due)
                messages.success(
                    request,
                    _("The invitation is planned and will be sent from %(when)s.")
                    % {"when": formats.date_format(when, "SHORT_DATETIME_FORMAT")},
                )
            else:
                messages.warning(request, skipped_message(result.skipped))
            return redirect("outreach_invite")
    return render(
        request,
        "outreach/invite.html",
        {
            "form": form,
            "has_touchpoints": form.fields["touchpoint"].queryset.exists(),
            "fatigue_days": services.fatigue_days(),
            "quiet_hours": services.quiet_hours(),
        },
        status=400 if form.errors else 200,
    )


class ErasureForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=32, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy(
            "E.g. the number and date of the citizen's request. Do not write the contact data here."
        ),
    )

    clean_phone = ContactForm.clean_phone
    clean_email = ContactForm.clean_email

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Enter a phone number or an e-mail address."))
        return data


@login_required
def erase(request):
    """«Delete contact data on request» (F4): directors and regional administrators."""
    if not services.can_erase(request.user):
        raise PermissionDenied
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = services.do_erase_contacts(
                phone=data["phone"], email=data["email"], user=request.user, reason=data["reason"]
            )
        except (InvalidAddress, services.ConsentError) as error:
            form.add_error(None, error.message)
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s record with these contact data was deleted. The anonymous "
                        "answers are kept.",
                        "%(count)s records with these contact data were deleted. The anonymous "
                        "answers are kept.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(
                    request,
                    _(
                        "No contact data with this phone or e-mail was found in your units. "
                        "The request is recorded."
                    ),
                )
            return redirect("outreach_erase")
    erasures = ContactErasure.objects.filter(erased_by=request.user).order_by("-erased_at")[:20]
    return render(
        request,
        "outreach/erase.html",
        {"form": form, "erasures": erasures},
        status=400 if form.errors else 200,
    )
