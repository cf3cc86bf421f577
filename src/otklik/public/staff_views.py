"""Staff pages for the QR codes of a journey's touchpoints: posters, ticket codes, links.

Anyone who may see the journey may print its codes (404 outside their scope, as for the
journey itself); the codes are public anyway once printed.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from otklik.feedback.choices import ResponseChannel
from otklik.feedback.services import survey_for
from otklik.journeys import selectors, services
from otklik.journeys.models import Journey, Touchpoint
from otklik.public import posters, qr

PREVIEW_SCALE = 3  # px per module on the staff page: about 120 px

# Russian letters in download names, after the transliteration of Russian passports.
TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
    }
)  # fmt: skip


def download_name(touchpoint: Touchpoint, kind: str, extension: str) -> str:
    """An ASCII file name: ``qr-<kind>-<transliterated name>-<public code>.<extension>``.

    The code keeps names of touchpoints called alike (two «Дорога до ЦЗН») apart.
    """
    words = slugify(touchpoint.name.lower().translate(TRANSLIT))[:40].strip("-")
    code = touchpoint.public_code.encode("ascii", "ignore").decode()
    return "-".join(part for part in ("qr", kind, words, code) if part) + f".{extension}"


def _touchpoint(request, pk: int, tp_id: int) -> Touchpoint:
    journey = selectors.access_journey(request.user, pk)
    return get_object_or_404(
        Touchpoint.objects.select_related("stage__journey__centre", "stage__journey__region"),
        pk=tp_id,
        stage__journey=journey,
    )


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    response.headers["Cache-Control"] = "private, max-age=0"
    return response


@require_safe
@login_required
def journey_qr(request, pk: int):
    journey = selectors.access_journey(request.user, pk)
    journey = services.journey_with_content(Journey.objects, journey.pk)
    base = qr.base_url()
    stages = []
    for stage in journey.stages.all():
        items = []
        for touchpoint in stage.touchpoints.all():
            url = qr.public_url(touchpoint, ResponseChannel.QR, base=base)
            svg = qr.qr_svg(
                url,
                scale=PREVIEW_SCALE,
                title=_("QR code: %(touchpoint)s") % {"touchpoint": touchpoint.name},
                desc=url,
                svg_id=f"qr-{touchpoint.pk}",
            )
            items.append(
                {
                    "touchpoint": touchpoint,
                    "survey": survey_for(touchpoint),
                    "qr_url": url,
                    "qr_svg": mark_safe(svg),  # noqa: S308  (qr_svg escapes every text)
                    "kiosk_url": qr.public_url(touchpoint, ResponseChannel.KIOSK, base=base),
                    "web_url": qr.public_url(touchpoint, ResponseChannel.WEB, base=base),
                }
            )
        stages.append({"stage": stage, "touchpoints": items})
    return render(
        request,
        "public/staff/journey_qr.html",
        {
            "journey": journey,
            "stages": stages,
            "has_touchpoints": any(group["touchpoints"] for group in stages),
            "base_url": base,
            "base_is_default": base == qr.DEFAULT_BASE_URL,
        },
    )


@require_safe
@login_required
def poster(request, pk: int, tp_id: int):
    touchpoint = _touchpoint(request, pk, tp_id)
    return _download(
        posters.poster_pdf(touchpoint),
        "application/pdf",
        download_name(touchpoint, "poster", "pdf"),
    )


@require_safe
@login_required
def ticket(request, pk: int, tp_id: int):
    touchpoint = _touchpoint(request, pk, tp_id)
    return _download(
        posters.ticket_svg(touchpoint),
        "image/svg+xml; charset=utf-8",
        download_name(touchpoint, "ticket", "svg"),
    )
