"""Staff pages for the public wall: pre-moderation, public replies (F6) and
«you said — we did» notices.

Everyone working in a unit sees its reviews; directors and regional administrators
(``MODEL_EDITORS``) publish them, decline them and reply in the centre's name. Outside the
user's units a review does not exist (404); without the role, actions are refused (403).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from otklik.feedback import notices, wall
from otklik.feedback.choices import MAX_FEEDBACK_TEXT, FeedbackChannel, Publication, RejectionReason
from otklik.feedback.models import ChangeNotice, FeedbackItem
from otklik.journeys import selectors as journey_selectors
from otklik.journeys.forms import OwnedModelForm
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

PAGE_SIZE = 25

# Why the public form flagged a review (``abuse.suspicion`` and ``do_post_review``).
FLAG_LABELS = {
    "honeypot": gettext_lazy("a hidden field was filled in: probably a bot"),
    "too_fast": gettext_lazy("sent too fast after the page opened"),
    "no_start_time": gettext_lazy("the form had no valid start time"),
    "link": gettext_lazy("contains a link or an e-mail address"),
}
HIDDEN_LABELS = {
    "number": gettext_lazy("phone or other numbers"),
    "email": gettext_lazy("e-mail addresses"),
    "link": gettext_lazy("links"),
    "account": gettext_lazy("@accounts"),
}
STATES = [
    (Publication.PENDING, gettext_lazy("Awaiting moderation")),
    (Publication.PUBLISHED, gettext_lazy("Published")),
    (Publication.REJECTED, gettext_lazy("Not published")),
]


class ApproveForm(forms.Form):
    public_text = forms.CharField(
        label=gettext_lazy("Text to publish"),
        max_length=MAX_FEEDBACK_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Phone numbers, e-mail addresses, links and @accounts are hidden automatically, "
            "also after your edits. Remove surnames and addresses by hand."
        ),
    )
    author_name = forms.CharField(
        label=gettext_lazy("Author's first name"),
        required=False,
        max_length=wall.MAX_FIRST_NAME,
        help_text=gettext_lazy("Only a first name is shown; leave empty for «Anonymous»."),
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why it is not published"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note for colleagues"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("The centre's public reply"),
        max_length=MAX_FEEDBACK_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Reply personally, to positive and negative reviews alike, and thank the author "
            "(App. 3 §7, §8, §10). The reply is shown under the review on the public wall."
        ),
    )


def _wall_items(user):
    return wall.items_for(user).filter(channel=FeedbackChannel.WALL)


@login_required
def queue(request):
    """Reviews from the public wall in the user's units, by publication state."""
    items = _wall_items(request.user)
    state = request.GET.get("state", Publication.PENDING)
    if state not in dict(STATES):
        state = Publication.PENDING
    centres = Unit.objects.filter(kind=UnitKind.CENTRE, pk__in=items.values("centre")).order_by(
        "name"
    )
    centre = request.GET.get("centre", "")
    if centre.isdigit():
        items = items.filter(centre_id=int(centre))
    counts = dict(
        items.order_by()
        .values("publication")
        .annotate(n=Count("pk"))
        .values_list("publication", "n")
    )
    # Pending reviews oldest first (they wait longest); the others newest first.
    order = ["received_at", "pk"] if state == Publication.PENDING else ["-received_at", "-pk"]
    selected = items.filter(publication=state).select_related("centre").order_by(*order)
    page = Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/moderation_list.html",
        {
            "page": page,
            "state": state,
            "states": [(value, label, counts.get(value, 0)) for value, label in STATES],
            "centres": centres,
            "centre": centre,
            "flag_labels": FLAG_LABELS,
        },
    )


def _item_context(request, item: FeedbackItem, **forms_given) -> dict:
    can_moderate = wall.can_moderate(request.user, item)
    suggestion = wall.mask_personal_data(item.public_text or item.text)
    context = {
        "item": item,
        "can_moderate": can_moderate,
        "can_reply": can_moderate and wall.can_reply_in_public(item),
        "flags": [FLAG_LABELS.get(flag, flag) for flag in item.flags],
        "hidden": _hidden_summary(suggestion.found),
        "surnames": wall.possible_surnames(suggestion.text),
        "is_pending": item.publication == Publication.PENDING,
        "is_published": item.publication == Publication.PUBLISHED,
        "is_rejected": item.publication == Publication.REJECTED,
    }
    if can_moderate:
        context["approve_form"] = forms_given.get("approve_form") or ApproveForm(
            initial={"public_text": suggestion.text, "author_name": item.author_name_public}
        )
        context["reject_form"] = forms_given.get("reject_form") or RejectForm(
            initial={"reason": item.rejection_reason or None, "note": item.moderation_note}
        )
        context["reply_form"] = forms_given.get("reply_form") or ReplyForm(
            initial={"reply": item.public_reply}
        )
    return context


def _hidden_summary(found: tuple[str, ...]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for kind in found:
        counts[kind] = counts.get(kind, 0) + 1
    return [(HIDDEN_LABELS[kind], n) for kind, n in counts.items()]


def _render_item(request, item, status=200, **forms_given):
    return render(
        request,
        "feedback/moderation_item.html",
        _item_context(request, item, **forms_given),
        status=status,
    )


@login_required
def item_detail(request, pk: int):
    item = wall.access_item(request.user, pk)
    return _render_item(request, item)


@require_POST
@login_required
def approve(request, pk: int):
    item = wall.access_item(request.user, pk, moderate=True)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, approve_form=form)
    try:
        wall.do_moderate(
            item,
            request.user,
            publish=True,
            public_text=form.cleaned_data["public_text"],
            author_name=form.cleaned_data["author_name"],
        )
    except wall.WallError as error:
        messages.error(request, str(error))
        return redirect("moderation_item", pk=item.pk)
    messages.success(request, _("The review is published on the centre's wall."))
    return redirect("moderation_item", pk=item.pk)


@require_POST
@login_required
def reject(request, pk: int):
    item = wall.access_item(request.user, pk, moderate=True)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, reject_form=form)
    try:
        wall.do_moderate(
            item,
            request.user,
            publish=False,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except wall.WallError as error:
        messages.error(request, str(error))
        return redirect("moderation_item", pk=item.pk)
    messages.success(
        request, _("The review is not published. It stays in the list of feedback to handle.")
    )
    return redirect("moderation_item", pk=item.pk)


@require_POST
@login_required
def reply(request, pk: int):
    item = wall.access_item(request.user, pk, moderate=True)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, reply_form=form)
    try:
        wall.do_reply(item, request.user, form.cleaned_data["reply"])
    except wall.WallError as error:
        messages.error(request, str(error))
        return redirect("moderation_item", pk=item.pk)
    messages.success(request, _("The reply is saved."))
    return redirect("moderation_item", pk=item.pk)


# --- «You said — we did» ----------------------------------------------------------------


class ChangeNoticeForm(OwnedModelForm):
    class Meta:
        model = ChangeNotice
        fields = ["said", "did", "done_on", "is_published"]
        widgets = {
            "said": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "did": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"is_published": gettext_lazy("Show to citizens")}
        help_texts = {
            "said": gettext_lazy("In citizens' words, without names: «It is hard to find …»."),
            "did": gettext_lazy("What changed, plainly: «Since March the hall has …»."),
            "is_published": gettext_lazy(
                "Published notices are shown on the centre's wall and after a survey."
            ),
        }

    field_order = ["owner", "said", "did", "done_on", "is_published"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        units = list(self.fields["owner"].queryset[:2])
        if not self.instance.pk and len(units) == 1:
            self.fields["owner"].initial = units[0]

    def clean_said(self):
        return _limited(self.cleaned_data["said"], 1000)

    def clean_did(self):
        return _limited(self.cleaned_data["did"], 2000)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError(_("Tell about a change once it is done."))
        return done_on


def _limited(value: str, limit: int) -> str:
    value = wall.clean_text(value)
    if not value:
        raise forms.ValidationError(_("This field is required."))
    if len(value) > limit:
        raise forms.ValidationError(_("At most %(limit)s characters, please.") % {"limit": limit})
    return value


@login_required
def change_list(request):
    items = list(
        notices.notices_for(request.user)
        .select_related("region", "centre", "created_by")
        .order_by("-done_on", "-pk")
    )
    for notice in items:
        notice.can_edit = notices.can_edit(request.user, notice)
    return render(
        request,
        "feedback/changes_list.html",
        {
            "notices": items,
            "can_create": journey_selectors.editable_units(request.user).exists(),
        },
    )


@login_required
def change_edit(request, pk: int | None = None):
    if pk is None:
        if not journey_selectors.editable_units(request.user).exists():
            raise PermissionDenied
        notice = ChangeNotice(created_by=request.user, done_on=timezone.localdate())
    else:
        notice = notices.access_notice(request.user, pk, edit=True)
    was_published = notice.is_published
    form = ChangeNoticeForm(request.POST or None, instance=notice, user=request.user)
    if request.method == "POST" and form.is_valid():
        notice = form.save(commit=False)
        if notice.is_published and not was_published:
            notice.published_at = timezone.now()
        elif not notice.is_published:
            notice.published_at = None
        notice.save()
        messages.success(request, _("The notice is saved."))
        return redirect("change_list")
    return render(
        request,
        "feedback/changes_form.html",
        {"form": form, "notice": notice},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def change_publish(request, pk: int):
    notice = notices.access_notice(request.user, pk, edit=True)
    publish = request.POST.get("publish") == "1"
    notices.do_publish_notice(notice, request.user, publish=publish)
    if publish:
        messages.success(request, _("The notice is shown to citizens."))
    else:
        messages.success(request, _("The notice is no longer shown to citizens."))
    return redirect("change_list")
