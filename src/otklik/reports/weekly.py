"""The weekly CX report (§2.3.9, SPEC D3) of a centre or of a journey, as plain data.

Every number comes from the metrics engine (:mod:`otklik.metrics.queries`,
:mod:`otklik.metrics.status`) for the report's slice and ISO week; changes are against
the week before and against the 8 weeks before it (the drop baseline, X12). The most
frequent negative comments are free-text answers of low-score responses and the negative
feedback items of the week, grouped by text in the database, with personal numbers,
e-mail addresses and links masked.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from otklik.feedback.choices import FeedbackChannel, QuestionType, ResponseStatus
from otklik.feedback.models import Answer, FeedbackItem, Response
from otklik.feedback.wall import mask_personal_data
from otklik.journeys.models import Journey, Touchpoint
from otklik.metrics import display, status
from otklik.metrics.catalogue import METRICS
from otklik.metrics.queries import VOLUMES, metric_series, metric_table, metric_values
from otklik.metrics.rollups import day_start
from otklik.metrics.slices import Granularity, Period, Slice, baseline
from otklik.org.models import Unit
from otklik.reports import cells, charts, texts
from otklik.reports.document import Column, Report, Section

CODES = [code for code, _name, _unit, _higher in METRICS]
SURVEY_CODES = ["NPS", "CES", "CSAT"]
WORST_LIMIT = 5
COMMENT_LIMIT = 10
COMMENT_CHARS = 400
BASELINE_WEEKS = 8  # metrics.slices.baseline's default
TREND_WEEKS = 8  # weeks before the report's week shown in the trend


def report_slice(centre: Unit, journey: Journey | None) -> Slice:
    if journey is not None:
        return Slice(journey=journey.pk)
    return Slice(centre=centre.pk)


def build_weekly(unit: Unit, journey: Journey | None, week: Period, now=None) -> Report:
    """The report of ``unit`` (a centre; a region for a region-wide journey) or of one of
    its journeys for the ISO week ``week``."""
    slice_ = report_slice(unit, journey)
    region_id = unit.region_id or unit.pk
    now_values = metric_values(slice_, week)
    last_week = metric_values(slice_, week.previous())
    base = metric_values(slice_, baseline(week))

    headline, unit_drops = _headline(now_values, last_week, base)
    tp_now = metric_table(slice_, week, "touchpoint")
    tp_base = metric_table(slice_, baseline(week), "touchpoint")
    tp_drops = {
        key: {
            code: check
            for code, v in values.items()
            if (b := tp_base.get(key, {}).get(code)) is not None
            and (check := status.drop_check(v, b)) is not None
            and check.is_drop
        }
        for key, values in tp_now.items()
    }
    touchpoints = {
        tp.pk: tp
        for tp in Touchpoint.objects.filter(pk__in=list(tp_now)).select_related("stage__journey")
    }
    sections = [
        headline,
        _kpis(slice_, week, region_id, journey),
        _worst(tp_now, tp_drops, touchpoints, journey),
        _drops(unit_drops, now_values, base, tp_now, tp_base, tp_drops, touchpoints, journey),
        _comments(slice_, week, journey),
        _trend(slice_, week),
    ]
    sections = [section for section in sections if section is not None]
    # Open incidents and decisions join here as sections when those capabilities exist.
    subject = texts.quoted(journey.title) if journey else unit.name
    responses = now_values["NPS"].n
    facts = [(_("Employment centre") if unit.kind == "centre" else _("Region"), unit.name)]
    if journey is not None:
        facts.append((_("Client journey"), texts.quoted(journey.title)))
        if journey.team_lead_id:
            facts.append((_("Team lead"), str(journey.team_lead)))
    facts += [
        (_("Week"), texts.week_label(week)),
        (_("Answers to the NPS question"), cells.count(responses).text),
        (_("Compared with"), _("the week before and the 8 weeks before (the baseline)")),
    ]
    return Report(
        kind="weekly",
        title=_("Weekly client experience report"),
        subject=subject,
        unit=unit.name,
        period=texts.week_label(week),
        period_short=texts.week_code(week),
        header=texts.day_range(week),
        generated=texts.moment(now or timezone.now()),
        facts=facts,
        sections=sections,
    )


def _headline(now_values, last_week, base) -> tuple[Section, dict]:
    section = Section(
        key="headline",
        title=_("Metrics of the week"),
        sheet=_("Metrics"),
        columns=[
            Column(_("Metric")),
            Column(_("Value"), True),
            Column(_("Answers or cases"), True),
            Column(_("Against the week before"), True),
            Column(_("Against the baseline"), True),
            Column(_("Trend")),
            Column(_("Drop alert")),
        ],
    )
    drops, without = {}, []
    for code in CODES:
        v = now_values[code]
        if not v.applicable:
            continue
        if v.n == 0 and base[code].n == 0 and (code not in VOLUMES or not v.value):
            without.append(display.metric_name(code))
            continue
        week_cell, _change = cells.delta(v, last_week[code])
        base_cell, base_change = cells.delta(v, base[code], weeks=BASELINE_WEEKS)
        check = status.drop_check(v, base[code])
        drop = display.drop_text(check, code)
        if drop:
            drops[code] = check
        section.rows.append(
            [
                cells.text(display.metric_name(code)),
                cells.value(v),
                cells.count(v.n),
                week_cell,
                base_cell,
                cells.trend(code, base_change),
                cells.text(_("yes, see below"), "red") if drop else cells.text(_("no")),
            ]
        )
    notes = [
        _(
            "Changes are against the week before and against the 8 weeks before it; volumes "
            "(CV-1, CV-2) against the baseline's weekly average."
        )
    ]
    if without:
        notes.append(_("No data this week: %(names)s.") % {"names": ", ".join(without)})
    section.note = " ".join(notes)
    section.empty_text = _("No answers and no cases this week.")
    return section, drops


def _corridor(code: str, low, high) -> str:
    """«+40 … +100», «не ниже 80 %»: one unbreakable piece."""

    def n(value) -> str:
        return display.number(code, value).replace(" ", texts.NBSP)

    if low is not None and high is not None:
        return f"{n(low)}{texts.NBSP}…{texts.NBSP}{n(high)}"
    if low is not None:
        return _("at least %(n)s") % {"n": n(low)}
    if high is not None:
        return _("at most %(n)s") % {"n": n(high)}
    return "—"


def _kpis(slice_, week, region_id, journey) -> Section:
    section = Section(
        key="kpis",
        title=_("Client KPIs against their target corridors"),
        sheet=_("KPIs"),
        columns=[
            Column(_("Client KPI")),
            Column(_("Metric")),
            Column(_("Value"), True),
            Column(_("Answers or cases"), True),
            Column(_("Target corridor"), True),
            Column(_("Status")),
        ],
        empty_text=_("No client KPIs are bound to metrics yet."),
    )
    without = 0
    for s in status.kpi_statuses(slice_, week, region_id):
        if journey is not None and s.kpi.client_group_id != journey.client_group_id:
            continue
        if not s.value.applicable:
            continue
        if s.value.n == 0:
            without += 1
            continue
        section.rows.append(
            [
                cells.text(s.kpi.name),
                cells.text(display.metric_name(s.code)),
                cells.value(s.value),
                cells.count(s.value.n),
                cells.own(_corridor(s.code, s.bounds.low, s.bounds.high)),
                cells.status(s.status),
            ]
        )
    if without:
        section.note = ngettext(
            "%(n)s more KPI metric has no data this week.",
            "%(n)s more KPI metrics have no data this week.",
            without,
        ) % {"n": without}
    return section


def _where(tp: Touchpoint | None, journey: Journey | None) -> str:
    if tp is None:
        return _("Touchpoint deleted")
    if journey is None:
        return f"{tp.name} ({tp.stage.journey.title})"
    return f"{tp.name} ({tp.stage.name})"


def _worst(tp_now, tp_drops, touchpoints, journey) -> Section:
    section = Section(
        key="worst",
        title=_("Touchpoints that need attention"),
        sheet=_("Touchpoints"),
        columns=[
            Column(_("Touchpoint")),
            *(Column(code, True) for code in SURVEY_CODES),
            Column(_("Number of answers"), True),
            Column(_("Drop alerts")),
        ],
        note=_(
            "Touchpoints with significant drops first, then the lowest NPS among those "
            "with enough answers."
        ),
        empty_text=_("No touchpoint has enough answers this week."),
    )

    def rank(key):
        values = tp_now[key]
        nps = values["NPS"]
        csat = values["CSAT"]
        return (
            -len(tp_drops.get(key, {})),
            nps.value if nps.enough else float("inf"),
            csat.value if csat.enough else float("inf"),
        )

    candidates = [
        key
        for key, values in tp_now.items()
        if tp_drops.get(key) or any(values[c].enough for c in SURVEY_CODES)
    ]
    if not candidates:
        section.note = ""  # nothing ranked: the order needs no explaining
    for key in sorted(candidates, key=rank)[:WORST_LIMIT]:
        values = tp_now[key]
        drops = ", ".join(display.metric_name(code) for code in tp_drops.get(key, {}))
        section.rows.append(
            [
                cells.text(_where(touchpoints.get(key), journey)),
                *(cells.value(values[code]) for code in SURVEY_CODES),
                cells.count(values["NPS"].n),
                cells.text(drops, "red") if drops else cells.text(_("no")),
            ]
        )
    return section


def _drops(unit_drops, now_values, base, tp_now, tp_base, tp_drops, touchpoints, journey):
    section = Section(
        key="drops",
        title=_("Drop alerts"),
        sheet=_("Drops"),
        columns=[
            Column(_("Where")),
            Column(_("Metric")),
            Column(_("This week"), True),
            Column(_("Baseline (8 weeks)"), True),
            Column(_("Drop with its 95 percent confidence interval")),
        ],
        note=_(
            "A drop is reported when the week is significantly worse than the 8 weeks "
            "before it (one-sided test, at least the minimum sample)."
        ),
        empty_text=_("No significant drops this week."),
    )
    whole = _("Whole journey") if journey else _("Whole centre")
    for code, check in unit_drops.items():
        section.rows.append(
            [
                cells.text(whole),
                cells.text(display.metric_name(code)),
                cells.value(now_values[code]),
                cells.value(base[code]),
                cells.own(display.drop_text(check, code), "red"),
            ]
        )
    for key, checks in tp_drops.items():
        for code, check in checks.items():
            section.rows.append(
                [
                    cells.text(_where(touchpoints.get(key), journey)),
                    cells.text(display.metric_name(code)),
                    cells.value(tp_now[key][code]),
                    cells.value(tp_base[key][code]),
                    cells.own(display.drop_text(check, code), "red"),
                ]
            )
    return section


def _low_score() -> Exists:
    """A response with an NPS detractor's score, a CSAT below expectations, a rating of
    1–2 or a CES answer on the hard side of the scale."""
    hard = Answer.objects.annotate(doubled=F("score") * 2).filter(
        response=OuterRef("pk"), type=QuestionType.CES, doubled__lt=F("scale_points") + 1
    )
    low = Answer.objects.filter(response=OuterRef("pk")).filter(
        Q(type=QuestionType.NPS, score__lte=6)
        | Q(type=QuestionType.CSAT, score__lte=2)
        | Q(type=QuestionType.RATING, score__lte=2)
    )
    return Exists(low) | Exists(hard)


def _clean_comment(text: str) -> str:
    text = mask_personal_data(" ".join(text.split())).text
    if len(text) > COMMENT_CHARS:
        text = text[: COMMENT_CHARS - 1].rstrip() + "…"
    return text


def negative_comments(slice_: Slice, week: Period, limit: int = COMMENT_LIMIT) -> list[dict]:
    """The most frequent negative texts of the week, grouped and counted in the database."""
    start, end = day_start(week.start), day_start(week.end)
    responses = Response.objects.filter(
        status=ResponseStatus.ACCEPTED, submitted_at__gte=start, submitted_at__lt=end
    )
    items = FeedbackItem.objects.filter(received_at__gte=start, received_at__lt=end).filter(
        Q(rating__lte=2) | Q(rating__isnull=True, channel=FeedbackChannel.COMPLAINT_BOOK)
    )
    if slice_.journey is not None:
        responses = responses.filter(journey_id=slice_.journey)
        items = items.filter(touchpoint__stage__journey_id=slice_.journey)
    if slice_.centre is not None:
        responses = responses.filter(centre_id=slice_.centre)
        items = items.filter(centre_id=slice_.centre)
    answers = (
        Answer.objects.filter(type=QuestionType.TEXT, response__in=responses.filter(_low_score()))
        .exclude(text="")
        .values("text")
        .annotate(
            n=Count("pk"),
            last=Max("response__submitted_at"),
            tp_name=Min("response__touchpoint__name"),
            tp_count=Count("response__touchpoint", distinct=True),
        )
        .order_by("-n", "-last")[:limit]
    )
    found = [{**row, "source": _("survey answer")} for row in answers]
    for row in (
        items.values("text", "channel")
        .annotate(
            n=Count("pk"),
            last=Max("received_at"),
            tp_name=Min("touchpoint__name"),
            tp_count=Count("touchpoint", distinct=True),
        )
        .order_by("-n", "-last")[:limit]
    ):
        found.append({**row, "source": str(FeedbackChannel(row.pop("channel")).label)})
    found.sort(key=lambda row: (-row["n"], -row["last"].timestamp()))
    return [
        {
            "text": _clean_comment(row["text"]),
            "n": row["n"],
            "source": row["source"],
            "touchpoint": _touchpoints(row["tp_name"], row["tp_count"]),
        }
        for row in found[:limit]
    ]


def _touchpoints(name: str | None, count: int) -> str:
    if not name:
        return "—"
    if count > 1:
        return ngettext("%(name)s and %(n)s more", "%(name)s and %(n)s more", count - 1) % {
            "name": name,
            "n": count - 1,
        }
    return name


def _comments(slice_, week, journey) -> Section:
    section = Section(
        key="comments",
        title=_("Most frequent negative comments"),
        sheet=_("Comments"),
        columns=[
            Column(_("Comment")),
            Column(_("Times"), True),
            Column(_("Source")),
            Column(_("Touchpoint")),
        ],
        note=_(
            "Free-text answers of low-score responses and negative feedback items of the "
            "week; phone numbers, e-mail addresses and links are hidden."
        ),
        empty_text=_("No negative comments this week."),
    )
    for row in negative_comments(slice_, week):
        section.rows.append(
            [
                cells.text(texts.typograph(row["text"])),
                cells.count(row["n"]),
                cells.text(row["source"]),
                cells.text(row["touchpoint"]),
            ]
        )
    return section


def _trend(slice_, week) -> Section | None:
    span = Period(week.start - timedelta(weeks=TREND_WEEKS), week.end)
    series = metric_series(slice_, span, Granularity.WEEK, SURVEY_CODES)
    section = Section(
        key="trend",
        title=_("Survey metrics over the last %(n)s weeks") % {"n": TREND_WEEKS + 1},
        sheet=_("Trend"),
        columns=[
            Column(_("Week")),
            *(Column(code, True) for code in SURVEY_CODES),
            Column(_("Number of answers"), True),
        ],
        empty_text=_("No answers in these weeks."),
    )
    if all(values["NPS"].n == 0 for _p, values in series):
        return None  # a centre without surveys has no trend to show
    for bucket, values in series:
        section.rows.append(
            [
                cells.text(texts.day_range(bucket, year=False)),
                *(cells.value(values[code]) for code in SURVEY_CODES),
                cells.count(values["NPS"].n),
            ]
        )
    section.chart_svg = charts.trend_svg(series, SURVEY_CODES)
    return section
