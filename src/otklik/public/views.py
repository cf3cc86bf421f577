"""Pages for citizens: no login, no JavaScript needed, nothing from other hosts."""

import uuid

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from otklik.feedback import abuse
from otklik.feedback.choices import ResponseChannel
from otklik.feedback.notices import recent_changes
from otklik.feedback.services import do_submit_response
from otklik.feedback.surveys import answers_from
from otklik.outreach.views import contact_offer_url
from otklik.public.lookup import survey_at

# Channels a public link may name; invitations carry theirs in the signed token.
LINK_CHANNELS = {ResponseChannel.QR, ResponseChannel.KIOSK, ResponseChannel.WEB}
MAX_BODY = 64 * 1024


def _channel(value: str | None) -> str:
    return value if value in LINK_CHANNELS else ResponseChannel.WEB


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return MAX_BODY + 1


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# Citizens have no session: the idempotency key and the signed start time protect the
# form instead of a CSRF cookie, and nothing here acts on anyone's behalf.
@csrf_exempt
@never_cache
def survey(request, code: str):
    touchpoint, current = survey_at(code)  # one query: touchpoint, journey, version
    if current is None:
        raise Http404
    if request.method == "POST" and _content_length(request) > MAX_BODY:
        return _error(request, _("The answer is too long."), 413)
    channel = _channel(request.POST.get("channel") or request.GET.get("ch"))
    version, form_class = current.version, current.form_class
    if request.method == "POST":
        return _submit(request, touchpoint, version, form_class, channel)
    return _render_survey(request, touchpoint, version, form_class(), channel)


def _render_survey(request, touchpoint, version, form, channel, *, key=None, status=200):
    return render(
        request,
        "public/survey.html",
        {
            "touchpoint": touchpoint,
            "centre": touchpoint.stage.journey.centre,
            "version": version,
            "form": form,
            "channel": channel,
            "idempotency_key": key or uuid.uuid4(),
            "started": abuse.started_token(),
            "honeypot": abuse.HONEYPOT_FIELD,
            "kiosk": channel == ResponseChannel.KIOSK,
        },
        status=status,
    )


def _submit(request, touchpoint, version, form_class, channel):
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        return _error(request, _("The form is damaged. Please open the survey again."), 400)
    if abuse.rate_limited(request, touchpoint.public_code):
        return _error(
            request, _("Too many answers from here right now. Please try again in a minute."), 429
        )
    form = form_class(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"status": "invalid", "errors": form.errors}, status=400)
        return _render_survey(request, touchpoint, version, form, channel, key=key, status=400)
    seconds = abuse.fill_seconds(request.POST.get("started", ""))
    submission = do_submit_response(
        touchpoint=touchpoint,
        version=version,
        channel=channel,
        idempotency_key=key,
        answers=answers_from(form.cleaned_data, version.questions),
        fill_seconds=seconds,
        flags=abuse.suspicion(request.POST, seconds),
    )
    thanks = reverse("public_thanks", args=[touchpoint.public_code])
    thanks += "?ch=kiosk" if channel == ResponseChannel.KIOSK else f"?r={key}"
    if _wants_json(request):
        return JsonResponse(
            {
                "status": "saved" if submission.created else "duplicate",
                "id": str(key),
                "thanks": thanks,
            },
            status=201 if submission.created else 200,
        )
    return redirect(thanks)


def _error(request, message: str, status: int):
    if _wants_json(request):
        return JsonResponse({"status": "error", "message": message}, status=status)
    return render(request, "public/error.html", {"message": message}, status=status)


@never_cache
def thanks(request, code: str):
    touchpoint, current = survey_at(code)
    version = current.version if current else None
    kiosk = request.GET.get("ch") == ResponseChannel.KIOSK
    journey = touchpoint.stage.journey
    return render(
        request,
        "public/thanks.html",
        {
            "touchpoint": touchpoint,
            "centre": journey.centre,
            "changes": recent_changes(journey.centre or journey.region),
            # Kiosks are shared devices: no offer to leave contact details there.
            "contact_url": None if kiosk else contact_offer_url(request.GET.get("r", "")),
            "version": version,
            "kiosk": kiosk,
            "kiosk_reset": settings.OTKLIK_KIOSK_RESET_SECONDS,
            "survey_url": reverse("public_survey", args=[code]) + ("?ch=kiosk" if kiosk else ""),
        },
    )
