from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from otklik.feedback.choices import QuestionType
from otklik.feedback.models import CES_SCALES, Question, Survey
from otklik.journeys.forms import OwnedModelForm
from otklik.org.roles import UnitKind


class SurveyForm(OwnedModelForm):
    """Title, texts and unit of a survey. Only directors and regional administrators choose
    the unit; a team lead edits the texts of a survey of their centre."""

    class Meta:
        model = Survey
        fields = ["title", "intro", "thanks", "is_active"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "thanks": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", "owner"]

    def __init__(self, *args, user, can_choose_unit: bool = True, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not can_choose_unit:
            del self.fields["owner"]
        elif not self.instance.pk:
            units = list(self.fields["owner"].queryset[:2])
            if len(units) == 1:  # a director's own centre
                self.fields["owner"].initial = units[0]

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner")
        if owner is not None and self.instance.pk:
            attached = self.instance.touchpoints.select_related("stage__journey")
            if owner.kind == UnitKind.REGION:
                outside = attached.exclude(stage__journey__region=owner)
            else:
                outside = attached.exclude(stage__journey__centre=owner)
            if outside.exists():
                self.add_error(
                    "owner",
                    _(
                        "The survey is attached to touchpoints of another unit. "
                        "Detach them first: %(names)s."
                    )
                    % {"names": ", ".join(tp.name for tp in outside[:5])},
                )
        return cleaned


class QuestionForm(forms.ModelForm):
    """One question of the working copy; the model checks the CES scale and the options."""

    scale_points = forms.TypedChoiceField(
        label=capfirst(Question._meta.get_field("scale_points").verbose_name),
        choices=[("", "—"), *((n, str(n)) for n in CES_SCALES)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=Question._meta.get_field("scale_points").help_text,
    )

    class Meta:
        model = Question
        fields = ["type", "text", "help_text", "required", "scale_points", "options"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "options": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.type == QuestionType.CES and self.instance.scale_points is None:
            self.initial.setdefault("scale_points", 5)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("type")
        if kind == QuestionType.CES and cleaned.get("scale_points") is None:
            cleaned["scale_points"] = 5
        if kind not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            cleaned["options"] = ""
        return cleaned


class AddTemplateForm(forms.Form):
    template = forms.TypedChoiceField(coerce=int, choices=[])

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(i, str(i)) for i in range(count)]


class TouchpointsForm(forms.Form):
    """The touchpoints a survey is collected at, among those the user may manage."""

    touchpoints = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Touchpoints"),
        error_messages={
            "invalid_choice": _(
                "A chosen touchpoint is not one you may attach this survey to. Nothing was changed."
            ),
            "invalid_pk_value": _("The list of touchpoints is damaged. Nothing was changed."),
        },
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["touchpoints"].queryset = queryset


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
