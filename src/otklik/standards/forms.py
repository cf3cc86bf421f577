import uuid
from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import InteractionChannel
from otklik.journeys.forms import OwnedModelForm
from otklik.org.models import Unit, User
from otklik.standards.models import Scorecard, ScorecardCategory

GOOD, BAD, PART = "1", "0", "part"


class ScorecardForm(OwnedModelForm):
    class Meta:
        model = Scorecard
        fields = ["title", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    field_order = ["title", "owner"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not self.instance.pk:
            units = list(self.fields["owner"].queryset[:2])
            if len(units) == 1:  # a director's own centre
                self.fields["owner"].initial = units[0]

    def clean(self):
        previous = (self.instance.region_id, self.instance.centre_id)
        cleaned = super().clean()
        moved = previous != (self.instance.region_id, self.instance.centre_id)
        if self.instance.pk and moved and self.instance.evaluations.exists():
            self.add_error(
                "owner",
                _(
                    "The scorecard already has evaluations, so its unit cannot change. "
                    "Create a new scorecard for the other unit."
                ),
            )
        return cleaned


class CategoryForm(forms.ModelForm):
    class Meta:
        model = ScorecardCategory
        fields = ["order", "name", "description", "weight", "critical", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "order": forms.NumberInput(attrs={"min": 0, "class": "narrow"}),
            "weight": forms.NumberInput(attrs={"min": "0.01", "step": "0.05", "class": "narrow"}),
        }

    def has_changed(self) -> bool:
        """A new row without a name is an empty row, whatever its default order and weight."""
        if not self.instance.pk and not (self.data.get(self.add_prefix("name")) or "").strip():
            return False
        return super().has_changed()


class BaseCategoryFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names, active = set(), 0
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            name = data["name"].strip().casefold()
            if name in names:
                raise forms.ValidationError(
                    _("Two categories are called «%(name)s».") % {"name": data["name"]}
                )
            names.add(name)
            active += bool(data.get("is_active"))
        if not active:
            raise forms.ValidationError(_("Give the scorecard at least one category in use."))


CategoryFormSet = inlineformset_factory(
    Scorecard,
    ScorecardCategory,
    form=CategoryForm,
    formset=BaseCategoryFormSet,
    extra=2,
    can_delete=True,
)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class TouchpointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.stage.journey.title} → {obj.stage.name} → {obj.name}"


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class EvaluationForm(forms.Form):
    """An evaluation with one scorecard: where, whom, and a score per category in use.

    A category is «хорошо (1)» or «плохо (0)» as in the seed, or partly met: a share from 0
    to 1. The service validates the units and computes the IQS.
    """

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    centre = CentreChoiceField(
        label=_("Employment centre"), queryset=Unit.objects.none(), required=False
    )
    touchpoint = TouchpointChoiceField(
        label=_("Touchpoint"), queryset=None, required=False, empty_label=_("Not tied to one")
    )
    employee = PersonChoiceField(
        label=_("Employee evaluated"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not named"),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=InteractionChannel.choices)
    evaluated_at = forms.DateTimeField(
        label=_("When the conversation took place"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("What went well and what to learn; a resource for growth, not a penalty."),
    )

    def __init__(
        self, *args, scorecard, categories, centres, touchpoints, staff, region_wide, **kwargs
    ):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("idempotency_key", uuid.uuid4())
        kwargs["initial"].setdefault(
            "evaluated_at", timezone.localtime().replace(second=0, microsecond=0)
        )
        kwargs["initial"].setdefault("channel", InteractionChannel.OFFICE)
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        self.categories = list(categories)
        self.fields["centre"].queryset = centres
        self.fields["centre"].empty_label = (
            _("No centre: the whole region") if region_wide else _("Choose the centre")
        )
        self.region_wide = region_wide
        if len(centres) == 1 and not region_wide:
            self.fields["centre"].initial = centres[0]
        self.fields["touchpoint"].queryset = touchpoints
        self.fields["employee"].queryset = staff
        for category in self.categories:
            self.fields[self.choice_name(category)] = forms.ChoiceField(
                label=category.name,
                choices=[
                    (GOOD, _("good (1)")),
                    (BAD, _("poor (0)")),
                    (PART, _("partly: a share from 0 to 1")),
                ],
                widget=forms.RadioSelect,
                help_text=category.description,
            )
            self.fields[self.fraction_name(category)] = forms.DecimalField(
                label=_("Share met"),
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(1),
                max_digits=4,
                decimal_places=3,
                widget=forms.NumberInput(attrs={"step": "0.05", "min": 0, "max": 1}),
            )

    @staticmethod
    def choice_name(category) -> str:
        return f"score_{category.pk}"

    @staticmethod
    def fraction_name(category) -> str:
        return f"fraction_{category.pk}"

    def category_rows(self):
        return [
            (category, self[self.choice_name(category)], self[self.fraction_name(category)])
            for category in self.categories
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.region_wide and not cleaned.get("centre") and not cleaned.get("touchpoint"):
            self.add_error("centre", _("Choose the centre."))
        for category in self.categories:
            choice = cleaned.get(self.choice_name(category))
            fraction = cleaned.get(self.fraction_name(category))
            if choice == PART and fraction is None:
                self.add_error(
                    self.fraction_name(category),
                    _("Give the share of «%(name)s» that was met, from 0 to 1.")
                    % {"name": category.name},
                )
        return cleaned

    def scores(self) -> dict[int, Decimal]:
        result = {}
        for category in self.categories:
            choice = self.cleaned_data.get(self.choice_name(category))
            if choice == PART:
                result[category.pk] = self.cleaned_data[self.fraction_name(category)]
            elif choice in (GOOD, BAD):
                result[category.pk] = Decimal(choice)
        return result

    def add_service_errors(self, error) -> None:
        """Put the service's ``ValidationError`` on the fields it names."""
        by_category = {f"scores.{c.pk}": self.choice_name(c) for c in self.categories}
        for name, messages in error.message_dict.items():
            target = by_category.get(name, name)
            if target not in self.fields:
                target = None
            for message in messages:
                self.add_error(target, message)


class EvaluationFilterForm(forms.Form):
    centre = CentreChoiceField(
        label=_("Centre"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All centres"),
    )
    employee = PersonChoiceField(
        label=_("Employee"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("All employees"),
    )
    scorecard = forms.ModelChoiceField(
        label=_("QA scorecard"),
        queryset=Scorecard.objects.none(),
        required=False,
        empty_label=_("All scorecards"),
    )
    date_from = forms.DateField(
        label=_("Evaluated from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Evaluated until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, centres, staff, scorecards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["employee"].queryset = staff
        self.fields["scorecard"].queryset = scorecards
