from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from otklik.journeys import selectors
from otklik.journeys.choices import Channel
from otklik.journeys.models import (
    ClientKPI,
    CorridorOverride,
    Journey,
    KPIMetric,
    Persona,
    Segment,
    Stage,
    Touchpoint,
)
from otklik.metrics.models import Metric
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})
MULTI_ITEM_HELP = _("One item per line.")


class OwnerUnitField(forms.ModelChoiceField):
    """The unit an object belongs to: a whole region or one of its centres."""

    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class OwnedModelForm(forms.ModelForm):
    """A form for a region- or centre-owned object; the unit is limited to the user's."""

    owner = OwnerUnitField(queryset=Unit.objects.none(), label=_("Unit"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.editable_units(user)
        if self.instance.pk:
            self.fields["owner"].initial = self.instance.owner_unit

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner")
        if owner is not None:
            if owner.kind == UnitKind.REGION:
                self.instance.region, self.instance.centre = owner, None
            else:
                self.instance.region, self.instance.centre = owner.region, owner
        return cleaned

    def _check_segment(self, cleaned):
        segment, group = cleaned.get("segment"), cleaned.get("client_group")
        if segment and group and segment.client_group_id != group.pk:
            self.add_error("segment", _("The segment belongs to another client group."))


class JourneyForm(OwnedModelForm):
    class Meta:
        model = Journey
        fields = [
            "title",
            "description",
            "service",
            "client_group",
            "segment",
            "persona",
            "split_basis",
            "status",
            "team_lead",
            "team",
        ]
        widgets = {"description": TEXTAREA, "team": forms.CheckboxSelectMultiple}

    field_order = ["title", "owner"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["persona"].queryset = selectors.personas_for(user)
        staff = selectors.staff_of_regions(selectors.kpi_regions(user))
        self.fields["team_lead"].queryset = staff
        self.fields["team"].queryset = staff

    def clean(self):
        cleaned = super().clean()
        self._check_segment(cleaned)
        return cleaned


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "citizen_goal", "citizen_thoughts", "centre_goal", "note"]
        widgets = {f: TEXTAREA for f in ["citizen_goal", "citizen_thoughts", "centre_goal", "note"]}
        help_texts = {"citizen_thoughts": MULTI_ITEM_HELP, "centre_goal": MULTI_ITEM_HELP}


class TouchpointHeaderForm(forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = ["name", "channel", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


def metric_choices() -> list[tuple[int, str]]:
    return [(metric.pk, metric.label) for metric in Metric.objects.all()]


class TouchpointMetricsForm(forms.ModelForm):
    """The metrics cell. Choices come in from outside so that a map with many touchpoints
    reads the catalogue once, not once per cell."""

    metrics = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label=_("Metrics")
    )

    class Meta:
        model = Touchpoint
        fields = ["measurement_methods"]
        widgets = {"measurement_methods": TEXTAREA}
        help_texts = {"measurement_methods": MULTI_ITEM_HELP}

    def __init__(self, *args, choices: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metrics"].choices = choices if choices is not None else metric_choices()
        self.order_fields(["metrics", "measurement_methods"])
        if self.instance.pk and "metrics" not in self.initial:
            self.initial["metrics"] = [metric.pk for metric in self.instance.metrics.all()]

    def save(self, commit: bool = True) -> Touchpoint:
        touchpoint = super().save(commit=commit)
        touchpoint.metrics.set(self.cleaned_data["metrics"])
        return touchpoint


TOUCHPOINT_TEXT_FIELDS = (
    "citizen_thoughts",
    "centre_goal",
    "barriers",
    "owners",
    "tools",
    "improvement_tools",
)


def cell_form_class(kind: str, field: str) -> type[forms.ModelForm] | None:
    """The form that edits one cell of the map, or None for a cell that is not editable."""
    if kind == "stage" and field == "header":
        return StageForm
    if kind == "stage" and field in {"citizen_goal", "citizen_thoughts", "centre_goal"}:
        return forms.modelform_factory(Stage, fields=[field], widgets={field: TEXTAREA})
    if kind == "touchpoint" and field == "header":
        return TouchpointHeaderForm
    if kind == "touchpoint" and field == "metrics":
        return TouchpointMetricsForm
    if kind == "touchpoint" and field in TOUCHPOINT_TEXT_FIELDS:
        return forms.modelform_factory(
            Touchpoint,
            fields=[field],
            widgets={field: TEXTAREA},
            help_texts={field: MULTI_ITEM_HELP},
        )
    return None


class AddStageForm(forms.Form):
    name = forms.CharField(label=_("Name of the new stage"), max_length=300)


class AddTouchpointForm(forms.Form):
    name = forms.CharField(label=_("Name of the new touchpoint"), max_length=300)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)


class PublishForm(forms.Form):
    comment = forms.CharField(
        label=_("What changed and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonaForm(OwnedModelForm):
    preferred_channels = forms.MultipleChoiceField(
        label=_("Preferred channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Persona
        fields = [
            "name",
            "client_group",
            "segment",
            "age_from",
            "age_to",
            "family_status",
            "education",
            "home_region",
            "preferred_channels",
            "channel_notes",
            "goal",
            "values",
            "desires",
            "pains",
            "kpis",
        ]
        widgets = {f: TEXTAREA for f in ["channel_notes", "goal", "values", "desires", "pains"]} | {
            "kpis": forms.CheckboxSelectMultiple
        }
        help_texts = {f: MULTI_ITEM_HELP for f in ["values", "desires", "pains"]}

    field_order = ["name", "owner"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kpis"].queryset = selectors.kpis_for(user).filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        self._check_segment(cleaned)
        return cleaned


class ClientKPIForm(forms.ModelForm):
    class Meta:
        model = ClientKPI
        fields = [
            "client_group",
            "segment",
            "category",
            "name",
            "description",
            "is_active",
            "order",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, region: Unit | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.region = region if not self.instance.pk else self.instance.region
        self.fields["segment"].queryset = Segment.objects.select_related("client_group")

    def clean(self):
        cleaned = super().clean()
        segment, group = cleaned.get("segment"), cleaned.get("client_group")
        if segment and group and segment.client_group_id != group.pk:
            self.add_error("segment", _("The segment belongs to another client group."))
        return cleaned


KPIMetricFormSet = inlineformset_factory(
    ClientKPI,
    KPIMetric,
    fields=["metric", "target_low", "target_high", "amber_margin"],
    extra=1,
    can_delete=True,
)


class CorridorOverrideForm(forms.ModelForm):
    class Meta:
        model = CorridorOverride
        fields = ["target_low", "target_high", "amber_margin"]
