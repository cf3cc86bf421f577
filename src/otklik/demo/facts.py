"""Demo facts: six months of survey responses, interactions and mentions for the demo region.

Generated deterministically (``random.Random`` with a fixed seed) for the 26 weeks or so
ending today, and stored through the bulk path (``bulk_create``, then one rollup rebuild),
so that every dashboard of the demo has something to show:

* survey responses with NPS, CES and CSAT answers at every touchpoint that has a published
  survey (the App. 6 journey of ЦЗН Подольск), each touchpoint with its own level: the road
  to the centre is hard, the training is liked;
* interactions of the contact centre (phone, e-mail, chat), of the website and of the
  offices at the touchpoints that measure RR, ER, FCR, RpC, TTFR or CV-2, and every
  centre's general lines;
* mentions on 2GIS, Yandex Maps and VK with stars and sentiment.

Volumes and levels follow a gentle seasonal wobble. Answers within a week are drawn by
systematic (stratified) sampling, so that a week's value sits close to the touchpoint's
level: random noise alone raises no drop alert, and the one planted drop stands out —
at the training of the App. 6 journey (``DROP_TOUCHPOINT``) NPS and CSAT fall sharply in
the current and the previous week. The road to the training (``FEW_TOUCHPOINT``) gets
only a handful of answers a week: the pages show «мало ответов» there.

The current week gets a whole week's volume in the days elapsed so far (never after
now), so the demo looks the same on a Monday morning as on a Friday evening.

Running it again adds nothing: each kind of fact is generated only when the demo's facts
of that kind are not there yet (found by their deterministic idempotency keys).
"""

from __future__ import annotations

import math
import random
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from statistics import NormalDist

from django.utils import timezone

from otklik.feedback.choices import (
    InteractionChannel,
    MentionPlatform,
    QuestionType,
    ResponseChannel,
    ResponseStatus,
    Sentiment,
)
from otklik.feedback.models import Answer, Interaction, Mention, Response, SurveyVersion
from otklik.journeys.choices import JourneyStatus
from otklik.journeys.models import ClientGroup, Touchpoint
from otklik.metrics import rollups
from otklik.metrics.rollups import day_start

SEED = 20260601
WEEKS = 26  # «six months»
KEYS = uuid.UUID("3b7f9a52-6a0e-4d8e-b1f4-5c2a9e0d7c11")
SOURCE = "demo"  # Interaction.source of the demo's interactions

RESPONSES = 6000
INTERACTIONS = 6000
MENTIONS = 600

# (stage name, touchpoint name) of the App. 6 journey.
DROP_TOUCHPOINT = ("Прохождение тренинга", "Тренинг с ведущим")
FEW_TOUCHPOINT = ("Прохождение тренинга", "Дорога до места проведения тренинга")

_NORMAL = NormalDist()


# --------------------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Profile:
    """How a touchpoint is experienced: its share of the answers and its quality 0…1."""

    weight: float
    quality: float


# Survey traffic and quality of the App. 6 touchpoints; the rest get ``_DEFAULT``.
SURVEY_PROFILES = {
    ("Поиск информации", "Сайт ЦЗН"): Profile(8, 0.50),
    ("Поиск информации", "Контакт-центр"): Profile(4, 0.45),
    ("Поиск информации", "Дорога до ЦЗН"): Profile(5, 0.25),
    ("Поиск информации", "Администратор и навигация в ЦЗН"): Profile(6, 0.55),
    ("Поиск информации", "Консультация специалиста ЦЗН"): Profile(36, 0.80),
    ("Решение о выборе", "Запись через сайт ЦЗН"): Profile(10, 0.60),
    ("Решение о выборе", "Запись через контакт-центр"): Profile(3, 0.40),
    ("Подача заявления в ЦЗН", "Дорога до ЦЗН"): Profile(2, 0.30),
    ("Подача заявления в ЦЗН", "Администратор и навигация в ЦЗН"): Profile(5, 0.50),
    ("Подача заявления в ЦЗН", "Прием у специалиста ЦЗН"): Profile(36, 0.62),
    ("Прохождение тестирования", "Тестирование по профориентации"): Profile(34, 0.70),
    ("Прохождение тренинга", "Информирование о тренинге"): Profile(3, 0.55),
    FEW_TOUCHPOINT: Profile(1.2, 0.45),
    DROP_TOUCHPOINT: Profile(34, 0.90),
    ("Получение результата", "Информирование о готовности результата"): Profile(2.5, 0.50),
    ("Получение результата", "Администратор и электронная очередь"): Profile(6, 0.35),
    ("Получение результата", "Выдача результата специалистом ЦЗН"): Profile(24, 0.80),
    ("Оценка работы", "Обратная связь и отзывы о работе ЦЗН"): Profile(2, 0.60),
}
_DEFAULT = Profile(5, 0.55)

# Interactions: the codes that need them, and how a touchpoint's channel maps to theirs.
INTERACTION_METRICS = {"RR", "ER", "FCR", "RpC", "TTFR", "CV-2"}
_INTERACTION_CHANNELS = {
    "contact_centre": [(InteractionChannel.PHONE, 0.75), (InteractionChannel.EMAIL, 0.15)]
    + [(InteractionChannel.CHAT, 0.10)],
    "website": [(InteractionChannel.CHAT, 0.6), (InteractionChannel.EMAIL, 0.4)],
    "portal": [(InteractionChannel.REGIONAL_SYSTEM, 0.8), (InteractionChannel.CHAT, 0.2)],
    "email": [(InteractionChannel.EMAIL, 1.0)],
    "chat_bot": [(InteractionChannel.CHAT, 1.0)],
    "social": [(InteractionChannel.SOCIAL, 1.0)],
    "messenger": [(InteractionChannel.MESSENGER, 1.0)],
    "office": [(InteractionChannel.OFFICE, 1.0)],
}
_GENERAL_LINES = [
    (InteractionChannel.PHONE, 0.65),
    (InteractionChannel.EMAIL, 0.2),
    (InteractionChannel.CHAT, 0.15),
]

# Median time to first response (seconds) and its spread (log-normal sigma), by channel.
_TTFR = {
    InteractionChannel.PHONE: (75, 0.7),
    InteractionChannel.CHAT: (180, 0.8),
    InteractionChannel.EMAIL: (4 * 3600 + 600, 0.6),
    InteractionChannel.OFFICE: (11 * 60, 0.6),
    InteractionChannel.REGIONAL_SYSTEM: (6 * 3600, 0.6),
    InteractionChannel.SOCIAL: (50 * 60, 0.7),
    InteractionChannel.MESSENGER: (25 * 60, 0.7),
    InteractionChannel.OTHER: (3600, 0.7),
}

# Interaction traffic of a touchpoint relative to others (by its channel) and per centre.
_INTERACTION_WEIGHT = {"contact_centre": 30, "website": 2, "portal": 2, "email": 2, "office": 1}
_CENTRE_LINES = {"podolsk": 2, "balashikha": 2, "khimki": 3, "mytishchi": 2, "odintsovo": 2}
_CENTRE_RATING = {"podolsk": 4.3, "balashikha": 3.9, "khimki": 3.5, "mytishchi": 4.1}

_RESPONSE_CHANNELS = {
    "office": [(ResponseChannel.QR, 0.5), (ResponseChannel.KIOSK, 0.3), (ResponseChannel.SMS, 0.2)],
    "website": [(ResponseChannel.WEB, 0.7), (ResponseChannel.EMAIL, 0.3)],
    "contact_centre": [(ResponseChannel.SMS, 0.6), (ResponseChannel.CONTACT_CENTRE, 0.4)],
}
_OTHER_RESPONSE_CHANNELS = [(ResponseChannel.WEB, 0.6), (ResponseChannel.QR, 0.4)]

# Weekday shares of the traffic (Monday first).
_WEEKDAY = [1.15, 1.05, 1.0, 1.0, 0.9, 0.25, 0.08]

TEXTS_GOOD = [
    "Спасибо специалисту, всё объяснили понятно и быстро.",
    "Очень понравилось, буду рекомендовать знакомым.",
    "Вежливо, без очередей, по делу.",
    "Помогли разобраться, чем заняться дальше. Спасибо!",
    "Всё прошло лучше, чем я ожидал.",
]
TEXTS_MIDDLE = [
    "В целом нормально, но пришлось подождать.",
    "Хотелось бы больше информации заранее.",
    "Неплохо, но сайт неудобный.",
    "Специалист хороший, но запись неудобная.",
]
TEXTS_BAD = [
    "Долго ждал в очереди, никто ничего не объяснил.",
    "Трудно найти нужный кабинет, указателей нет.",
    "Дозвониться невозможно, по телефону постоянно занято.",
    "Пришлось приходить два раза из-за одной справки.",
    "На сайте устаревшая информация о графике работы.",
]
TEXTS_DROP = [
    "Тренинг перенесли без предупреждения, узнал только на месте.",
    "Ведущий сменился, новый читал по слайдам, ничего полезного.",
    "Группа переполнена, сидели в коридоре.",
    "Обещали материалы после тренинга — так и не прислали.",
]

MENTION_TEXTS = {
    Sentiment.POSITIVE: [
        "Хороший центр занятости, помогли с подбором вакансий.",
        "Вежливые сотрудники, всё быстро оформили.",
        "Прошла профориентацию, очень довольна.",
        "Спасибо консультанту, нашёл работу за месяц.",
    ],
    Sentiment.NEUTRAL: [
        "Обычный ЦЗН, очереди бывают, но терпимо.",
        "Записался через сайт, посмотрим, что предложат.",
        "Работают до шести, в субботу закрыто.",
    ],
    Sentiment.NEGATIVE: [
        "Не дозвониться, трубку никто не берёт.",
        "Долгое ожидание, кондиционера нет.",
        "Отправили за справкой в другой офис, потерял полдня.",
        "Вакансии устаревшие, половина уже закрыта.",
    ],
}


# --------------------------------------------------------------------------- sampling


def _rng(stream: int) -> random.Random:
    """A generator of its own per stream, so that each kind of fact is the same every time."""
    return random.Random(SEED + stream)  # noqa: S311  (demo data, not secrets)


def _key(*parts) -> uuid.UUID:
    return uuid.uuid5(KEYS, ":".join(str(p) for p in parts))


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _stratified(rng: random.Random, n: int, weighted) -> list:
    """``n`` values of a discrete distribution by systematic sampling: every value comes
    within one of its expected count, so a week's share is its level, not noise."""
    values, weights = zip(*weighted, strict=True)
    total = sum(weights)
    cumulative = list(accumulate(w / total for w in weights))
    start = rng.random()
    return [
        values[min(bisect_right(cumulative, (i + start) / n), len(values) - 1)] for i in range(n)
    ]


def _quota(rng: random.Random, n: int, share: float) -> list[bool]:
    """``n`` flags, ``share`` of them true (within one), in random order."""
    flags = _stratified(rng, n, [(True, share), (False, 1 - share)])
    rng.shuffle(flags)
    return flags


def _chosen(rng: random.Random, items: list, share: float) -> list:
    """``share`` of ``items`` (within one), picked at random."""
    return [item for item, flag in zip(items, _quota(rng, len(items), share), strict=True) if flag]


def _lognormal(rng: random.Random, n: int, median: float, sigma: float) -> list[float]:
    """``n`` stratified draws of a log-normal, the far tail cut at 99.5 %."""
    order = list(range(n))
    rng.shuffle(order)
    draws = []
    for stratum in order:
        u = min((stratum + rng.random()) / n, 0.995)
        draws.append(median * math.exp(sigma * _NORMAL.inv_cdf(max(u, 0.005))))
    return draws


def _season(day: date, phase: float = 0.0) -> float:
    """A slow wobble −1…1 over the year (summer low, autumn high)."""
    return math.sin(2 * math.pi * (day.timetuple().tm_yday / 365.25) + phase)


def _clip(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class Week:
    start: date  # Monday
    days: list[date]  # the days of the week inside the window, up to today
    share: float  # how much of a week's volume falls in it
    current: bool
    previous: bool


def _window(today: date) -> list[Week]:
    first = today - timedelta(days=7 * WEEKS)
    this_monday = today - timedelta(days=today.weekday())
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= this_monday:
        days = [
            monday + timedelta(days=i)
            for i in range(7)
            if first <= monday + timedelta(days=i) <= today
        ]
        current = monday == this_monday
        share = 1.0 if current else sum(_WEEKDAY[d.weekday()] for d in days) / sum(_WEEKDAY)
        previous = monday == this_monday - timedelta(days=7)
        weeks.append(Week(monday, days, share, current, previous))
        monday += timedelta(days=7)
    return weeks


def _weeks_of(weeks: list[Week], amplitude: float, phase: float) -> float:
    """How many average weeks of volume the window holds, with the seasonal wobble."""
    return sum(w.share * (1 + amplitude * _season(w.start, phase)) for w in weeks)


class _Clock:
    """Moments of the window's days in the local zone, never after now."""

    def __init__(self, rng: random.Random, now: datetime):
        self.rng, self.now = rng, now
        self.today = timezone.localdate(now)

    def moment(self, week: Week, office_hours: float = 0.9) -> datetime:
        rng = self.rng
        day = rng.choices(week.days, [_WEEKDAY[d.weekday()] for d in week.days])[0]
        if rng.random() < office_hours:
            seconds = rng.uniform(9 * 3600, 18 * 3600)
        else:
            seconds = rng.choice([rng.uniform(6 * 3600, 9 * 3600), rng.uniform(18 * 3600, 86399)])
        start = day_start(day)
        moment = start + timedelta(seconds=seconds)
        if day == self.today and moment >= self.now:  # today: squeeze into the hours so far
            elapsed = max((self.now - start).total_seconds() - 60, 1)
            moment = start + timedelta(seconds=elapsed * seconds / 86400)
        return moment


# --------------------------------------------------------------------------- surveys


def _levels(quality: float) -> dict[str, list[tuple[int, float]]]:
    """Answer distributions of NPS (0–10), CES (1–5, 5 = very easy) and CSAT (1–5)."""
    promoters, detractors = 0.28 + 0.37 * quality, 0.36 - 0.26 * quality
    passives = 1 - promoters - detractors
    detractor_scores = [(0, 0.06), (1, 0.03), (2, 0.05), (3, 0.09), (4, 0.12), (5, 0.3), (6, 0.35)]
    easy, hard = 0.33 + 0.45 * quality, 0.34 - 0.28 * quality
    met_or_above, delight = 0.58 + 0.37 * quality, 0.12 + 0.42 * quality
    return {
        "nps": [(s, detractors * w) for s, w in detractor_scores]
        + [(7, passives * 0.45), (8, passives * 0.55), (9, promoters * 0.45)]
        + [(10, promoters * 0.55)],
        "ces": [(1, hard * 0.35), (2, hard * 0.65), (3, 1 - easy - hard)]
        + [(4, easy * 0.55), (5, easy * 0.45)],
        "csat": [(1, (1 - met_or_above) * 0.4), (2, (1 - met_or_above) * 0.6)]
        + [(3, met_or_above - delight), (4, delight * 0.7), (5, delight * 0.3)],
    }


_DROPPED = {  # the planted fall: many detractors, expectations missed
    "nps": [(0, 0.08), (2, 0.06), (3, 0.1), (4, 0.12), (5, 0.14), (6, 0.12), (7, 0.1)]
    + [(8, 0.1), (9, 0.1), (10, 0.08)],
    "csat": [(1, 0.25), (2, 0.3), (3, 0.3), (4, 0.1), (5, 0.05)],
}


def _survey_targets():
    """(touchpoint, survey version, profile) for every touchpoint with a published survey."""
    touchpoints = (
        Touchpoint.objects.filter(stage__journey__status=JourneyStatus.ACTIVE)
        .select_related("stage__journey")
        .order_by("stage__journey_id", "stage__order", "order", "pk")
    )
    versions = {}
    for version in SurveyVersion.objects.filter(survey__is_active=True).order_by(
        "survey__created_at", "survey__pk", "number"
    ):
        for tp_id in version.survey.touchpoints.values_list("pk", flat=True):
            versions[tp_id] = version  # the newest wins, as ``survey_for`` chooses
    return [
        (tp, versions[tp.pk], SURVEY_PROFILES.get((tp.stage.name, tp.name), _DEFAULT))
        for tp in touchpoints
        if tp.pk in versions
    ]


def _responses(rng: random.Random, clock: _Clock, weeks: list[Week]):
    targets = _survey_targets()
    if not targets:
        return [], []
    total_weight = sum(profile.weight for _tp, _v, profile in targets)
    weekly = RESPONSES / _weeks_of(weeks, 0.08, 0.6)
    responses, answers = [], []
    number = 0
    for tp, version, profile in targets:
        journey = tp.stage.journey
        planted = (tp.stage.name, tp.name) == DROP_TOUCHPOINT
        questions = {q["type"]: q for q in version.questions}
        channels = _RESPONSE_CHANNELS.get(tp.channel, _OTHER_RESPONSE_CHANNELS)
        for week in weeks:
            volume = weekly * profile.weight / total_weight * week.share
            volume *= (1 + 0.08 * _season(week.start, 0.6)) * rng.uniform(0.94, 1.06)
            n = int(volume) + (rng.random() < volume - int(volume))
            if planted and (week.current or week.previous):
                n = max(n, 40)  # enough answers for a drop test in any season
            if n == 0:
                continue
            quality = _clip(profile.quality + 0.04 * _season(week.start))
            levels = _levels(quality)
            if planted and (week.current or week.previous):
                levels |= _DROPPED
            # Latent satisfaction orders each question's answers, so they agree per person.
            latent = [rng.random() for _ in range(n)]
            scores = {}
            for kind in ("nps", "ces", "csat"):
                values = sorted(_stratified(rng, n, levels[kind]))
                noisy = sorted(range(n), key=lambda i: latent[i] + rng.gauss(0, 0.2))
                scores[kind] = dict(zip(noisy, values, strict=True))
            for i in range(n):
                response = Response(
                    idempotency_key=_key("response", number),
                    survey_version=version,
                    touchpoint=tp,
                    journey=journey,
                    region_id=journey.region_id,
                    centre_id=journey.centre_id,
                    segment_id=journey.segment_id,
                    channel=_pick(rng, channels),
                    submitted_at=clock.moment(week, 0.92 if tp.channel == "office" else 0.7),
                    fill_seconds=rng.randint(25, 140),
                    status=ResponseStatus.ACCEPTED,
                )
                number += 1
                rows = []
                for kind in ("ces", "csat", "nps"):
                    question = questions.get(kind)
                    if question is None or (kind != "ces" and rng.random() < 0.04):
                        continue
                    row = Answer(question_key=question["key"], type=kind, score=scores[kind][i])
                    if kind == QuestionType.CES:
                        row.scale_points = question.get("scale_points") or 5
                        if row.scale_points != 5:  # the demo survey has five points
                            row.score = max(1, round(row.score * row.scale_points / 5))
                    rows.append(row)
                text = questions.get("text")
                if text is not None and rng.random() < 0.14:
                    nps = scores["nps"][i]
                    bank = TEXTS_GOOD if nps >= 9 else TEXTS_MIDDLE if nps >= 7 else TEXTS_BAD
                    if planted and (week.current or week.previous) and nps <= 6:
                        bank = TEXTS_DROP
                    rows.append(
                        Answer(question_key=text["key"], type="text", text=rng.choice(bank))
                    )
                responses.append(response)
                answers.append(rows)
    return responses, answers


# --------------------------------------------------------------------------- interactions


def _interaction_targets(centres: dict) -> list[tuple]:
    """(centre, touchpoint or None, channels, weight, quality) of every stream of contacts."""
    targets = []
    touchpoints = (
        Touchpoint.objects.filter(
            stage__journey__status=JourneyStatus.ACTIVE, metrics__code__in=INTERACTION_METRICS
        )
        .select_related("stage__journey")
        .distinct()
        .order_by("stage__journey_id", "stage__order", "order", "pk")
    )
    by_id = {centre.pk: centre for centre in centres.values()}
    for tp in touchpoints:
        centre = by_id.get(tp.stage.journey.centre_id)
        channels = _INTERACTION_CHANNELS.get(tp.channel)
        if centre is None or channels is None:
            continue
        profile = SURVEY_PROFILES.get((tp.stage.name, tp.name), _DEFAULT)
        weight = _INTERACTION_WEIGHT.get(tp.channel, 2)
        targets.append((centre, tp, channels, weight, profile.quality))
    for code, centre in centres.items():
        targets.append((centre, None, _GENERAL_LINES, _CENTRE_LINES.get(code, 1.5), 0.55))
    return targets


def _interactions(rng: random.Random, clock: _Clock, weeks: list[Week], centres: dict):
    targets = _interaction_targets(centres)
    total_weight = sum(t[3] for t in targets)
    weekly = INTERACTIONS / _weeks_of(weeks, 0.1, 1.2)
    made = []
    for centre, tp, channels, weight, quality in targets:
        resolved_share = 0.82 + 0.14 * quality
        resolvable_share = 0.86
        first_contact_share = 0.62 + 0.3 * quality  # of the resolvable and resolved ones
        escalated_share = 0.16 - 0.1 * quality
        for week in weeks:
            volume = weekly * weight / total_weight * week.share
            volume *= (1 + 0.1 * _season(week.start, 1.2)) * rng.uniform(0.9, 1.1)
            n = int(volume) + (rng.random() < volume - int(volume))
            if n == 0:
                continue
            slower = 1 + 0.05 * _season(week.start, 2.0)  # busier months answer later
            kinds = _stratified(rng, n, channels)
            rng.shuffle(kinds)
            # Nested quotas, so that every rate of the week (RR, FCR, ER, RpC) is its level.
            resolvable = _quota(rng, n, resolvable_share)
            first = set(_chosen(rng, [i for i in range(n) if resolvable[i]], first_contact_share))
            rest = [i for i in range(n) if i not in first]
            more = (resolved_share * n - len(first)) / len(rest) if rest else 0.0
            resolved = first | set(_chosen(rng, rest, _clip(more)))
            share = escalated_share * n / len(rest) if rest else 0.0
            escalated = set(_chosen(rng, rest, _clip(share)))
            counts = _stratified(rng, len(rest), [(2, 0.45), (3, 0.3), (4, 0.15), (5, 0.1)])
            rng.shuffle(counts)
            replies = dict(zip(rest, counts, strict=True))
            waits = {}
            for kind in sorted(set(kinds)):
                median, sigma = _TTFR[kind]
                waits[kind] = iter(_lognormal(rng, kinds.count(kind), median * slower, sigma))
            for i, kind in enumerate(kinds):
                opened = clock.moment(week, 0.97 if kind == InteractionChannel.OFFICE else 0.8)
                answered = opened + timedelta(seconds=next(waits[kind]))
                done, at_first = i in resolved, i in first
                closed = None
                if done:
                    later = 0 if at_first else rng.uniform(3600, 5 * 86400)
                    closed = answered + timedelta(seconds=later + rng.uniform(60, 1200))
                interaction = Interaction(
                    idempotency_key=_key("interaction", len(made)),
                    source=SOURCE,
                    external_id=f"demo-{len(made):06d}",
                    region_id=centre.region_id,
                    centre=centre,
                    touchpoint=tp,
                    channel=kind,
                    opened_at=opened,
                    first_response_at=min(answered, clock.now),
                    resolved_at=min(closed, clock.now) if closed else None,
                    replies=replies.get(i, 1),
                    escalated=i in escalated,
                    resolved_first_contact=at_first,
                    resolvable_first_contact=resolvable[i],
                )
                interaction.derive()
                made.append(interaction)
    return made


# --------------------------------------------------------------------------- mentions


def _mentions(rng: random.Random, clock: _Clock, weeks: list[Week], centres: dict):
    groups = dict(ClientGroup.objects.values_list("code", "pk"))
    platforms = [
        (MentionPlatform.TWOGIS, 0.4),
        (MentionPlatform.YANDEX_MAPS, 0.35),
        (MentionPlatform.VK, 0.25),
    ]
    codes = list(centres)
    weekly = MENTIONS / _weeks_of(weeks, 0.15, 0.3)
    made = []
    for week in weeks:
        volume = weekly * week.share * (1 + 0.15 * _season(week.start, 0.3))
        n = int(volume) + (rng.random() < volume - int(volume))
        for _ in range(n):
            code = rng.choices(codes, [3 if c == "podolsk" else 1 for c in codes])[0]
            mean = _CENTRE_RATING.get(code, 3.8)
            stars = int(_clip(round(rng.gauss(mean, 1.1)), 1, 5))
            platform = _pick(rng, platforms)
            sentiment = (
                Sentiment.POSITIVE
                if stars >= 4
                else Sentiment.NEUTRAL
                if stars == 3
                else Sentiment.NEGATIVE
            )
            group = groups.get("employers") if rng.random() < 0.15 else groups.get("job_seekers")
            made.append(
                Mention(
                    idempotency_key=_key("mention", len(made)),
                    region_id=centres[code].region_id,
                    centre=centres[code],
                    platform=platform,
                    text=rng.choice(MENTION_TEXTS[sentiment]),
                    published_at=clock.moment(week, 0.5),
                    stars=None if platform == MentionPlatform.VK else stars,
                    sentiment=sentiment,
                    client_group_id=group,
                )
            )
    return made


# --------------------------------------------------------------------------- loading


def _with_pks(created: list, model) -> list:
    """Bulk-created rows with their primary keys (a backend without RETURNING gives none)."""
    if any(obj.pk is None for obj in created):
        keys = [obj.idempotency_key for obj in created]
        found = {}
        for start in range(0, len(keys), 500):
            found.update(
                model.objects.filter(idempotency_key__in=keys[start : start + 500]).values_list(
                    "idempotency_key", "pk"
                )
            )
        for obj in created:
            obj.pk = found[obj.idempotency_key]
    return created


def demo_facts_loaded() -> dict[str, bool]:
    """Which kinds of demo facts are stored already (by their first deterministic key)."""
    return {
        "survey responses": Response.objects.filter(idempotency_key=_key("response", 0)).exists(),
        "interactions": Interaction.objects.filter(source=SOURCE).exists(),
        "mentions": Mention.objects.filter(idempotency_key=_key("mention", 0)).exists(),
    }


def load_facts(summary, region, centres) -> None:
    """Generate and store the demo's facts that are not there yet; rebuild the rollups."""
    loaded = demo_facts_loaded()
    if all(loaded.values()):
        return
    now = timezone.now()
    weeks = _window(timezone.localdate(now))
    centres = {code: centre for code, centre in centres.items() if centre.region_id == region.pk}
    stored = False
    if not loaded["survey responses"]:
        responses, answers = _responses(_rng(1), _Clock(_rng(4), now), weeks)
        created = _with_pks(Response.objects.bulk_create(responses, batch_size=500), Response)
        rows = []
        for response, items in zip(created, answers, strict=True):
            for answer in items:
                answer.response_id = response.pk
                rows.append(answer)
        Answer.objects.bulk_create(rows, batch_size=1000)
        summary.add("survey responses", len(created))
        stored |= bool(created)
    if not loaded["interactions"]:
        made = _interactions(_rng(2), _Clock(_rng(5), now), weeks, centres)
        Interaction.objects.bulk_create(made, batch_size=500)
        summary.add("interactions", len(made))
        stored |= bool(made)
    if not loaded["mentions"]:
        made = _mentions(_rng(3), _Clock(_rng(6), now), weeks, centres)
        Mention.objects.bulk_create(made, batch_size=500)
        summary.add("mentions", len(made))
        stored |= bool(made)
    if stored:
        rollups.rebuild()


def planted_drop_touchpoint(journey) -> Touchpoint | None:
    """The touchpoint of the journey where the demo's NPS and CSAT fall (for tests, tours)."""
    stage, name = DROP_TOUCHPOINT
    return Touchpoint.objects.filter(stage__journey=journey, stage__name=stage, name=name).first()


def few_answers_touchpoint(journey) -> Touchpoint | None:
    stage, name = FEW_TOUCHPOINT
    return Touchpoint.objects.filter(stage__journey=journey, stage__name=stage, name=name).first()


__all__ = [
    "DROP_TOUCHPOINT",
    "FEW_TOUCHPOINT",
    "demo_facts_loaded",
    "few_answers_touchpoint",
    "load_facts",
    "planted_drop_touchpoint",
]
