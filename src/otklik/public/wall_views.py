"""The public feedback wall of a centre (F6): published reviews, the centre's replies,
«you said — we did», and a form to leave a review. No login, no JavaScript needed."""

import uuid

from django import forms
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from otklik.feedback import abuse
from otklik.feedback.choices import MAX_FEEDBACK_TEXT
from otklik.feedback.notices import recent_changes
from otklik.feedback.wall import MAX_FIRST_NAME, do_post_review, published_reviews
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

PAGE_SIZE = 10
CHANGES_ON_WALL = 5
# A review is at most 5000 characters (up to 4 bytes each, URL-encoded): anything much
# bigger is not a review.
MAX_BODY = 64 * 1024

RATING_CHOICES = [
    ("", gettext_lazy("No rating")),
    (5, gettext_lazy("5 — excellent")),
    (4, gettext_lazy("4 — good")),
    (3, gettext_lazy("3 — fair")),
    (2, gettext_lazy("2 — poor")),
    (1, gettext_lazy("1 — very poor")),
]


class ReviewForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your review"),
        max_length=MAX_FEEDBACK_TEXT,
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 6, "maxlength": MAX_FEEDBACK_TEXT, "aria-describedby": "text-hint"}
        ),
    )
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Your rating of the centre"),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=gettext_lazy("Your first name"),
        required=False,
        max_length=MAX_FIRST_NAME,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "given-name",
                "maxlength": MAX_FIRST_NAME,
                "aria-describedby": "name-hint",
            }
        ),
    )

    def describe_errors(self) -> None:
        """Point each invalid field at its error message, for screen readers."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                hint = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"{hint} id_{name}_error".strip()


def _centre(code: str) -> Unit:
    return get_object_or_404(
        Unit.objects.select_related("region"), kind=UnitKind.CENTRE, code=code, is_active=True
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# Citizens have no session: the idempotency key and the signed start time protect the
# form instead of a CSRF cookie, and posting a review acts on nobody's behalf.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def wall(request, code: str):
    centre = _centre(code)
    if request.method == "POST":
        return _post(request, centre)
    return _render_wall(request, centre, ReviewForm(initial={"rating": ""}))


def _render_wall(request, centre, form, *, key=None, status=200):
    page = Paginator(published_reviews(centre).select_related("centre"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "public/wall.html",
        {
            "centre": centre,
            "page": page,
            "changes": recent_changes(centre, limit=CHANGES_ON_WALL),
            "form": form,
            "idempotency_key": key or uuid.uuid4(),
            "started": abuse.started_token(),
            "honeypot": abuse.HONEYPOT_FIELD,
            "max_text": MAX_FEEDBACK_TEXT,
        },
        status=status,
    )


def _too_big(request) -> bool:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return declared > MAX_BODY or len(request.body) > MAX_BODY


def _post(request, centre):
    if _too_big(request):
        return _error(request, centre, _("The review is too long."), 413)
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        return _error(request, centre, _("The form is damaged. Please open the page again."), 400)
    if abuse.rate_limited(request, f"wall:{centre.code}"):
        return _error(
            request,
            centre,
            _("Too many reviews from here right now. Please try again in a minute."),
            429,
        )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"status": "invalid", "errors": form.errors}, status=400)
        form.describe_errors()
        return _render_wall(request, centre, form, key=key, status=400)
    seconds = abuse.fill_seconds(request.POST.get("started", ""))
    posted = do_post_review(
        centre=centre,
        text=form.cleaned_data["text"],
        rating=form.cleaned_data["rating"],
        author_name=form.cleaned_data["name"],
        idempotency_key=key,
        flags=abuse.suspicion(request.POST, seconds),
    )
    sent = reverse("public_wall_sent", args=[centre.code])
    if _wants_json(request):
        return JsonResponse(
            {"status": "saved" if posted.created else "duplicate", "id": str(key), "next": sent},
            status=201 if posted.created else 200,
        )
    return redirect(sent)


def _error(request, centre, message: str, status: int):
    if _wants_json(request):
        return JsonResponse({"status": "error", "message": message}, status=status)
    return render(
        request, "public/wall_error.html", {"centre": centre, "message": message}, status=status
    )


@require_safe
@never_cache
def sent(request, code: str):
    """After posting: what happens next, and what the centre has already changed."""
    centre = _centre(code)
    return render(
        request,
        "public/wall_sent.html",
        {"centre": centre, "changes": recent_changes(centre)},
    )
