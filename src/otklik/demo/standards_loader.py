"""Loads the demo's QA scorecard (the example of App. 4, IQS) and evaluations over the demo
months, so that the metrics have IQS facts. Running it again adds only what is missing:
evaluations are found by keys derived from their number."""

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from otklik.feedback.choices import InteractionChannel
from otklik.journeys.models import Touchpoint
from otklik.standards.models import Evaluation, Scorecard, ScorecardCategory
from otklik.standards.services import do_record_evaluation

_KEYS = uuid.UUID("7d3e1f0a-9b2c-4e5d-8a6f-1c2b3d4e5f60")

SCORECARD = {
    "title": "Разговор с клиентом: внутренний показатель качества (IQS)",
    "description": (
        "Оценочный лист из прил. 4 методологии: оценки ставятся по итогам беседы с "
        "сотрудником о конкретном разговоре или приёме. Бинарная шкала «хорошо (1)» / "
        "«плохо (0)»; «грамотность речи» — критическая категория: если она не выполнена, "
        "вся оценка равна 0 %."
    ),
    # (name, weight, critical, description) — the seed's example: 1.5, 1 (critical), 0.75.
    "categories": [
        ("Знание услуг", "1.50", False, "Сотрудник точно знает услуги и порядок их получения."),
        ("Грамотность речи", "1.00", True, "Речь грамотная, без ошибок и канцелярита."),
        ("Вежливость", "0.75", False, "Приветствие, обращение по имени, доброжелательный тон."),
    ],
}

EVALUATIONS = 60  # about ten a month over the demo's six months
MONTHS_DAYS = 180

# The interaction channel of a conversation at a touchpoint of the given channel.
CHANNEL_OF_TOUCHPOINT = {
    "contact_centre": InteractionChannel.PHONE,
    "office": InteractionChannel.OFFICE,
    "email": InteractionChannel.EMAIL,
    "social": InteractionChannel.SOCIAL,
    "messenger": InteractionChannel.MESSENGER,
    "chat_bot": InteractionChannel.CHAT,
}

NOTES = [
    "Подробно объяснил порядок постановки на учёт.",
    "Не назвал срок ответа — обсудили на планёрке.",
    "Хороший пример для наставничества новых сотрудников.",
    "Клиент ушёл с полным списком документов.",
    "",
    "",
]


def _key(number: int) -> uuid.UUID:
    return uuid.uuid5(_KEYS, f"evaluation-{number}")


def _scorecard(summary, region) -> Scorecard:
    scorecard = Scorecard.objects.filter(
        region=region, centre__isnull=True, title=SCORECARD["title"]
    ).first()
    if scorecard is not None:
        return scorecard
    scorecard = Scorecard.objects.create(
        region=region, title=SCORECARD["title"], description=SCORECARD["description"]
    )
    for order, (name, weight, critical, description) in enumerate(SCORECARD["categories"], 1):
        ScorecardCategory.objects.create(
            scorecard=scorecard,
            order=order,
            name=name,
            weight=weight,
            critical=critical,
            description=description,
        )
    summary.count("QA scorecards", True)
    return scorecard


def _places(region, centres, users) -> list[dict]:
    """Where evaluations happen: touchpoints of journeys where staff talk to clients, and
    centres without a journey of their own (a conversation not tied to a touchpoint)."""
    places = []
    touchpoints = (
        Touchpoint.objects.select_related("stage__journey__centre")
        .filter(stage__journey__region=region, channel__in=list(CHANNEL_OF_TOUCHPOINT))
        .order_by("stage__journey_id", "stage__order", "order", "pk")
    )
    staff_of = {
        "podolsk": [users.get("specialist"), users.get("teamlead")],
        "khimki": [users.get("specialist2")],
    }
    for touchpoint in touchpoints:
        centre = touchpoint.stage.journey.centre
        if centre is None:
            continue
        places.append(
            {
                "centre": centre,
                "touchpoint": touchpoint,
                "channel": CHANNEL_OF_TOUCHPOINT[touchpoint.channel],
                "staff": [u for u in staff_of.get(centre.code, []) if u] or [None],
            }
        )
    for code, centre in centres.items():
        if any(place["centre"].pk == centre.pk for place in places):
            continue
        places.append(
            {
                "centre": centre,
                "touchpoint": None,
                "channel": InteractionChannel.OFFICE,
                "staff": [u for u in staff_of.get(code, []) if u] or [None],
            }
        )
    return places


def _scores(rng: random.Random, categories, number: int) -> dict[int, float]:
    if number == 0:  # the seed's worked example: 1.5 × 1 + 1 × 1 + 0.75 × 0 → 77 %
        return {categories[0].pk: 1, categories[1].pk: 1, categories[2].pk: 0}
    scores = {}
    for category in categories:
        if category.critical:
            scores[category.pk] = 1 if rng.random() < 0.92 else 0
        elif rng.random() < 0.12:
            scores[category.pk] = 0.5
        else:
            scores[category.pk] = 1 if rng.random() < 0.8 else 0
    return scores


def load_standards(summary, region, centres, users) -> None:
    scorecard = _scorecard(summary, region)
    keys = [_key(number) for number in range(EVALUATIONS)]
    stored = set(Evaluation.objects.filter(idempotency_key__in=keys).values_list(
        "idempotency_key", flat=True
    ))  # fmt: skip
    if len(stored) == len(keys):
        return
    categories = list(scorecard.active_categories())
    if len(categories) != len(SCORECARD["categories"]):  # edited by staff: leave it be
        return
    by_centre: dict[int, list[dict]] = {}
    for place in _places(region, centres, users):
        by_centre.setdefault(place["centre"].pk, []).append(place)
    # Round the centres first, so that every centre has its share of evaluations; the main
    # centre first, so that the seed's example is the first evaluation.
    main = centres.get("podolsk")
    groups = sorted(by_centre.values(), key=lambda g: main is None or g[0]["centre"] != main)
    rng = random.Random(50)  # noqa: S311  (the same demo every time; not for secrets)
    now = timezone.now()
    for number, key in enumerate(keys):
        group = groups[number % len(groups)]
        place = group[(number // len(groups)) % len(group)]
        employee = place["staff"][number % len(place["staff"])]
        days_ago = 3 + (number * MONTHS_DAYS) // EVALUATIONS + rng.randint(0, 2)
        moment = timezone.localtime(now - timedelta(days=days_ago)).replace(
            hour=rng.randint(9, 16), minute=rng.choice([0, 15, 30, 45]), second=0, microsecond=0
        )
        scores = _scores(rng, categories, number)
        note = NOTES[number % len(NOTES)]
        if key in stored:
            continue
        evaluator = users.get("director") if place["centre"].code == "podolsk" else None
        do_record_evaluation(
            idempotency_key=key,
            scorecard=scorecard,
            scores=scores,
            channel=place["channel"],
            region=region,
            centre=place["centre"],
            touchpoint=place["touchpoint"],
            employee=employee,
            evaluated_at=moment,
            evaluator=evaluator or users.get("regadmin"),
            note=note,
            source="demo",
        )
        summary.count("QA evaluations", True)
