"""The monthly report on the feedback system of a centre (SPEC F8; App. 3, «механизм» §2–3).

Per channel: invitations, responses, response rate, the median time a citizen spent
answering (``Response.fill_seconds``), the steps needed (the questions of the survey
versions answered), and for feedback items the share answered by staff and the median time
to the first reply — all counted and ranked in the database. With them the citizens'
perception (the centre's NPS, CES, CSAT and more against the month before) and the
problems found by simple rules, so that every employee can judge the period (§3).
"""

from __future__ import annotations

from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from otklik.feedback.choices import (
    RECOMMENDED_MAX_QUESTIONS,
    FeedbackChannel,
    FeedbackStatus,
    ResponseChannel,
    ResponseStatus,
)
from otklik.feedback.models import FeedbackItem, FeedbackReply, Response, SurveyVersion
from otklik.metrics import display, formulas
from otklik.metrics.queries import metric_table, metric_values
from otklik.metrics.rollups import day_start
from otklik.metrics.slices import Period, Slice
from otklik.org.models import Unit
from otklik.reports import cells, charts, sql, texts
from otklik.reports.document import PERCENT, RATIO, SECONDS, Cell, Column, Report, Section

PERCEPTION_CODES = ["NPS", "CES", "CSAT", "RESPONSE_RATE", "RR", "FCR", "TTFR", "EXT_RATING"]
# What the rules call a problem (App. 3: the less effort, the more answers; answer fast).
SLOW_FILL_SECONDS = 60  # the posters promise «less than a minute»
SLOW_REPLY_SECONDS = 24 * 3600
SHORT_SECONDS = 600


def duration(seconds: float) -> str:
    """Short times to the second («83 с»: «1 мин» would hide what the rule looks at),
    longer ones as :func:`otklik.metrics.display.duration` shows them."""
    if seconds < SHORT_SECONDS:
        return _("%(n)s s") % {"n": round(seconds)}
    return display.duration(seconds)


def _seconds(raw: float | None) -> Cell:
    if raw is None:
        return Cell("—", None, SECONDS)
    return Cell(duration(raw), raw, SECONDS)


def _percent(part: int, whole: int) -> Cell:
    share = formulas.percent(part, whole) if whole else None
    return cells.number("CSAT", share) if share is not None else Cell("—", None, PERCENT)


def _ratio(raw: float | None) -> Cell:
    if raw is None:
        return Cell("—", None, RATIO)
    return cells.number("RpC", raw)  # one decimal, Russian comma


def survey_channels(centre: Unit, month: Period) -> list[dict]:
    """Per response channel: invitations, responses, rate, median fill time, steps."""
    start, end = day_start(month.start), day_start(month.end)
    responses = Response.objects.filter(
        centre=centre,
        status=ResponseStatus.ACCEPTED,
        submitted_at__gte=start,
        submitted_at__lt=end,
    )
    counted = {
        row["channel"]: row
        for row in responses.order_by()
        .values("channel")
        .annotate(n=Count("pk", distinct=True), answers=Count("answers"))
    }
    fill = sql.medians(responses, "fill_seconds", "channel")
    # Steps: the questions of the survey versions answered, weighted by the responses —
    # one row per (channel, version) used, then the versions' question lists.
    used = list(responses.order_by().values("channel", "survey_version").annotate(n=Count("pk")))
    sizes = {
        pk: len(questions or [])
        for pk, questions in SurveyVersion.objects.filter(
            pk__in={row["survey_version"] for row in used}
        ).values_list("pk", "questions")
    }
    steps: dict = {}
    for row in used:
        total, n = steps.get(row["channel"], (0, 0))
        questions = sizes.get(row["survey_version"], 0)
        steps[row["channel"]] = (total + questions * row["n"], n + row["n"])
    rates = metric_table(Slice(centre=centre.pk), month, "channel", ["RESPONSE_RATE"])
    rows = []
    for channel in ResponseChannel:
        rate = rates.get(channel.value, {}).get("RESPONSE_RATE")
        c = counted.get(channel.value)
        if c is None and (rate is None or rate.n == 0):
            continue
        n = c["n"] if c else 0
        total, weight = steps.get(channel.value, (0, 0))
        rows.append(
            {
                "channel": channel,
                "invited": rate.n if rate else 0,
                "rate": rate,
                "responses": n,
                "fill": fill.get(channel.value),
                "questions": total / weight if weight else None,
                "answered": (c["answers"] / n) if c and n else None,
            }
        )
    return rows


def feedback_channels(centre: Unit, month: Period) -> list[dict]:
    """Per feedback channel: items received, answered by staff, median time to reply."""
    start, end = day_start(month.start), day_start(month.end)
    first_reply = Subquery(
        FeedbackReply.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(first=Min("sent_at"))
        .values("first")[:1]
    )
    items = (
        FeedbackItem.objects.filter(centre=centre, received_at__gte=start, received_at__lt=end)
        .annotate(first_reply=Coalesce(first_reply, F("replied_at")))
        .annotate(
            wait=ExpressionWrapper(
                F("first_reply") - F("received_at"), output_field=DurationField()
            )
        )
    )
    counted = {
        row["channel"]: row
        for row in items.order_by()
        .values("channel")
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=Q(first_reply__isnull=False)),
            open=Count("pk", filter=Q(status__in=[FeedbackStatus.NEW, FeedbackStatus.IN_WORK])),
        )
    }
    waits = sql.medians(items, "wait", "channel")
    rows = []
    for channel in FeedbackChannel:
        c = counted.get(channel.value)
        if c is None:
            continue
        rows.append(
            {
                "channel": channel,
                "received": c["n"],
                "answered": c["answered"],
                "open": c["open"],
                "wait": waits.get(channel.value),
            }
        )
    return rows


def build_monthly(centre: Unit, month: Period, now=None) -> Report:
    surveys = survey_channels(centre, month)
    feedback = feedback_channels(centre, month)
    sections = [
        _survey_section(surveys),
        _feedback_section(feedback),
        _perception(centre, month),
        _problems(surveys, feedback),
    ]
    return Report(
        kind="monthly",
        title=_("Monthly report on the feedback system"),
        subject=centre.name,
        unit=centre.name,
        period=texts.month_label(month),
        period_short=texts.month_code(month),
        header=texts.month_label(month),
        generated=texts.moment(now or timezone.now()),
        facts=[
            (_("Employment centre"), centre.name),
            (_("Month"), f"{texts.month_label(month)} ({texts.day_range(month)})"),
            (_("Responses"), cells.count(sum(r["responses"] for r in surveys)).text),
            (_("Feedback items"), cells.count(sum(r["received"] for r in feedback)).text),
            (
                _("For whom"),
                _("every employee of the centre, to judge the period (App. 3, mechanism §3)"),
            ),
        ],
        sections=sections,
    )


def _survey_section(rows) -> Section:
    section = Section(
        key="surveys",
        title=_("Surveys by channel"),
        sheet=_("Surveys"),
        columns=[
            Column(_("Channel")),
            Column(_("Invitations sent"), True),
            Column(_("Responses"), True),
            Column(_("Response rate"), True),
            Column(_("Median time to answer"), True),
            Column(_("Questions in the survey"), True),
            Column(_("Questions answered"), True),
        ],
        note=_(
            "Response rate: answered invitations ÷ invitations sent (SMS and e-mail); QR "
            "codes, kiosks and paper have no invitations. Time to answer: from opening the "
            "survey to sending it."
        ),
        empty_text=_("No invitations and no responses this month."),
    )
    section.chart_svg = charts.bars_svg(
        [(str(r["channel"].label), r["responses"]) for r in rows if r["responses"]],
        title=_("Responses by channel"),
        value_title=_("Responses"),
        category_title=_("Channel"),
    )
    for r in rows:
        rate = r["rate"]
        section.rows.append(
            [
                cells.text(r["channel"].label),
                cells.count(r["invited"]),
                cells.count(r["responses"]),
                cells.value(rate) if rate is not None and rate.n else Cell("—", None, PERCENT),
                _seconds(r["fill"]),
                _ratio(r["questions"]),
                _ratio(r["answered"]),
            ]
        )
    return section


def _feedback_section(rows) -> Section:
    section = Section(
        key="feedback",
        title=_("Feedback items by channel: staff replies"),
        sheet=_("Replies"),
        columns=[
            Column(_("Channel")),
            Column(_("Received"), True),
            Column(_("Answered by staff"), True),
            Column(_("Share answered"), True),
            Column(_("Median time to the first reply"), True),
            Column(_("Still open"), True),
        ],
        note=_("Every review deserves a personal reply, positive or negative (App. 3 §7, §10)."),
        empty_text=_("No feedback items this month."),
    )
    for r in rows:
        section.rows.append(
            [
                cells.text(r["channel"].label),
                cells.count(r["received"]),
                cells.count(r["answered"]),
                _percent(r["answered"], r["received"]),
                _seconds(r["wait"]),
                cells.count(r["open"]),
            ]
        )
    return section


def _perception(centre: Unit, month: Period) -> Section:
    now = metric_values(Slice(centre=centre.pk), month, PERCEPTION_CODES)
    before = metric_values(Slice(centre=centre.pk), month.previous(), PERCEPTION_CODES)
    section = Section(
        key="perception",
        title=_("How citizens perceive the centre"),
        sheet=_("Perception"),
        columns=[
            Column(_("Metric")),
            Column(_("Value"), True),
            Column(_("Answers or cases"), True),
            Column(_("Against the month before"), True),
            Column(_("Trend")),
        ],
        empty_text=_("No data this month."),
    )
    for code in PERCEPTION_CODES:
        v = now[code]
        if not v.applicable or (v.n == 0 and before[code].n == 0):
            continue
        change_cell, change = cells.delta(v, before[code])
        section.rows.append(
            [
                cells.text(display.metric_name(code)),
                cells.value(v),
                cells.count(v.n),
                change_cell,
                cells.trend(code, change),
            ]
        )
    return section


def _problems(surveys, feedback) -> Section:
    section = Section(
        key="problems",
        title=_("Problems found"),
        sheet=_("Problems"),
        columns=[Column(_("Channel")), Column(_("Problem"))],
        note=_(
            "Found by rules: surveys longer than %(questions)s questions or taking more "
            "than a minute, feedback items left without a reply, replies slower than a day."
        )
        % {"questions": RECOMMENDED_MAX_QUESTIONS},
        empty_text=_("No problems found by the rules."),
    )
    for r in surveys:
        label = str(r["channel"].label)
        if r["questions"] is not None and r["questions"] > RECOMMENDED_MAX_QUESTIONS:
            section.rows.append(
                [
                    cells.text(label),
                    cells.text(
                        _("The survey has %(n)s questions on average; 3–5 are recommended.")
                        % {"n": _ratio(r["questions"]).text}
                    ),
                ]
            )
        if r["fill"] is not None and r["fill"] > SLOW_FILL_SECONDS:
            section.rows.append(
                [
                    cells.text(label),
                    cells.text(
                        _("Answering takes %(time)s (median): more than a minute.")
                        % {"time": duration(r["fill"])}
                    ),
                ]
            )
    for r in feedback:
        label = str(r["channel"].label)
        unanswered = r["received"] - r["answered"]
        if unanswered:
            section.rows.append(
                [
                    cells.text(label),
                    cells.text(
                        _("%(n)s of %(total)s feedback items have no staff reply yet.")
                        % {"n": unanswered, "total": r["received"]},
                        "bad",
                    ),
                ]
            )
        if r["wait"] is not None and r["wait"] > SLOW_REPLY_SECONDS:
            section.rows.append(
                [
                    cells.text(label),
                    cells.text(
                        _("The first reply takes %(time)s (median): more than a day.")
                        % {"time": display.duration(r["wait"])},
                        "bad",
                    ),
                ]
            )
    return section
