from django import forms
from django.utils.translation import gettext_lazy as _

from otklik.dashboards.monitoring import TREND_CODES
from otklik.feedback.choices import InteractionChannel, ResponseChannel
from otklik.journeys.models import ClientGroup, Segment
from otklik.metrics import display


class DashboardFilters(forms.Form):
    """What a dashboard shows: the period and the slice (client group, segment, channel)."""

    granularity = forms.ChoiceField(
        label=_("Period"),
        choices=[("week", _("Week")), ("month", _("Month"))],
        required=False,
    )
    day = forms.DateField(label=_("Containing the day"), required=False)
    client_group = forms.ModelChoiceField(
        label=_("Client group"),
        queryset=ClientGroup.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    segment = forms.ModelChoiceField(
        label=_("Segment"),
        queryset=Segment.objects.select_related("client_group"),
        required=False,
        empty_label=_("All"),
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    metric = forms.ChoiceField(label=_("Trend of"), required=False)
    weeks = forms.TypedChoiceField(
        label=_("Trend over"),
        choices=[(12, _("12 weeks")), (26, _("26 weeks"))],
        coerce=int,
        required=False,
        empty_value=12,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            ("", _("All")),
            (_("Survey answers"), list(ResponseChannel.choices)),
            (
                _("Interactions"),
                [c for c in InteractionChannel.choices if c[0] != ResponseChannel.EMAIL],
            ),
        ]
        self.fields["metric"].choices = [(code, display.metric_name(code)) for code in TREND_CODES]
