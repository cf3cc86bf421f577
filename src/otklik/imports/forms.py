from django import forms
from django.utils.translation import gettext_lazy as _

from otklik.feedback.ingest import CHOICE_FIELD, NOT_IMPORTABLE, Kind
from otklik.feedback.models import Survey
from otklik.imports.models import ImportSource
from otklik.org.roles import UnitKind

MAX_UPLOAD_MB = 200


class SourceForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("unit the data belong to"),
        queryset=None,
        help_text=_("Rows that do not name their employment centre belong to this unit."),
    )

    class Meta:
        model = ImportSource
        fields = [
            "name",
            "kind",
            "encoding",
            "delimiter",
            "date_format",
            "default_channel",
            "survey",
        ]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if self.instance.pk:
            self.fields["unit"].initial = self.instance.centre or self.instance.region
        self.fields["survey"].queryset = Survey.objects.filter(
            region__in=[u.region_id or u.pk for u in units]
        )
        channels = [("", "—")]
        for kind, (_field, choices) in CHOICE_FIELD.items():
            group = [(c, label) for c, label in choices.choices if c not in NOT_IMPORTABLE]
            channels.append((Kind(kind).label, group))
        self.fields["default_channel"] = forms.ChoiceField(
            label=_("channel or platform when a row does not say"),
            choices=channels,
            required=False,
        )
        self.order_fields(["name", "kind", "unit"])

    def clean(self):
        data = super().clean()
        kind, channel = data.get("kind"), data.get("default_channel")
        if kind and channel:
            allowed = CHOICE_FIELD.get(kind)
            if not allowed or channel not in allowed[1].values:
                self.add_error("default_channel", _("This channel does not fit the data kind."))
        if kind == Kind.PAPER_RESPONSES and not data.get("survey"):
            self.add_error("survey", _("Choose the survey of the paper questionnaires."))
        return data

    def save(self, commit=True):
        unit = self.cleaned_data["unit"]
        if unit.kind == UnitKind.REGION:
            self.instance.region, self.instance.centre = unit, None
        else:
            self.instance.region, self.instance.centre = unit.region, unit
        if self.instance.survey_id and self.instance.kind != Kind.PAPER_RESPONSES:
            self.instance.survey = None
        return super().save(commit)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("CSV in UTF-8 or Windows-1251, separated by ; or , — or an Excel workbook."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if file.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_MB}
            )
        return file


class MappingForm(forms.Form):
    """One select per field: which column of the file holds it."""

    def __init__(self, *args, fields, headers, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(h, h) for h in headers]
        self.names = {}
        for index, field in enumerate(fields):
            name = f"f{index}"
            self.names[name] = field.name
            self.fields[name] = forms.ChoiceField(
                label=field.label,
                choices=choices,
                required=bool(field.required),
                initial=initial_mapping.get(field.name, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {
            field: self.cleaned_data[name]
            for name, field in self.names.items()
            if self.cleaned_data.get(name)
        }
