"""Staff pages of the feedback inbox (F5, F6, D5): the list with filters and bulk actions,
an item with its replies and history, exports, and reply templates.

Everyone working in an item's unit reads it; all but analysts handle it (see ``inbox``).
Outside the user's units an item does not exist (404).
"""

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from otklik.feedback import exports, inbox
from otklik.feedback.choices import MAX_FEEDBACK_TEXT, FeedbackChannel, FeedbackStatus
from otklik.feedback.models import FeedbackItem, ReplyTemplate
from otklik.journeys.audit_display import field_changes
from otklik.journeys.forms import OwnedModelForm
from otklik.journeys.models import Touchpoint
from otklik.org.models import Unit, User

PAGE_SIZE = 25
HISTORY_FIELDS = {"status", "touchpoint", "assigned_to", "closing_note", "public_reply"}


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _user_label(obj)


class TouchpointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.stage.journey.title} → {obj.stage.name} → {obj.name}"


# --- Forms ------------------------------------------------------------------------------


class FilterForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=gettext_lazy("Centre"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("All centres"),
    )
    journey = forms.ModelChoiceField(
        label=gettext_lazy("Client journey"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("All journeys"),
    )
    touchpoint = TouchpointChoiceField(
        label=gettext_lazy("Touchpoint"),
        queryset=Touchpoint.objects.none(),
        required=False,
        empty_label=gettext_lazy("All touchpoints"),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[("", gettext_lazy("All channels")), *FeedbackChannel.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Any status")), *FeedbackStatus.choices],
        required=False,
    )
    rating = forms.ChoiceField(
        label=gettext_lazy("Rating"),
        choices=[
            ("", gettext_lazy("Any rating")),
            *[(str(n), str(n)) for n in range(1, 6)],
            ("0", gettext_lazy("No rating")),
        ],
        required=False,
    )
    date_from = forms.DateField(
        label=gettext_lazy("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Received until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = forms.CharField(label=gettext_lazy("Text contains"), required=False, max_length=100)
    mine = forms.BooleanField(label=gettext_lazy("Assigned to me"), required=False)
    unlinked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = inbox.centres_of_items(user)
        self.fields["journey"].queryset = inbox.journeys_of_items(user)
        self.fields["touchpoint"].queryset = inbox.touchpoints_of_items(user)

    def filters(self) -> inbox.Filters:
        if not self.is_valid():
            return inbox.Filters(centre=-1)  # a broken filter shows nothing, never everything
        data = self.cleaned_data
        rating = data.get("rating")
        return inbox.Filters(
            centre=data["centre"].pk if data.get("centre") else None,
            journey=data["journey"].pk if data.get("journey") else None,
            touchpoint=data["touchpoint"].pk if data.get("touchpoint") else None,
            channel=data.get("channel") or "",
            status=data.get("status") or "",
            rating=int(rating) if rating not in (None, "") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unlinked=bool(data.get("unlinked")),
            mine=bool(data.get("mine")),
            query=(data.get("q") or "").strip(),
        )


class LinkForm(forms.Form):
    touchpoint = TouchpointChoiceField(
        label=gettext_lazy("Touchpoint"),
        queryset=Touchpoint.objects.none(),
        empty_label=gettext_lazy("Choose a touchpoint"),
    )

    def __init__(self, *args, user, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["touchpoint"].queryset = inbox.linkable_touchpoints(user, item)


class AssignForm(forms.Form):
    assignee = UserChoiceField(
        label=gettext_lazy("Handled by"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Nobody"),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = inbox.assignable_staff(item)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FeedbackStatus.choices)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=inbox.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed to close an item without a reply: say why."),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Personal reply to the author"),
        max_length=MAX_FEEDBACK_TEXT,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy(
            "Reply to positive and negative feedback alike, personally, and thank the author "
            "(App. 3 §7, §8, §10). If the author left an e-mail address with consent, the "
            "reply is sent there; otherwise record here what you answered by phone or letter."
        ),
    )


class PublicReplyForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("The centre's public reply"),
        max_length=MAX_FEEDBACK_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Shown under the review where it was published. If you solved the problem "
            "privately, say so here: everyone sees that the centre reacts (App. 3 §10)."
        ),
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("With the selected"),
        choices=[
            ("", gettext_lazy("Choose an action")),
            ("assign_me", gettext_lazy("Assign to me")),
            ("in_work", gettext_lazy("Take into work")),
            ("thank", gettext_lazy("Thank the authors")),
            ("close", gettext_lazy("Close")),
            ("link", gettext_lazy("Link to the touchpoint")),
        ],
    )
    touchpoint = forms.IntegerField(required=False)


class RegisterForm(forms.Form):
    centre = forms.ModelChoiceField(label=gettext_lazy("Centre"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[c for c in FeedbackChannel.choices if c[0] != FeedbackChannel.WALL],
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=MAX_FEEDBACK_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        choices=[("", "—"), *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    author_name = forms.CharField(
        label=gettext_lazy("Author's first name"), required=False, max_length=40
    )
    consent = forms.BooleanField(
        label=gettext_lazy("The author agreed that the centre keeps their contact to reply"),
        required=False,
    )
    contact_name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=32)
    email = forms.CharField(label=gettext_lazy("E-mail"), required=False, max_length=254)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = [
            c
            for c in Unit.objects.filter(kind="centre", is_active=True).order_by("name")
            if inbox.can_work(user, FeedbackItem(region_id=c.region_id, centre_id=c.pk))
        ]
        self.fields["centre"].queryset = Unit.objects.filter(pk__in=[c.pk for c in centres])
        if len(centres) == 1:
            self.fields["centre"].initial = centres[0]


class ReplyTemplateForm(OwnedModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["title", "text", "is_thanks"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    field_order = ["owner", "title", "text", "is_thanks"]


# --- The list ---------------------------------------------------------------------------


def _filter_form(request) -> FilterForm:
    return FilterForm(request.GET or None, user=request.user)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def inbox_list(request):
    form = _filter_form(request)
    filters = form.filters() if request.GET else inbox.Filters()
    items = inbox.inbox(request.user, filters)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    unlinked_count = inbox.inbox(request.user, inbox.Filters(unlinked=True)).count()
    tabs_query = _query_without(request, "page", "unlinked")
    return render(
        request,
        "feedback/inbox_list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "unlinked_count": unlinked_count,
            "query": _query_without(request, "page"),
            "tabs_query": tabs_query,
            "bulk_form": BulkForm(),
            "touchpoints": inbox.touchpoints_of_items(request.user) if filters.unlinked else [],
            "can_work_any": any(inbox.can_work(request.user, item) for item in page),
            "can_register": bool(RegisterForm(user=request.user).fields["centre"].queryset),
            "can_manage_templates": inbox.can_manage_templates(request.user),
            "next": request.get_full_path(),
        },
    )


def _export_filters(request) -> inbox.Filters:
    return _filter_form(request).filters() if request.GET else inbox.Filters()


@login_required
def inbox_export(request, fmt: str):
    items = inbox.inbox(request.user, _export_filters(request))
    name = f"feedback-{timezone.localdate():%Y-%m-%d}"
    if fmt == "xlsx":
        return exports.xlsx_response(items, name)
    return exports.csv_response(items, name)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return fallback


@require_POST
@login_required
def inbox_bulk(request):
    fallback = reverse("inbox_list")
    back = _safe_next(request, fallback)
    form = BulkForm(request.POST)
    pks = [int(pk) for pk in request.POST.getlist("items") if pk.isdigit()]
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect(back)
    if not pks:
        messages.error(request, _("Select the items first."))
        return redirect(back)
    touchpoint = None
    if form.cleaned_data["action"] == "link":
        touchpoint = Touchpoint.objects.filter(pk=form.cleaned_data.get("touchpoint") or 0).first()
    try:
        result = inbox.do_bulk(
            form.cleaned_data["action"], pks, request.user, touchpoint=touchpoint
        )
    except inbox.InboxError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("Done: %(count)s.") % {"count": result.done})
    for item, reason in result.skipped[:10]:
        messages.warning(
            request,
            _("Item %(number)s is skipped: %(reason)s") % {"number": item.pk, "reason": reason},
        )
    return redirect(back)


# --- An item ----------------------------------------------------------------------------


def _history(item: FeedbackItem) -> list[dict]:
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(FeedbackItem), object_id=item.pk
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:50]
    )
    history = []
    for entry in entries:
        names = set((entry.changes_dict or {}).keys()) & HISTORY_FIELDS
        if not names:
            continue
        labels = _history_labels()
        shown = [c for c in field_changes(entry) if c.label in labels and c.old != c.new]
        if shown:
            history.append({"entry": entry, "changes": shown})
    return history


def _history_labels() -> set[str]:
    return {str(FeedbackItem._meta.get_field(name).verbose_name) for name in HISTORY_FIELDS}


def _item_context(request, item: FeedbackItem, **given) -> dict:
    user = request.user
    can_work = inbox.can_work(user, item)
    templates = list(inbox.templates_for_item(item))
    reply_initial = {}
    chosen = request.GET.get("template", "")
    if chosen.isdigit():
        template = next((t for t in templates if t.pk == int(chosen)), None)
        if template is not None:
            reply_initial["text"] = template.text
    context = {
        "item": item,
        "can_work": can_work,
        "can_reply_in_public": can_work and inbox.can_reply_in_public(user, item),
        "replies": list(item.replies.select_related("sent_by").order_by("sent_at", "pk")),
        "history": _history(item),
        "templates": templates,
        "chosen_template": chosen,
        "emailable": inbox._emailable(item.contact),
        "statuses": FeedbackStatus.choices,
    }
    if can_work:
        context |= {
            "link_form": given.get("link_form")
            or LinkForm(user=user, item=item, initial={"touchpoint": item.touchpoint_id}),
            "assign_form": given.get("assign_form")
            or AssignForm(item=item, initial={"assignee": item.assigned_to_id}),
            "status_form": given.get("status_form")
            or StatusForm(initial={"status": item.status, "note": item.closing_note}),
            "reply_form": given.get("reply_form") or ReplyForm(initial=reply_initial),
            "public_form": given.get("public_form")
            or PublicReplyForm(initial={"reply": item.public_reply}),
        }
    return context


def _render_item(request, item, status=200, **given):
    return render(
        request, "feedback/inbox_item.html", _item_context(request, item, **given), status=status
    )


@login_required
def inbox_item(request, pk: int):
    item = inbox.access_item(request.user, pk)
    return _render_item(request, item)


def _done(request, item, message: str):
    messages.success(request, message)
    return redirect("inbox_item", pk=item.pk)


def _failed(request, item, error: Exception):
    messages.error(request, str(error))
    return redirect("inbox_item", pk=item.pk)


@require_POST
@login_required
def inbox_link(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    form = LinkForm(request.POST, user=request.user, item=item)
    if not form.is_valid():
        return _render_item(request, item, status=400, link_form=form)
    try:
        inbox.do_link_touchpoint(item, form.cleaned_data["touchpoint"], request.user)
    except inbox.InboxError as error:
        return _failed(request, item, error)
    return _done(request, item, _("The item is linked to the touchpoint."))


@require_POST
@login_required
def inbox_assign(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    form = AssignForm(request.POST, item=item)
    if not form.is_valid():
        return _render_item(request, item, status=400, assign_form=form)
    try:
        inbox.do_assign(item, form.cleaned_data["assignee"], request.user)
    except inbox.InboxError as error:
        return _failed(request, item, error)
    return _done(request, item, _("The item is assigned."))


@require_POST
@login_required
def inbox_status(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, status_form=form)
    try:
        inbox.do_change_status(
            item, form.cleaned_data["status"], request.user, note=form.cleaned_data["note"]
        )
    except inbox.InboxError as error:
        return _failed(request, item, error)
    return _done(request, item, _("The status is changed."))


@require_POST
@login_required
def inbox_reply(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, reply_form=form)
    try:
        reply = inbox.do_reply_personally(item, request.user, form.cleaned_data["text"])
    except inbox.InboxError as error:
        return _failed(request, item, error)
    if reply.emailed:
        return _done(request, item, _("The reply is saved and sent to the author by e-mail."))
    return _done(request, item, _("The reply is saved."))


@require_POST
@login_required
def inbox_thank(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    try:
        inbox.do_thank(item, request.user)
    except inbox.InboxError as error:
        return _failed(request, item, error)
    return _done(request, item, _("The author is thanked."))


@require_POST
@login_required
def inbox_public_reply(request, pk: int):
    item = inbox.access_item(request.user, pk, work=True)
    if not inbox.can_reply_in_public(request.user, item):
        raise PermissionDenied
    form = PublicReplyForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, status=400, public_form=form)
    try:
        inbox.do_reply_in_public(item, request.user, form.cleaned_data["reply"])
    except inbox.InboxError as error:
        return _failed(request, item, error)
    return _done(request, item, _("The public reply is saved."))


@login_required
def inbox_register(request):
    form = RegisterForm(request.POST or None, user=request.user)
    if not form.fields["centre"].queryset.exists():
        raise PermissionDenied
    if request.method == "GET":
        form.initial.setdefault("received_at", timezone.localtime().replace(second=0))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = inbox.do_register_item(
                user=request.user,
                centre=data["centre"],
                channel=data["channel"],
                text=data["text"],
                received_at=data["received_at"],
                rating=data["rating"],
                author_name=data["author_name"],
                contact_name=data["contact_name"],
                phone=data["phone"],
                email=data["email"],
                consent=data["consent"],
            )
        except inbox.InboxError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item is registered."))
            return redirect("inbox_item", pk=item.pk)
    return render(
        request,
        "feedback/inbox_register.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Reply templates --------------------------------------------------------------------


@login_required
def template_list(request):
    templates = list(inbox.templates_for(request.user).order_by("-is_thanks", "title", "pk"))
    from otklik.org import access

    scope = access.scope_for(request.user)
    for template in templates:
        template.can_edit = access.can_edit_model(scope, template)
    return render(
        request,
        "feedback/inbox_templates.html",
        {"templates": templates, "can_create": inbox.can_manage_templates(request.user)},
    )


@login_required
def template_edit(request, pk: int | None = None):
    if pk is None:
        if not inbox.can_manage_templates(request.user):
            raise PermissionDenied
        template = ReplyTemplate()
    else:
        template = inbox.access_template(request.user, pk, edit=True)
    form = ReplyTemplateForm(request.POST or None, instance=template, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The template is saved."))
        return redirect("reply_template_list")
    return render(
        request,
        "feedback/inbox_template_form.html",
        {"form": form, "template": template},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def template_delete(request, pk: int):
    template = inbox.access_template(request.user, pk, edit=True)
    template.delete()
    messages.success(request, _("The template is deleted."))
    return redirect("reply_template_list")
