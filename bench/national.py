#!/usr/bin/env python3
"""National-scale benchmark of the metrics engine (issue #5 item 6).

    .venv/bin/python bench/national.py --scale 0.01                 # quick check, both databases
    .venv/bin/python bench/national.py --db postgres --scale 1 --keep --load-only
    .venv/bin/python bench/national.py --db postgres --scale 1 --keep --bench-only
    .venv/bin/python bench/national.py --db sqlite --scale 1 --keep --rebuild-rollups

One script: a deterministic generator of a synthetic national data set (85 regions, 2 400
centres, 20 journeys per region, two years of survey answers, interactions, mentions,
feedback items and invitations; ``--scale 1`` is ≥ 10 M answers and ≥ 10 M interactions),
loaded through the product's bulk path (``otklik.feedback.bulk``) into SQLite and/or
PostgreSQL, and a benchmark of the engine (``otklik.metrics.queries``) on it: one region's
weekly table by touchpoint (this week, last week, the 8-week baseline), the 52-week
national trend, dashboard tiles; the same table the way an analyst without Otklik would
compute it (pandas over the fact tables) and by DuckDB over a copy of the same facts;
ratios and goals side by side; and a correctness check against the pure formulas
(``otklik.metrics.formulas``) on rows loaded into Python. Exit code 1 on a mismatch,
2 when a goal is missed with ``--strict``.

Needs the ``bench`` extra (numpy, pandas, duckdb): ``.venv/bin/pip install -e '.[bench]'``.
PostgreSQL: 127.0.0.1:5432, user postgres, trust auth (``--pg-url``); the database is
``otklik_national`` at scale 1 (``otklik_national_<scale>`` otherwise). SQLite and DuckDB
files go to ``--data-dir`` (/work/bench-data). Without ``--keep`` they are removed at the
end; with it they are kept and reused by the next run.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
END = date(2026, 11, 30)  # exclusive: the two years end on Sunday 29 November 2026
WEEKS = 104
START = END - timedelta(weeks=WEEKS)  # a Monday
BLOCK_DAYS = 28

N_REGIONS, N_CENTRES, N_TEMPLATES, N_STAGES, N_TPS = 85, 2400, 20, 4, 3
EMPLOYEES_PER_CENTRE = 2
# Rows at --scale 1.
RESPONSES, INTERACTIONS, MENTIONS, FEEDBACK, INVITATIONS = (
    3_400_000,
    10_200_000,
    1_000_000,
    500_000,
    400_000,
)
ANSWERED_INVITATIONS = 0.4

RESPONSE_CHANNELS = ["qr", "kiosk", "web", "sms", "email", "paper", "contact_centre"]
RESPONSE_CHANNEL_P = [0.33, 0.2, 0.15, 0.12, 0.08, 0.07, 0.05]
INTERACTION_CHANNELS = [
    "phone",
    "email",
    "chat",
    "social",
    "messenger",
    "regional_system",
    "office",
    "other",
]
INTERACTION_CHANNEL_P = [0.35, 0.15, 0.15, 0.05, 0.1, 0.1, 0.08, 0.02]
TTFR_MEDIAN = [40, 4 * 3600, 90, 3600, 600, 86400, 300, 3600]  # seconds, by channel
PLATFORMS = ["vk", "telegram", "ok", "2gis", "yandex_maps", "news", "forum", "other"]
PLATFORM_P = [0.3, 0.2, 0.1, 0.12, 0.13, 0.05, 0.05, 0.05]
SENTIMENTS = ["positive", "neutral", "negative", ""]
FEEDBACK_CHANNELS = [
    "wall",
    "review_site",
    "social",
    "email",
    "letter",
    "complaint_book",
    "contact_centre",
    "other",
]
FEEDBACK_CHANNEL_P = [0.3, 0.2, 0.15, 0.12, 0.05, 0.05, 0.1, 0.03]
TEMPLATES = [
    ("Регистрация в качестве безработного", "job-seekers"),
    ("Поиск работы через портал «Работа России»", "job-seekers"),
    ("Профессиональное обучение", "job-seekers"),
    ("Профориентация", "job-seekers"),
    ("Временное трудоустройство", "job-seekers"),
    ("Содействие самозанятости", "job-seekers"),
    ("Пособие по безработице", "job-seekers"),
    ("Трудоустройство инвалидов", "job-seekers"),
    ("Молодёжь: первая работа", "job-seekers"),
    ("Предпенсионеры: переобучение", "job-seekers"),
    ("Переезд в другую местность", "job-seekers"),
    ("Ярмарка вакансий", "job-seekers"),
    ("Подбор персонала", "employers"),
    ("Размещение вакансии", "employers"),
    ("Квотирование рабочих мест", "employers"),
    ("Субсидии работодателям", "employers"),
    ("Массовое высвобождение", "employers"),
    ("Стажировки выпускников", "employers"),
    ("Запрос органа власти", "public-bodies"),
    ("Межведомственное взаимодействие", "public-bodies"),
]
TEMPLATE_P = [1 / (i + 2) ** 0.9 for i in range(N_TEMPLATES)]
STAGE_P = [0.35, 0.3, 0.2, 0.15]
TP_P = [0.5, 0.3, 0.2]
GROUPS = {
    "job-seekers": (
        "Соискатели",
        ["youth", "pre-retirees", "disabled", "long-term-unemployed", "graduates"],
    ),
    "employers": ("Работодатели", ["small-business", "large-business", "public-sector"]),
    "public-bodies": ("Органы власти", ["municipal"]),
}
MENTION_TEXTS = [
    "Спасибо сотрудникам центра занятости за помощь",
    "Долго ждал ответа на обращение",
    "Удобная запись через портал",
    "Очередь в центре занятости",
    "Нашёл работу через ЦЗН",
    "Ярмарка вакансий прошла в субботу",
    "Не дозвонился на горячую линию",
    "Хорошие курсы переобучения",
]
FEEDBACK_TEXTS = [
    "Спасибо консультанту, всё объяснили.",
    "Очень долго ждал в очереди.",
    "Не работает запись на сайте.",
    "Помогли с резюме, благодарю.",
    "Прошу перезвонить по поводу пособия.",
    "Грубый сотрудник на приёме.",
]

CODES = (
    "NPS",
    "CES",
    "CSAT",
    "RR",
    "CV-2",
    "TTFR",
    "ER",
    "FCR",
    "RpC",
    "CV-1",
    "EXT_RATING",
    "IQS",
    "RESPONSE_RATE",
)
TABLE_CODES = ("NPS", "CES", "CSAT", "RR", "CV-2", "TTFR", "ER", "FCR", "RpC", "RESPONSE_RATE")

GOALS = {"table": 1000.0, "trend": 2000.0, "tile": 200.0}  # ms


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def scale_tag(scale: float) -> str:
    return "s" + (f"{scale:g}".replace(".", "_"))


# =========================================================================== generator


class Generator:
    """Deterministic synthetic facts, one block of days at a time (numpy, vectorised)."""

    def __init__(self, structure: dict, scale: float, seed: int = SEED):
        import numpy as np

        self.np = np
        self.s = structure
        self.scale = scale
        self.seed = seed
        rng = np.random.default_rng([seed, 0])
        self.region_p = _normalised(rng.lognormal(0, 0.8, N_REGIONS))
        self.template_p = _normalised(np.array(TEMPLATE_P))
        days = np.arange(WEEKS * 7)
        weekday = (days + START.weekday()) % 7
        trend = (1 + 0.25 * days / len(days)) * (1 + 0.1 * np.sin(2 * np.pi * days / 365.25))
        self.survey_day_w = trend * np.where(weekday < 5, 1.0, np.where(weekday == 5, 0.3, 0.1))
        self.interaction_day_w = trend * np.where(weekday < 5, 1.0, 0.35)
        hours = np.array(
            [1, 1, 1, 1, 1, 2, 4, 8, 20, 60, 90, 95, 85, 80, 90, 85, 70, 50, 20, 12, 8, 5, 3, 2]
        )
        self.hour_p = _normalised(hours.astype(float))
        self.night_hour_p = _normalised(np.ones(24))
        self.counts = {
            "responses": int(RESPONSES * scale),
            "interactions": int(INTERACTIONS * scale),
            "mentions": int(MENTIONS * scale),
            "feedback": int(FEEDBACK * scale),
            "invitations": int(INVITATIONS * scale),
        }
        self.offsets = _local_offsets()
        self.next_id = defaultdict(lambda: 1)

    # ------------------------------------------------------------------ helpers

    def rng(self, table: int, block: int):
        return self.np.random.default_rng([self.seed, table, block])

    def per_day(self, total: int, weights) -> object:
        np = self.np
        cumulative = np.round(np.cumsum(weights) / weights.sum() * total).astype(np.int64)
        return np.diff(np.concatenate([[0], cumulative]))

    def moments(self, rng, days, hour_p):
        """UTC epoch seconds of local times on the given day indexes, sorted."""
        np = self.np
        hours = rng.choice(24, size=len(days), p=hour_p)
        seconds = hours * 3600 + rng.integers(0, 3600, size=len(days))
        local = self.s["start_epoch"] + days.astype(np.int64) * 86400 + seconds
        return np.sort(local - self.offsets[days])

    def ids(self, table: str, n: int):
        first = self.next_id[table]
        self.next_id[table] = first + n
        return self.np.arange(first, first + n, dtype=self.np.int64)

    def place(self, rng, n: int, *, centre_share: float, touchpoint_share: float = 1.0):
        """Region, centre (or -1), journey/touchpoint indexes (or -1) of n facts."""
        np = self.np
        s = self.s
        region = rng.choice(N_REGIONS, size=n, p=self.region_p)
        u = rng.random(n)
        count = s["centre_count"][region]
        centre = s["centre_first"][region] + np.minimum((u**1.6 * count).astype(int), count - 1)
        centre = np.where(rng.random(n) < centre_share, centre, -1)
        template = rng.choice(N_TEMPLATES, size=n, p=self.template_p)
        stage = rng.choice(N_STAGES, size=n, p=STAGE_P)
        point = rng.choice(N_TPS, size=n, p=TP_P)
        flat = ((region * N_TEMPLATES + template) * N_STAGES + stage) * N_TPS + point
        flat = np.where(rng.random(n) < touchpoint_share, flat, -1)
        return region, centre, template, flat

    def block_days(self, weights, total):
        """[(first day, day index per row)] per block of BLOCK_DAYS days."""
        np = self.np
        per_day = self.per_day(total, weights)
        for block, first in enumerate(range(0, len(per_day), BLOCK_DAYS)):
            counts = per_day[first : first + BLOCK_DAYS]
            days = np.repeat(np.arange(first, first + len(counts)), counts)
            yield block, days

    # ------------------------------------------------------------------ tables

    def survey_blocks(self):
        """Per block: invitations, responses and answers (column dicts of numpy arrays)."""
        np = self.np
        s = self.s
        for block, days in self.block_days(self.survey_day_w, self.counts["responses"]):
            rng = self.rng(1, block)
            n = len(days)
            submitted = self.moments(rng, days, self.hour_p)
            region, centre, template, tp = self.place(rng, n, centre_share=0.95)
            channel = rng.choice(len(RESPONSE_CHANNELS), size=n, p=RESPONSE_CHANNEL_P)
            group = s["template_group"][template]
            segments = s["group_segments"][group]  # (n, 5) padded with -1
            pick = (rng.random(n) * s["group_segment_count"][group]).astype(int)
            segment = np.where(rng.random(n) < 0.75, segments[np.arange(n), pick], -1)
            status = rng.choice(3, size=n, p=[0.985, 0.01, 0.005])
            ids = self.ids("response", n)
            # Invitations: a share of the SMS/e-mail answers came from one, plus the
            # invitations nobody answered (some never sent: quiet hours, fatigue).
            invited = (
                np.isin(channel, [3, 4])
                & (rng.random(n) < self._answered_share())
                & (rng.random(n) < 1.0)
            )
            answered = np.flatnonzero(invited)
            unanswered_n = int(len(answered) * (1 - ANSWERED_INVITATIONS) / ANSWERED_INVITATIONS)
            source = rng.integers(0, n, size=unanswered_n)
            inv_tp = np.concatenate([tp[answered], tp[source]])
            inv_region = np.concatenate([region[answered], region[source]])
            inv_centre = np.concatenate([centre[answered], centre[source]])
            inv_channel = np.concatenate([channel[answered], rng.choice([3, 4], unanswered_n)])
            delay = np.minimum(rng.lognormal(np.log(3 * 3600), 1.0, len(inv_tp)), 47 * 3600)
            base = np.concatenate([submitted[answered], submitted[source]])
            sent = base - delay.astype(np.int64) - 60
            interaction_at = sent - 1800
            sent_ok = np.concatenate([np.ones(len(answered), bool), rng.random(unanswered_n) < 0.9])
            order = np.argsort(interaction_at, kind="stable")
            inv_ids = self.ids("invitation", len(order))
            position = np.empty(len(order), dtype=np.int64)
            position[order] = np.arange(len(order))
            invitation_of = np.full(n, -1, dtype=np.int64)
            invitation_of[answered] = inv_ids[position[: len(answered)]]
            invitations = {
                "id": inv_ids,
                "touchpoint": inv_tp[order],
                "region": inv_region[order],
                "centre": inv_centre[order],
                "channel": inv_channel[order],
                "interaction_at": interaction_at[order],
                "sent_at": sent[order],
                "sent_ok": sent_ok[order],
            }
            responses = {
                "id": ids,
                "region": region,
                "centre": centre,
                "template": template,
                "touchpoint": tp,
                "segment": segment,
                "channel": channel,
                "submitted_at": submitted,
                "status": status,
                "fill_seconds": rng.integers(25, 400, size=n),
                "invitation": invitation_of,
            }
            # Scores: a latent experience per touchpoint and answer, shared by the three.
            quality = s["tp_quality"][tp] + rng.normal(0, 1.0, n)
            nps = np.clip(np.round(7.6 + 1.9 * quality + rng.normal(0, 1.2, n)), 0, 10)
            ces = np.clip(np.round(3.7 + 0.9 * quality + rng.normal(0, 0.7, n)), 1, 5)
            csat = np.clip(np.round(3.4 + 0.9 * quality + rng.normal(0, 0.7, n)), 1, 5)
            answers = {
                "id": self.ids("answer", 3 * n),
                "response": np.repeat(ids, 3),
                "region": np.repeat(region, 3),
                "kind": np.tile(np.arange(3), n),
                "score": np.stack([nps, ces, csat], axis=1).reshape(-1).astype(np.int64),
            }
            yield block, invitations, responses, answers

    def _answered_share(self) -> float:
        sms_email = RESPONSE_CHANNEL_P[3] + RESPONSE_CHANNEL_P[4]
        wanted = self.counts["invitations"] * ANSWERED_INVITATIONS
        return min(1.0, wanted / max(1, self.counts["responses"] * sms_email))

    def interaction_blocks(self):
        np = self.np
        for block, days in self.block_days(self.interaction_day_w, self.counts["interactions"]):
            rng = self.rng(2, block)
            n = len(days)
            night = rng.random(n) < 0.12
            opened = np.where(
                night,
                self.moments(rng, days, self.night_hour_p),
                self.moments(rng, days, self.hour_p),
            )
            opened.sort()
            region, centre, _template, tp = self.place(
                rng, n, centre_share=0.95, touchpoint_share=0.75
            )
            channel = rng.choice(len(INTERACTION_CHANNELS), size=n, p=INTERACTION_CHANNEL_P)
            median = np.array(TTFR_MEDIAN, dtype=float)[channel]
            ttfr = np.floor(rng.lognormal(np.log(median), 1.0)).astype(np.int64)
            answered = rng.random(n) < 0.97
            first = np.where(answered, opened + ttfr, -1)
            resolved_ok = rng.random(n) < np.where(answered, 0.86, 0.2)
            after = np.where(answered, first, opened)
            resolved = np.where(
                resolved_ok, after + rng.lognormal(np.log(7200), 1.2, n).astype(np.int64), -1
            )
            resolvable = rng.random(n) < 0.88
            rfc = resolvable & resolved_ok & (rng.random(n) < 0.65)
            employee = np.where(
                (centre >= 0) & (rng.random(n) < 0.4),
                np.maximum(centre, 0) * EMPLOYEES_PER_CENTRE
                + rng.integers(0, EMPLOYEES_PER_CENTRE, n),
                -1,
            )
            yield (
                block,
                {
                    "id": self.ids("interaction", n),
                    "region": region,
                    "centre": centre,
                    "touchpoint": tp,
                    "channel": channel,
                    "employee": employee,
                    "opened_at": opened,
                    "first_response_at": first,
                    "resolved_at": resolved,
                    "replies": rng.poisson(1.4, n) + answered,
                    "escalated": rng.random(n) < 0.06,
                    "resolved_first_contact": rfc,
                    "resolvable_first_contact": resolvable,
                    **self.derived(opened, first),
                },
            )

    def derived(self, opened, first) -> dict:
        """TTFR, its sketch bucket and «outside working hours», vectorised, by the rules of
        ``interaction_derived`` (checked against it on a sample by ``--bench``)."""
        np = self.np
        from otklik.metrics import sketch
        from otklik.metrics.schedule import working_schedule

        has = first >= 0
        wait = np.where(has, np.maximum(first - opened, 0), 0)
        values, inverse = np.unique(wait, return_inverse=True)
        buckets = np.array([sketch.bucket_of(float(v)) for v in values.tolist()], dtype=np.int64)
        schedule = working_schedule()
        if schedule.exceptions:
            raise SystemExit("the vectorised working hours do not handle schedule exceptions")
        day = (opened + self.offsets_of(opened) - self.s["start_epoch"]) // 86400
        local = opened + self.offsets_of(opened)
        clock = local % 86400
        weekday = (day + START.weekday()) % 7
        inside = np.zeros(len(opened), dtype=bool)
        for wd, intervals in schedule.hours.items():
            for start, end in intervals:
                low = start.hour * 3600 + start.minute * 60 + start.second
                high = end.hour * 3600 + end.minute * 60 + end.second
                inside |= (weekday == wd) & (clock >= low) & (clock < high)
        return {
            "ttfr_seconds": wait,
            "ttfr_has": has,
            "ttfr_bucket": buckets[inverse],
            "outside_working_hours": ~inside,
        }

    def offsets_of(self, epoch):
        np = self.np
        shifted = epoch - self.s["start_epoch"] + self.offsets[0]
        day = np.clip(shifted // 86400, 0, WEEKS * 7 - 1)
        return self.offsets[day]

    def mention_blocks(self):
        np = self.np
        per_day = self.per_day(self.counts["mentions"], self.interaction_day_w)
        for block, first_day in enumerate(range(0, len(per_day), BLOCK_DAYS)):
            counts = per_day[first_day : first_day + BLOCK_DAYS]
            days = np.repeat(np.arange(first_day, first_day + len(counts)), counts)
            rng = self.rng(3, block)
            n = len(days)
            region, centre, template, _tp = self.place(rng, n, centre_share=0.8)
            platform = rng.choice(len(PLATFORMS), size=n, p=PLATFORM_P)
            rated = np.isin(platform, [3, 4]) & (rng.random(n) < 0.95)
            stars = np.where(rated, rng.choice(5, size=n, p=[0.12, 0.08, 0.15, 0.25, 0.4]) + 1, -1)
            group = np.where(rng.random(n) < 0.5, self.s["template_group"][template], -1)
            yield (
                block,
                {
                    "id": self.ids("mention", n),
                    "region": region,
                    "centre": centre,
                    "platform": platform,
                    "stars": stars,
                    "sentiment": rng.choice(4, size=n, p=[0.35, 0.3, 0.25, 0.1]),
                    "client_group": group,
                    "text": rng.integers(0, len(MENTION_TEXTS), n),
                    "published_at": self.moments(rng, days, self.night_hour_p),
                },
            )

    def feedback_blocks(self):
        np = self.np
        per_day = self.per_day(self.counts["feedback"], self.survey_day_w)
        for block, first_day in enumerate(range(0, len(per_day), BLOCK_DAYS)):
            counts = per_day[first_day : first_day + BLOCK_DAYS]
            days = np.repeat(np.arange(first_day, first_day + len(counts)), counts)
            rng = self.rng(4, block)
            n = len(days)
            channel = rng.choice(len(FEEDBACK_CHANNELS), size=n, p=FEEDBACK_CHANNEL_P)
            region, centre, _template, tp = self.place(
                rng, n, centre_share=0.9, touchpoint_share=0.4
            )
            region_centre = self.s["centre_first"][region]
            centre = np.where((channel == 0) & (centre < 0), region_centre, centre)
            rating = np.where(channel <= 1, rng.integers(1, 6, n), -1)
            yield (
                block,
                {
                    "id": self.ids("feedback", n),
                    "region": region,
                    "centre": centre,
                    "touchpoint": tp,
                    "channel": channel,
                    "text": rng.integers(0, len(FEEDBACK_TEXTS), n),
                    "rating": rating,
                    "received_at": self.moments(rng, days, self.hour_p),
                    "state": rng.choice(4, size=n, p=[0.1, 0.1, 0.5, 0.3]),
                },
            )


def _normalised(values):
    return values / values.sum()


def _local_offsets():
    """UTC offset (seconds) of TIME_ZONE at local noon of every day of the two years."""
    from zoneinfo import ZoneInfo

    import numpy as np
    from django.conf import settings

    zone = ZoneInfo(settings.TIME_ZONE)
    return np.array(
        [
            int(
                datetime.combine(START + timedelta(days=d), datetime.min.time())
                .replace(hour=12, tzinfo=zone)
                .utcoffset()
                .total_seconds()
            )
            for d in range(WEEKS * 7)
        ],
        dtype=np.int64,
    )


# =========================================================================== structure


def create_structure() -> dict:
    """Regions, centres, employees, client groups, journeys, touchpoints, surveys."""
    import numpy as np
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from otklik.feedback.models import Question, Survey
    from otklik.feedback.services import do_publish_survey
    from otklik.journeys.models import ClientGroup, Journey, Segment, Stage, Touchpoint
    from otklik.org.models import Unit, User

    rng = np.random.default_rng([SEED, 9])
    region_p = _normalised(np.random.default_rng([SEED, 0]).lognormal(0, 0.8, N_REGIONS))
    # Centres ~ population, at least 8 per region, 2 400 in all.
    raw = 8 + region_p * (N_CENTRES - 8 * N_REGIONS)
    counts = np.floor(raw).astype(int)
    counts[np.argsort(raw - counts)[::-1][: N_CENTRES - counts.sum()]] += 1
    with transaction.atomic():
        regions = Unit.objects.bulk_create(
            Unit(kind="region", name=f"Регион {i + 1:02d}", code=f"bench-r{i + 1:02d}")
            for i in range(N_REGIONS)
        )
        centres = Unit.objects.bulk_create(
            Unit(
                kind="centre",
                name=f"ЦЗН {r + 1:02d}-{k + 1:03d}",
                code=f"bench-r{r + 1:02d}-c{k + 1:03d}",
                parent=regions[r],
                region=regions[r],
            )
            for r in range(N_REGIONS)
            for k in range(counts[r])
        )
        password = make_password(None)
        employees = User.objects.bulk_create(
            User(username=f"bench-e{c:04d}-{k}", password=password, first_name=f"Сотрудник {k}")
            for c in range(N_CENTRES)
            for k in range(EMPLOYEES_PER_CENTRE)
        )
        groups, segments = {}, {}
        for order, (code, (name, segment_codes)) in enumerate(GROUPS.items()):
            groups[code] = ClientGroup.objects.create(
                code=f"bench-{code}", name=f"{name} (bench)", order=90 + order
            )
            segments[code] = Segment.objects.bulk_create(
                Segment(client_group=groups[code], code=s, name=s) for s in segment_codes
            )
        journeys = Journey.objects.bulk_create(
            Journey(
                region=regions[r],
                title=title,
                client_group=groups[group],
                status="active",
            )
            for r in range(N_REGIONS)
            for title, group in TEMPLATES
        )
        stages = Stage.objects.bulk_create(
            Stage(journey=journey, order=s + 1, name=f"Этап {s + 1}")
            for journey in journeys
            for s in range(N_STAGES)
        )
        channels = ["office", "website", "contact_centre", "portal", "messenger", "sms"]
        touchpoints = Touchpoint.objects.bulk_create(
            Touchpoint(
                stage=stage,
                order=k + 1,
                name=f"Точка {stage.order}.{k + 1}",
                channel=channels[(stage.order + k) % len(channels)],
            )
            for stage in stages
            for k in range(N_TPS)
        )
        versions, keys = [], []
        through = Survey.touchpoints.through
        for r, region in enumerate(regions):
            survey = Survey.objects.create(region=region, title="Оценка услуги (bench)")
            Question.objects.bulk_create(
                [
                    Question(survey=survey, order=1, type="nps", text="Порекомендуете ли вы СЗН?"),
                    Question(
                        survey=survey,
                        order=2,
                        type="ces",
                        scale_points=5,
                        text="Насколько легко было решить вопрос?",
                    ),
                    Question(survey=survey, order=3, type="csat", text="Совпали ли ожидания?"),
                ]
            )
            version = do_publish_survey(survey, None)
            versions.append(version.pk)
            keys.append([q["key"] for q in version.questions])
            first = r * N_TEMPLATES * N_STAGES * N_TPS
            through.objects.bulk_create(
                through(survey_id=survey.pk, touchpoint_id=tp.pk)
                for tp in touchpoints[first : first + N_TEMPLATES * N_STAGES * N_TPS]
            )
    group_codes = list(GROUPS)
    template_group = np.array([group_codes.index(g) for _t, g in TEMPLATES])
    width = max(len(v) for v in segments.values())
    group_segments = np.full((len(group_codes), width), -1, dtype=np.int64)
    for g, code in enumerate(group_codes):
        group_segments[g, : len(segments[code])] = [s.pk for s in segments[code]]
    return structure_arrays(
        {
            "region_ids": [u.pk for u in regions],
            "centre_ids": [u.pk for u in centres],
            "centre_count": counts.tolist(),
            "employee_ids": [u.pk for u in employees],
            "group_ids": [groups[c].pk for c in group_codes],
            "group_segments": group_segments.tolist(),
            "template_group": template_group.tolist(),
            "journey_ids": [j.pk for j in journeys],
            "touchpoint_ids": [t.pk for t in touchpoints],
            "tp_quality": rng.normal(0, 0.5, len(touchpoints)).tolist(),
            "version_ids": versions,
            "question_keys": keys,
        }
    )


def structure_arrays(plain: dict) -> dict:
    import numpy as np

    s = dict(plain)
    s["plain"] = plain
    for name in (
        "region_ids",
        "centre_ids",
        "centre_count",
        "employee_ids",
        "group_ids",
        "template_group",
        "journey_ids",
        "touchpoint_ids",
        "tp_quality",
        "version_ids",
    ):
        s[name] = np.array(plain[name])
    s["group_segments"] = np.array(plain["group_segments"])
    s["group_segment_count"] = (s["group_segments"] >= 0).sum(axis=1)
    s["centre_first"] = np.concatenate([[0], np.cumsum(s["centre_count"])[:-1]])
    s["centre_region"] = np.repeat(np.arange(N_REGIONS), s["centre_count"])
    s["start_epoch"] = int(datetime.combine(START, datetime.min.time(), UTC).timestamp())
    return s


# =========================================================================== columns


def _mapped(np, index, ids):
    """Ids for indexes (−1 → None), as a Python list."""
    values = ids[np.maximum(index, 0)].astype(object)
    values[index < 0] = None
    return values.tolist()


def _utc_text(np, epoch, missing=None):
    """UTC epoch seconds as ``YYYY-MM-DD HH:MM:SS`` text (None where ``missing``)."""
    text = np.datetime_as_string(epoch.astype("datetime64[s]"), unit="s").astype("<U19")
    text.view(np.uint32).reshape(-1, 19)[:, 10] = ord(" ")
    if missing is None:
        return text.tolist()
    values = text.astype(object)
    values[missing] = None
    return values.tolist()


def _hex_keys(rng, n: int) -> list[str]:
    blob = rng.bytes(16 * n).hex()
    return [blob[i : i + 32] for i in range(0, 32 * n, 32)]


def invitation_rows(np, s, c):
    n = len(c["id"])
    rng = np.random.default_rng([SEED, 11, int(c["id"][0]) if n else 0])
    interaction = _utc_text(np, c["interaction_at"])
    fields = [
        "id",
        "touchpoint_id",
        "region_id",
        "centre_id",
        "channel",
        "respondent_key",
        "interaction_at",
        "created_at",
        "send_after",
        "send_before",
        "sent_at",
        "skipped_reason",
    ]
    channel = np.array(RESPONSE_CHANNELS, dtype=object)[c["channel"]].tolist()
    keys = _hex_keys(rng, n)
    send_after = _utc_text(np, c["interaction_at"] + 900)
    send_before = _utc_text(np, c["interaction_at"] + 48 * 3600)
    sent = _utc_text(np, c["sent_at"], ~c["sent_ok"])
    skipped = np.where(c["sent_ok"], "", "тихие часы").tolist()
    rows = zip(
        c["id"].tolist(),
        _mapped(np, c["touchpoint"], s["touchpoint_ids"]),
        _mapped(np, c["region"], s["region_ids"]),
        _mapped(np, c["centre"], s["centre_ids"]),
        channel,
        keys,
        interaction,
        interaction,
        send_after,
        send_before,
        sent,
        skipped,
        strict=True,
    )
    return fields, rows


def response_rows(np, s, c):
    n = len(c["id"])
    rng = np.random.default_rng([SEED, 12, int(c["id"][0]) if n else 0])
    fields = [
        "id",
        "idempotency_key",
        "survey_version_id",
        "touchpoint_id",
        "journey_id",
        "region_id",
        "centre_id",
        "segment_id",
        "channel",
        "submitted_at",
        "fill_seconds",
        "invitation_id",
        "status",
        "flags",
    ]
    journey = c["region"] * N_TEMPLATES + c["template"]
    status = np.array(["accepted", "flagged", "rejected"], dtype=object)[c["status"]].tolist()
    flags = np.where(c["status"] == 0, "[]", '["too_fast"]').tolist()
    segment = c["segment"].astype(object)
    segment[c["segment"] < 0] = None
    invitation = c["invitation"].astype(object)
    invitation[c["invitation"] < 0] = None
    rows = zip(
        c["id"].tolist(),
        _hex_keys(rng, n),
        s["version_ids"][c["region"]].tolist(),
        s["touchpoint_ids"][c["touchpoint"]].tolist(),
        s["journey_ids"][journey].tolist(),
        s["region_ids"][c["region"]].tolist(),
        _mapped(np, c["centre"], s["centre_ids"]),
        segment.tolist(),
        np.array(RESPONSE_CHANNELS, dtype=object)[c["channel"]].tolist(),
        _utc_text(np, c["submitted_at"]),
        c["fill_seconds"].tolist(),
        invitation.tolist(),
        status,
        flags,
        strict=True,
    )
    return fields, rows


def answer_rows(np, s, c):
    keys = np.array(s["plain"]["question_keys"], dtype=object)  # (regions, 3)
    kinds = np.array(["nps", "ces", "csat"], dtype=object)
    scale = np.array([None, 5, None], dtype=object)
    fields = ["id", "response_id", "question_key", "type", "score", "scale_points"]
    rows = zip(
        c["id"].tolist(),
        c["response"].tolist(),
        keys[c["region"], c["kind"]].tolist(),
        kinds[c["kind"]].tolist(),
        c["score"].tolist(),
        scale[c["kind"]].tolist(),
        strict=True,
    )
    return fields, rows


def interaction_rows(np, s, c):
    n = len(c["id"])
    rng = np.random.default_rng([SEED, 13, int(c["id"][0]) if n else 0])
    fields = [
        "id",
        "idempotency_key",
        "source",
        "region_id",
        "centre_id",
        "touchpoint_id",
        "channel",
        "employee_id",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "replies",
        "escalated",
        "resolved_first_contact",
        "resolvable_first_contact",
        "ttfr_seconds",
        "ttfr_bucket",
        "outside_working_hours",
    ]
    wait = c["ttfr_seconds"].astype(float).astype(object)
    wait[~c["ttfr_has"]] = None
    bucket = c["ttfr_bucket"].astype(object)
    bucket[~c["ttfr_has"]] = None
    rows = zip(
        c["id"].tolist(),
        _hex_keys(rng, n),
        ["bench"] * n,
        s["region_ids"][c["region"]].tolist(),
        _mapped(np, c["centre"], s["centre_ids"]),
        _mapped(np, c["touchpoint"], s["touchpoint_ids"]),
        np.array(INTERACTION_CHANNELS, dtype=object)[c["channel"]].tolist(),
        _mapped(np, c["employee"], s["employee_ids"]),
        _utc_text(np, c["opened_at"]),
        _utc_text(np, c["first_response_at"], c["first_response_at"] < 0),
        _utc_text(np, c["resolved_at"], c["resolved_at"] < 0),
        c["replies"].tolist(),
        c["escalated"].tolist(),
        c["resolved_first_contact"].tolist(),
        c["resolvable_first_contact"].tolist(),
        wait.tolist(),
        bucket.tolist(),
        c["outside_working_hours"].tolist(),
        strict=True,
    )
    return fields, rows


def mention_rows(np, s, c):
    n = len(c["id"])
    rng = np.random.default_rng([SEED, 14, int(c["id"][0]) if n else 0])
    fields = [
        "id",
        "idempotency_key",
        "region_id",
        "centre_id",
        "platform",
        "text",
        "published_at",
        "stars",
        "sentiment",
        "client_group_id",
    ]
    stars = c["stars"].astype(object)
    stars[c["stars"] < 0] = None
    rows = zip(
        c["id"].tolist(),
        _hex_keys(rng, n),
        s["region_ids"][c["region"]].tolist(),
        _mapped(np, c["centre"], s["centre_ids"]),
        np.array(PLATFORMS, dtype=object)[c["platform"]].tolist(),
        np.array(MENTION_TEXTS, dtype=object)[c["text"]].tolist(),
        _utc_text(np, c["published_at"]),
        stars.tolist(),
        np.array(SENTIMENTS, dtype=object)[c["sentiment"]].tolist(),
        _mapped(np, c["client_group"], s["group_ids"]),
        strict=True,
    )
    return fields, rows


def feedback_rows(np, s, c):
    n = len(c["id"])
    rng = np.random.default_rng([SEED, 15, int(c["id"][0]) if n else 0])
    channel = c["channel"]
    wall = channel == 0
    publication = np.where(
        wall, np.where(c["state"] == 3, "rejected", "published"), "not_public"
    ).tolist()
    status = np.array(["new", "in_work", "answered", "closed"], dtype=object)[c["state"]]
    rating = c["rating"].astype(object)
    rating[c["rating"] < 0] = None
    received = _utc_text(np, c["received_at"])
    fields = [
        "id",
        "idempotency_key",
        "region_id",
        "centre_id",
        "touchpoint_id",
        "channel",
        "text",
        "rating",
        "received_at",
        "status",
        "status_changed_at",
        "publication",
    ]
    rows = zip(
        c["id"].tolist(),
        _hex_keys(rng, n),
        s["region_ids"][c["region"]].tolist(),
        _mapped(np, c["centre"], s["centre_ids"]),
        _mapped(np, c["touchpoint"], s["touchpoint_ids"]),
        np.array(FEEDBACK_CHANNELS, dtype=object)[channel].tolist(),
        np.array(FEEDBACK_TEXTS, dtype=object)[c["text"]].tolist(),
        rating.tolist(),
        received,
        status.tolist(),
        received,
        publication,
        strict=True,
    )
    return fields, rows


# =========================================================================== DuckDB copy

DUCK_TABLES = {
    "response": "id BIGINT, region_id BIGINT, centre_id BIGINT, touchpoint_id BIGINT, "
    "channel VARCHAR, submitted_at TIMESTAMP, status VARCHAR, invitation_id BIGINT",
    "answer": "id BIGINT, response_id BIGINT, type VARCHAR, score INTEGER, scale_points INTEGER",
    "interaction": "id BIGINT, region_id BIGINT, centre_id BIGINT, touchpoint_id BIGINT, "
    "channel VARCHAR, opened_at TIMESTAMP, first_response_at TIMESTAMP, "
    "resolved_at TIMESTAMP, replies INTEGER, escalated BOOLEAN, resolved_first_contact BOOLEAN, "
    "resolvable_first_contact BOOLEAN, ttfr_seconds DOUBLE, outside_working_hours BOOLEAN",
    "invitation": "id BIGINT, touchpoint_id BIGINT, region_id BIGINT, centre_id BIGINT, "
    "channel VARCHAR, sent_at TIMESTAMP",
    "mention": "id BIGINT, region_id BIGINT, centre_id BIGINT, platform VARCHAR, "
    "published_at TIMESTAMP, stars INTEGER, sentiment VARCHAR",
}


def _nullable_int(values, valid):
    import pandas as pd

    return pd.Series(values).astype("Int64").where(valid)


class DuckSink:
    """The same facts, column by column, into a DuckDB file (the reference engine)."""

    def __init__(self, path: Path, s: dict):
        import duckdb

        self.path = path
        self.s = s
        path.unlink(missing_ok=True)
        self.con = duckdb.connect(str(path))
        for name, columns in DUCK_TABLES.items():
            self.con.execute(f"CREATE TABLE {name} ({columns})")
        self.seconds = 0.0

    def _insert(self, table: str, frame) -> None:
        started = time.perf_counter()
        self.con.register("chunk", frame)
        self.con.execute(f"INSERT INTO {table} SELECT * FROM chunk")  # noqa: S608
        self.con.unregister("chunk")
        self.seconds += time.perf_counter() - started

    @staticmethod
    def _ids(np, index, ids):
        return _nullable_int(ids[np.maximum(index, 0)], index >= 0)

    @staticmethod
    def _moments(np, epoch):
        import pandas as pd

        values = pd.Series(np.maximum(epoch, 0).astype("datetime64[s]"))
        return values.where(epoch >= 0)

    def invitations(self, np, c):
        import pandas as pd

        s = self.s
        self._insert(
            "invitation",
            pd.DataFrame(
                {
                    "id": c["id"],
                    "touchpoint_id": self._ids(np, c["touchpoint"], s["touchpoint_ids"]),
                    "region_id": s["region_ids"][c["region"]],
                    "centre_id": self._ids(np, c["centre"], s["centre_ids"]),
                    "channel": np.array(RESPONSE_CHANNELS)[c["channel"]],
                    "sent_at": self._moments(np, np.where(c["sent_ok"], c["sent_at"], -1)),
                }
            ),
        )

    def responses(self, np, c):
        import pandas as pd

        s = self.s
        self._insert(
            "response",
            pd.DataFrame(
                {
                    "id": c["id"],
                    "region_id": s["region_ids"][c["region"]],
                    "centre_id": self._ids(np, c["centre"], s["centre_ids"]),
                    "touchpoint_id": s["touchpoint_ids"][c["touchpoint"]],
                    "channel": np.array(RESPONSE_CHANNELS)[c["channel"]],
                    "submitted_at": self._moments(np, c["submitted_at"]),
                    "status": np.array(["accepted", "flagged", "rejected"])[c["status"]],
                    "invitation_id": _nullable_int(c["invitation"], c["invitation"] >= 0),
                }
            ),
        )

    def answers(self, np, c):
        import pandas as pd

        self._insert(
            "answer",
            pd.DataFrame(
                {
                    "id": c["id"],
                    "response_id": c["response"],
                    "type": np.array(["nps", "ces", "csat"])[c["kind"]],
                    "score": c["score"],
                    "scale_points": _nullable_int(np.full(len(c["id"]), 5), c["kind"] == 1),
                }
            ),
        )

    def interactions(self, np, c):
        import pandas as pd

        s = self.s
        self._insert(
            "interaction",
            pd.DataFrame(
                {
                    "id": c["id"],
                    "region_id": s["region_ids"][c["region"]],
                    "centre_id": self._ids(np, c["centre"], s["centre_ids"]),
                    "touchpoint_id": self._ids(np, c["touchpoint"], s["touchpoint_ids"]),
                    "channel": np.array(INTERACTION_CHANNELS)[c["channel"]],
                    "opened_at": self._moments(np, c["opened_at"]),
                    "first_response_at": self._moments(np, c["first_response_at"]),
                    "resolved_at": self._moments(np, c["resolved_at"]),
                    "replies": c["replies"],
                    "escalated": c["escalated"],
                    "resolved_first_contact": c["resolved_first_contact"],
                    "resolvable_first_contact": c["resolvable_first_contact"],
                    "ttfr_seconds": pd.Series(c["ttfr_seconds"].astype(float)).where(c["ttfr_has"]),
                    "outside_working_hours": c["outside_working_hours"],
                }
            ),
        )

    def mentions(self, np, c):
        import pandas as pd

        s = self.s
        self._insert(
            "mention",
            pd.DataFrame(
                {
                    "id": c["id"],
                    "region_id": s["region_ids"][c["region"]],
                    "centre_id": self._ids(np, c["centre"], s["centre_ids"]),
                    "platform": np.array(PLATFORMS)[c["platform"]],
                    "published_at": self._moments(np, c["published_at"]),
                    "stars": _nullable_int(c["stars"], c["stars"] >= 0),
                    "sentiment": np.array(SENTIMENTS)[c["sentiment"]],
                }
            ),
        )

    def close(self, plain: dict, scale: float) -> None:
        self.con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        self.con.execute(
            "INSERT INTO meta VALUES (?, ?), (?, ?)",
            ["structure", json.dumps(plain["touchpoint_ids"]), "scale", str(scale)],
        )
        self.con.execute("CHECKPOINT")
        self.con.close()


def copy_to_duckdb(args, paths) -> float:
    """The DuckDB copy alone, generated again from the kept structure: the generator is
    seeded, so these are the loaded database's facts. Returns the seconds it took."""
    import numpy as np

    started = time.perf_counter()
    s = structure_arrays(json.loads(paths["structure"].read_text()))
    duck = DuckSink(paths["duckdb_tmp"], s)
    gen = Generator(s, args.scale)
    for block in gen.survey_blocks():  # one pass: the load's three give the same ids
        duck.invitations(np, block[1])
        duck.responses(np, block[2])
        duck.answers(np, block[3])
    for block in gen.interaction_blocks():
        duck.interactions(np, block[1])
    for block in gen.mention_blocks():
        duck.mentions(np, block[1])
    duck.close(s["plain"], args.scale)
    paths["duckdb_tmp"].replace(paths["duckdb"])
    return time.perf_counter() - started


# =========================================================================== load


def load(args, paths) -> dict:
    """Migrate, create the structure, generate and bulk-load every fact table, rollups."""
    import numpy as np
    from django.core.management import call_command
    from django.db import connection

    from otklik.feedback import bulk
    from otklik.feedback.models import (
        Answer,
        FeedbackItem,
        Interaction,
        Invitation,
        Mention,
        Response,
    )

    report: dict = {"db": connection.vendor, "scale": args.scale, "tables": {}}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    report["migrate_s"] = time.perf_counter() - started
    for model in (Response, Interaction, Mention):
        if model.objects.exists():
            raise SystemExit(f"{model._meta.db_table} is not empty: use a fresh database")
    started = time.perf_counter()
    s = create_structure()
    report["structure_s"] = time.perf_counter() - started
    paths["structure"].write_text(json.dumps(s["plain"]))
    log(f"structure: {report['structure_s']:.1f} s ({len(s['touchpoint_ids'])} touchpoints)")
    duck = None
    if not paths["duckdb"].exists() or args.rebuild_duckdb:
        duck = DuckSink(paths["duckdb_tmp"], s)
    gen = Generator(s, args.scale)
    timing = defaultdict(float)
    rows = defaultdict(int)

    def stream(name, blocks, pick, build, to_duck):
        """The rows of one table over every block; generation and the DuckDB copy are
        timed apart and left out of the table's load time."""
        fields = None
        iterator = blocks()
        while True:
            t0 = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                return
            block, columns = item[0], pick(item)
            t1 = time.perf_counter()
            fields, rows_ = build(np, s, columns)
            t2 = time.perf_counter()
            if duck:
                to_duck(np, columns)
            t3 = time.perf_counter()
            timing["generate"] += t1 - t0
            timing["prepare"] += t2 - t1
            timing[name + " outside"] += t3 - t0
            if block % 6 == 0:
                log(f"{name} block {block}")
            yield fields, rows_

    def put(model, name, blocks, pick, build, to_duck):
        chunks = stream(name, blocks, pick, build, to_duck)
        first_fields, first_rows = next(chunks)

        def rows_():
            yield from first_rows
            for _fields, more in chunks:
                yield from more

        t0 = time.perf_counter()
        outside_before = timing[name + " outside"]
        loaded = bulk.load(
            model, first_fields, rows_(), rollups_after=False, analyze=False, defer_indexes=True
        )
        outside = timing[name + " outside"] - outside_before
        rows[name] = loaded.rows
        timing[name] = time.perf_counter() - t0 - outside
        log(f"{name}: {loaded.rows:,} rows, {timing[name]:.1f} s")

    nothing = lambda np_, c: None  # noqa: E731
    surveys = gen.survey_blocks
    put(
        Invitation,
        "invitation",
        surveys,
        lambda b: b[1],
        invitation_rows,
        duck.invitations if duck else nothing,
    )
    gen.next_id.clear()  # the same survey blocks again: same ids
    put(
        Response,
        "response",
        surveys,
        lambda b: b[2],
        response_rows,
        duck.responses if duck else nothing,
    )
    gen.next_id.clear()
    put(Answer, "answer", surveys, lambda b: b[3], answer_rows, duck.answers if duck else nothing)
    put(
        Interaction,
        "interaction",
        gen.interaction_blocks,
        lambda b: b[1],
        interaction_rows,
        duck.interactions if duck else nothing,
    )
    put(
        Mention,
        "mention",
        gen.mention_blocks,
        lambda b: b[1],
        mention_rows,
        duck.mentions if duck else nothing,
    )
    put(FeedbackItem, "feedbackitem", gen.feedback_blocks, lambda b: b[1], feedback_rows, nothing)
    log("facts loaded; ANALYZE and rollups")
    started = time.perf_counter()
    facts = (Invitation, Response, Answer, Interaction, Mention, FeedbackItem)
    bulk.analyze_tables(model._meta.db_table for model in facts)
    report["analyze_s"] = time.perf_counter() - started
    if duck:
        duck.close(s["plain"], args.scale)
        paths["duckdb_tmp"].replace(paths["duckdb"])
        report["duckdb_copy_s"] = duck.seconds
    report["generate_s"] = timing.pop("generate")
    report["prepare_s"] = timing.pop("prepare")
    report["tables"] = {name: {"rows": rows[name], "s": timing[name]} for name in rows}
    report["rows_note"] = "load s = bulk.load wall time less generation and the DuckDB copy"
    # The facts' figures are kept before the rollups: a stopped rebuild can be redone
    # with --rebuild-rollups, which adds its own figures.
    paths["report"].write_text(json.dumps(report, indent=1))
    report.update(rebuilt_rollups(paths))
    return report


def rebuilt_rollups(paths) -> dict:
    """Rebuild every rollup; its figures, also written into the kept load report."""
    from otklik.feedback import bulk

    figures = {"rollups_s": bulk.rebuild_rollups(), "rollup_rows": rollup_rows()}
    figures["size_mb"] = database_size(paths)
    if paths["report"].exists():
        report = json.loads(paths["report"].read_text())
        paths["report"].write_text(json.dumps({**report, **figures}, indent=1))
    return figures


def rollup_rows() -> dict:
    from otklik.metrics import rollups

    return {r.table: r.model.objects.count() for r in rollups.ROLLUPS}


def database_size(paths) -> float:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6
    total = 0
    for suffix in ("", "-wal", "-shm"):
        path = Path(str(paths["sqlite"]) + suffix)
        if path.exists():
            total += path.stat().st_size
    return total / 1e6


def _seconds(value) -> str:
    """A figure of the load report; a report recovered from a log lacks some."""
    return "  not logged" if value is None else f"{value:8.1f} s"


def print_load(report: dict) -> None:
    print(f"\n== load: {report['db']}, scale {report['scale']:g}")
    print(f"migrate                {_seconds(report.get('migrate_s'))}")
    print(f"structure              {_seconds(report.get('structure_s'))}")
    print(f"generation (numpy)     {_seconds(report.get('generate_s'))}")
    print(f"columns → row values   {_seconds(report.get('prepare_s'))}  (tolist, timestamps)")
    total_rows = total_s = 0
    for name, t in report["tables"].items():
        rate = t["rows"] / t["s"] if t["s"] else 0
        print(f"load {name:<17} {t['s']:8.1f} s  {t['rows']:>12,} rows  {rate:>10,.0f} rows/s")
        total_rows += t["rows"]
        total_s += t["s"]
    print(f"load, all facts        {total_s:8.1f} s  {total_rows:>12,} rows")
    if report.get("analyze_s"):
        print(f"ANALYZE                {report['analyze_s']:8.1f} s")
    if report.get("rollups_s") is None:
        print("rollups rebuild        not done: run with --rebuild-rollups")
    else:
        print(f"rollups rebuild        {report['rollups_s']:8.1f} s  {report['rollup_rows']}")
    if "duckdb_copy_s" in report:
        print(f"DuckDB copy (not timed as a query) {report['duckdb_copy_s']:.1f} s")
    print(f"database size          {report['size_mb']:8.0f} MB")


# =========================================================================== benchmark


def timed(action, runs: int):
    """(median ms over ``runs`` after one warm-up, the last result)."""
    times, last = interleaved({"one": (action, runs)})
    return times["one"], last["one"]


def interleaved(actions: dict) -> tuple[dict, dict]:
    """``{name: (action, runs)}`` → (median ms, last result) per name, the actions run in
    turns after one warm-up each; an action with fewer runs takes turns spread evenly over
    all of them (not the first ones only), so that its median and the others' are of the
    same minutes of a machine whose speed changes."""
    last = {name: action() for name, (action, _runs) in actions.items()}
    times: dict = {name: [] for name in actions}
    total = max(runs for _action, runs in actions.values())
    turns = {
        name: {int((i + 0.5) * total / runs) for i in range(runs)}
        for name, (_action, runs) in actions.items()
    }
    for turn in range(total):
        for name, (action, _runs) in actions.items():
            if turn in turns[name]:
                started = time.perf_counter()
                last[name] = action()
                times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}, last


class Checker:
    def __init__(self):
        self.failures: list[str] = []
        self.checked = 0

    def same(self, where: str, expected, got, tolerance: float = 0.0) -> None:
        self.checked += 1
        if expected is None or got is None:
            ok = expected is None and got is None
        elif isinstance(expected, float) or isinstance(got, float):
            ok = math.isclose(expected, got, rel_tol=tolerance, abs_tol=tolerance)
        else:
            ok = expected == got
        if not ok:
            self.failures.append(f"{where}: expected {expected!r}, got {got!r}")


def table_periods() -> dict:
    """The weekly table's periods: the data's last week, the week before, the baseline."""
    from otklik.metrics.slices import Period, baseline

    this_week = Period.containing(END - timedelta(days=1), "week")
    last_week, base = this_week.previous(), baseline(this_week)
    return {"this week": this_week, "last week": last_week, "baseline": base}


def largest_region_index(plain: dict) -> int:
    """The index of the region with the most centres (the first of them)."""
    counts = plain["centre_count"]
    return counts.index(max(counts))


def django_environment(db: str, pg_url: str, sqlite_file: Path, pg_name: str, work: Path) -> None:
    """Point Django at a national data set: PostgreSQL's database ``pg_name`` or the SQLite
    file, with ``work`` as its data directory."""
    os.environ["OTKLIK_DATA_DIR"] = str(work)
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["OTKLIK_HTTPS"] = "0"
    os.environ["OTKLIK_HUEY_IMMEDIATE"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "otklik.settings"
    if db == "postgres":
        parts = urllib.parse.urlsplit(pg_url)
        os.environ["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{pg_name}"))
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"


def benchmark(args, paths) -> int:
    import duckdb
    import numpy as np  # noqa: F401  (pandas needs it)
    import pandas  # noqa: F401  (imported before the freeze below, as the rest)
    from django.db import connection

    from otklik.metrics.queries import metric_series, metric_table, metric_tables, metric_values
    from otklik.metrics.slices import Period, Slice

    plain = json.loads(paths["structure"].read_text())
    s = structure_arrays(plain)
    periods = table_periods()
    this_week, last_week, base = periods.values()
    trend_period = Period(this_week.end - timedelta(weeks=52), this_week.end)
    region_index = largest_region_index(plain)  # the largest region: the worst case
    region = int(s["region_ids"][region_index])
    centre = int(s["centre_ids"][s["centre_first"][region_index]])  # its busiest centre
    runs = args.runs
    print(f"\n== benchmark: {connection.vendor}, scale {args.scale:g}, median of {runs} runs")
    print(
        f"this week {this_week.start}…{this_week.last_day}, last week {last_week.start}, "
        f"baseline {base.start}…{base.last_day}; region id {region} (the largest), "
        f"centre id {centre}"
    )
    # As the server does after start-up (otklik.wsgi): what exists now (Django, numpy,
    # pandas, DuckDB, the structure) is left out of garbage collection, so the collector
    # walks what the measured calls make, not the bench's own heap.
    gc.freeze()
    results = {}

    def table():  # the three periods in one call, as the weekly table page asks for them
        tables = metric_tables(Slice(region=region), list(periods.values()), by="touchpoint")
        return dict(zip(periods, tables, strict=True))

    parts = {}
    for name, p in periods.items():
        parts[name], _ = timed(
            lambda p=p: metric_table(Slice(region=region), p, "touchpoint"), runs
        )
    results["trend"], trend = timed(
        lambda: metric_series(Slice(), trend_period, "week", ["NPS", "CES", "CSAT"]), runs
    )
    results["tile"], tile = timed(
        lambda: metric_values(Slice(centre=centre), this_week, ["NPS"]), runs
    )
    results["tile_all"], tile_all = timed(
        lambda: metric_values(Slice(centre=centre), this_week), runs
    )
    duck = duckdb.connect(str(paths["duckdb"]), read_only=True)
    check_duck_structure(duck, plain)
    # The three ways of the ratios take turns, so that a change of the machine's speed
    # during the run (a shared virtual machine's is large) falls on all three alike.
    compared = {
        "table": (table, runs),
        "pandas": (lambda: pandas_way(connection, region, periods), max(1, min(runs, 3))),
        "duckdb": (lambda: duckdb_way(duck, region, periods), runs),
    }
    timings, last = interleaved(compared)
    results.update(timings)
    engine_table, pandas_table, duck_table = last["table"], last["pandas"], last["duckdb"]

    touchpoints = len(set(engine_table["this week"]) - {0, None})
    for key in (0, None):
        if key in engine_table["this week"]:
            row = engine_table["this week"][key]
            print(
                f"note: the engine's table has a group {key!r} (facts without a touchpoint): "
                f"CV-2 n={row['CV-2'].n}, TTFR n={row['TTFR'].n} median={row['TTFR'].value}"
            )
    print(f"\nregion table, by touchpoint, all codes ({touchpoints} touchpoints this week):")
    for name, ms in parts.items():
        print(f"  metric_table {name:<10} {ms:9.1f} ms")
    print(f"  metric_tables, all three {results['table']:9.1f} ms   goal ≤ {GOALS['table']:.0f} ms")
    print(f"52-week national trend    {results['trend']:9.1f} ms   goal ≤ {GOALS['trend']:.0f} ms")
    print(f"tile, centre NPS          {results['tile']:9.1f} ms   goal ≤ {GOALS['tile']:.0f} ms")
    print(f"tile, centre all codes    {results['tile_all']:9.1f} ms   (for reference)")
    print(f"pandas way (read + groupby) {results['pandas']:7.1f} ms")
    print(f"DuckDB (same table)       {results['duckdb']:9.1f} ms")
    vs_pandas = results["pandas"] / results["table"]
    vs_duck = results["table"] / results["duckdb"]
    print(f"\nOtklik vs pandas: {vs_pandas:6.1f}× faster   (goal ≥ 10×)")
    print(f"Otklik vs DuckDB: {vs_duck:6.2f}× DuckDB's time (goal ≤ 2×)")

    checker = Checker()
    compare_tables(checker, "pandas", engine_table, pandas_table)
    compare_tables(checker, "duckdb", engine_table, duck_table)
    check_formulas(checker, engine_table, region, centre, this_week, periods, tile_all, trend)
    check_derived(checker)
    goals = {
        "region table ≤ 1 s": results["table"] <= GOALS["table"],
        "national trend ≤ 2 s": results["trend"] <= GOALS["trend"],
        "tile ≤ 200 ms": results["tile"] <= GOALS["tile"],
        "≥ 10× pandas": vs_pandas >= 10,
        "≤ 2× DuckDB": vs_duck <= 2,
    }
    print()
    for goal, ok in goals.items():
        print(f"GOAL {goal:<22} {'PASS' if ok else 'FAIL'}")
    print(f"\ncorrectness: {checker.checked} values compared")
    if checker.failures:
        print("!" * 72)
        print(f"MISMATCH: {len(checker.failures)} values differ")
        for failure in checker.failures[:40]:
            print("  " + failure)
        print("!" * 72)
        return 1
    print("CORRECTNESS PASS: engine = pure formulas = pandas = DuckDB on every compared value")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "goals": goals}, indent=1))
    return 2 if args.strict and not all(goals.values()) else 0


def check_duck_structure(duck, plain) -> None:
    stored = json.loads(
        duck.execute("SELECT value FROM meta WHERE key = 'structure'").fetchone()[0]
    )
    if stored != plain["touchpoint_ids"]:
        raise SystemExit("the DuckDB copy was made from another structure: use --rebuild-duckdb")


# ---------------------------------------------------------------- the analyst's ways


def _utc(day: date) -> datetime:
    from otklik.metrics.rollups import day_start

    return day_start(day).astimezone(UTC).replace(tzinfo=None)


def _span(periods):
    return min(p.start for p in periods.values()), max(p.end for p in periods.values())


def pandas_way(connection, region: int, periods) -> dict:
    """What an analyst does without Otklik: read the region's facts, group by touchpoint."""
    import pandas as pd

    start, end = _span(periods)
    params = [region, _db_moment(connection, start), _db_moment(connection, end)]
    mark = "?" if connection.vendor == "sqlite" else "%s"
    raw = connection.connection
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pandas prefers SQLAlchemy
        answers = pd.read_sql(
            "SELECT r.id AS response_id, r.touchpoint_id, r.submitted_at, a.type, a.score, "  # noqa: S608
            "a.scale_points FROM feedback_response r JOIN feedback_answer a "
            f"ON a.response_id = r.id WHERE r.region_id = {mark} AND r.submitted_at >= {mark} "
            f"AND r.submitted_at < {mark} AND r.status = 'accepted'",  # noqa: S608
            raw,
            params=params,
        )
        interactions = pd.read_sql(
            "SELECT touchpoint_id, channel, opened_at, resolved_at, replies, escalated, "  # noqa: S608
            "resolved_first_contact, resolvable_first_contact, ttfr_seconds, "
            "outside_working_hours FROM feedback_interaction "
            f"WHERE region_id = {mark} AND opened_at >= {mark} AND opened_at < {mark} "
            "AND touchpoint_id IS NOT NULL",  # noqa: S608
            raw,
            params=params,
        )
        invitations = pd.read_sql(
            "SELECT i.touchpoint_id, i.sent_at, r.status FROM feedback_invitation i "  # noqa: S608
            "LEFT JOIN feedback_response r ON r.invitation_id = i.id "
            f"WHERE i.region_id = {mark} AND i.sent_at >= {mark} AND i.sent_at < {mark}",  # noqa: S608
            raw,
            params=params,
        )
    for frame, column in (
        (answers, "submitted_at"),
        (interactions, "opened_at"),
        (invitations, "sent_at"),
    ):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    for column in ("escalated", "resolved_first_contact", "resolvable_first_contact"):
        interactions[column] = interactions[column].astype(bool)
    interactions["outside_working_hours"] = interactions["outside_working_hours"].astype(bool)
    result = {}
    for name, p in periods.items():
        lo, hi = pd.Timestamp(_utc(p.start), tz="UTC"), pd.Timestamp(_utc(p.end), tz="UTC")
        a = answers[(answers.submitted_at >= lo) & (answers.submitted_at < hi)]
        i = interactions[(interactions.opened_at >= lo) & (interactions.opened_at < hi)]
        v = invitations[(invitations.sent_at >= lo) & (invitations.sent_at < hi)]
        result[name] = _pandas_metrics(a, i, v)
    return result


def _db_moment(connection, day: date):
    moment = _utc(day)
    return str(moment) if connection.vendor == "sqlite" else moment.replace(tzinfo=UTC)


def _pandas_metrics(a, i, v) -> dict:
    import pandas as pd

    out: dict = defaultdict(dict)
    nps = a[a.type == "nps"]
    ces = a[a.type == "ces"]
    csat = a[a.type == "csat"]
    g = pd.DataFrame(
        {
            "pro": (nps.score >= 9).groupby(nps.touchpoint_id).sum(),
            "det": (nps.score <= 6).groupby(nps.touchpoint_id).sum(),
            "nps_n": nps.groupby("touchpoint_id").size(),
        }
    )
    for tp, row in g.dropna().iterrows():
        out[int(tp)]["NPS"] = ((row.pro - row.det) / row.nps_n * 100, int(row.nps_n))
    doubled = ces.score * 2
    mid = ces.scale_points + 1
    g = pd.DataFrame(
        {
            "easy": (doubled > mid).groupby(ces.touchpoint_id).sum(),
            "hard": (doubled < mid).groupby(ces.touchpoint_id).sum(),
            "n": ces.groupby("touchpoint_id").size(),
        }
    )
    for tp, row in g.dropna().iterrows():
        out[int(tp)]["CES"] = ((row.easy - row.hard) / row.n * 100, int(row.n))
    g = pd.DataFrame(
        {
            "ok": (csat.score >= 3).groupby(csat.touchpoint_id).sum(),
            "n": csat.groupby("touchpoint_id").size(),
        }
    )
    for tp, row in g.dropna().iterrows():
        out[int(tp)]["CSAT"] = (row.ok / row.n * 100, int(row.n))
    by = i.groupby("touchpoint_id")
    g = pd.DataFrame(
        {
            "n": by.size(),
            "resolved": by.resolved_at.count(),
            "escalated": by.escalated.sum(),
            "rfc": by.resolved_first_contact.sum(),
            "replies": by.replies.sum(),
            "ttfr_n": by.ttfr_seconds.count(),
            "median": by.ttfr_seconds.quantile(0.5),
            "p90": by.ttfr_seconds.quantile(0.9),
        }
    )
    for tp, row in g.iterrows():
        n = int(row.n)
        o = out[int(tp)]
        o["RR"] = (row.resolved / n * 100, n)
        o["ER"] = (row.escalated / n * 100, n)
        o["FCR"] = (row.rfc / n * 100, n)
        o["RpC"] = (row.replies / n, n)
        o["CV-2"] = (n, n)
        o["TTFR"] = (None if row.ttfr_n == 0 else float(row["median"]), int(row.ttfr_n))
        o["TTFR p90"] = (None if row.ttfr_n == 0 else float(row.p90), int(row.ttfr_n))
    by = v.groupby("touchpoint_id")
    g = pd.DataFrame(
        {"n": by.size(), "ok": (v.status == "accepted").groupby(v.touchpoint_id).sum()}
    )
    for tp, row in g.iterrows():
        out[int(tp)]["RESPONSE_RATE"] = (row.ok / row.n * 100, int(row.n))
    return out


DUCK_SURVEYS = """
SELECT r.touchpoint_id,
       count(*) FILTER (WHERE a.type = 'nps' AND a.score >= 9) AS pro,
       count(*) FILTER (WHERE a.type = 'nps' AND a.score <= 6) AS det,
       count(*) FILTER (WHERE a.type = 'nps') AS nps_n,
       count(*) FILTER (WHERE a.type = 'ces' AND 2 * a.score > a.scale_points + 1) AS easy,
       count(*) FILTER (WHERE a.type = 'ces' AND 2 * a.score < a.scale_points + 1) AS hard,
       count(*) FILTER (WHERE a.type = 'ces') AS ces_n,
       count(*) FILTER (WHERE a.type = 'csat' AND a.score >= 3) AS csat_ok,
       count(*) FILTER (WHERE a.type = 'csat') AS csat_n
FROM response r JOIN answer a ON a.response_id = r.id
WHERE r.region_id = ? AND r.submitted_at >= ? AND r.submitted_at < ? AND r.status = 'accepted'
GROUP BY r.touchpoint_id
"""
DUCK_INTERACTIONS = """
SELECT touchpoint_id, count(*) AS n, count(resolved_at) AS resolved,
       count(*) FILTER (WHERE escalated) AS escalated,
       count(*) FILTER (WHERE resolved_first_contact) AS rfc,
       sum(replies) AS replies, count(ttfr_seconds) AS ttfr_n,
       quantile_cont(ttfr_seconds, 0.5) AS median, quantile_cont(ttfr_seconds, 0.9) AS p90
FROM interaction
WHERE region_id = ? AND opened_at >= ? AND opened_at < ? AND touchpoint_id IS NOT NULL
GROUP BY touchpoint_id
"""
DUCK_INVITATIONS = """
SELECT i.touchpoint_id, count(*) AS n, count(*) FILTER (WHERE r.status = 'accepted') AS ok
FROM invitation i LEFT JOIN response r ON r.invitation_id = i.id
WHERE i.region_id = ? AND i.sent_at >= ? AND i.sent_at < ?
GROUP BY i.touchpoint_id
"""


def duckdb_way(duck, region: int, periods) -> dict:
    result = {}
    for name, p in periods.items():
        params = [region, _utc(p.start), _utc(p.end)]
        out: dict = defaultdict(dict)
        for tp, pro, det, nps_n, easy, hard, ces_n, ok, csat_n in duck.execute(
            DUCK_SURVEYS, params
        ).fetchall():
            if nps_n:
                out[tp]["NPS"] = ((pro - det) / nps_n * 100, nps_n)
            if ces_n:
                out[tp]["CES"] = ((easy - hard) / ces_n * 100, ces_n)
            if csat_n:
                out[tp]["CSAT"] = (ok / csat_n * 100, csat_n)
        for tp, n, resolved, esc, rfc, replies, ttfr_n, median, p90 in duck.execute(
            DUCK_INTERACTIONS, params
        ).fetchall():
            o = out[tp]
            o["RR"] = (resolved / n * 100, n)
            o["ER"] = (esc / n * 100, n)
            o["FCR"] = (rfc / n * 100, n)
            o["RpC"] = (replies / n, n)
            o["CV-2"] = (n, n)
            o["TTFR"] = (median, ttfr_n)
            o["TTFR p90"] = (p90, ttfr_n)
        for tp, n, ok in duck.execute(DUCK_INVITATIONS, params).fetchall():
            out[tp]["RESPONSE_RATE"] = (ok / n * 100, n)
        result[name] = out
    return result


# ---------------------------------------------------------------- correctness


def _engine_pairs(values: dict) -> dict:
    """{code: (value, n)} of an engine row, as the analysts' ways give them."""
    out = {}
    for code, v in values.items():
        if not v.applicable or code in ("IQS",) or v.n == 0:
            continue
        out[code] = (v.value, v.n)
        if code == "TTFR":
            out["TTFR p90"] = (v.detail.get("p90"), v.n)
    return out


def compare_tables(checker: Checker, who: str, engine: dict, other: dict) -> None:
    for name, table in engine.items():
        theirs = other[name]
        # Facts without a touchpoint form the engine's group 0 (see the report); the
        # analysts' ways leave them out.
        keys = (set(table) | set(theirs)) - {0, None}
        for tp in sorted(keys, key=str):
            mine = _engine_pairs(table.get(tp, {}))
            got = {code: pair for code, pair in theirs.get(tp, {}).items() if pair[1]}
            for code in sorted(set(mine) | set(got)):
                where = f"{who} {name} touchpoint {tp} {code}"
                expected = mine.get(code)
                found = got.get(code)
                if expected is None or found is None:
                    checker.same(where, expected, found)
                    continue
                checker.same(where + " n", expected[1], found[1])
                checker.same(where, _f(expected[0]), _f(found[0]), 1e-9)


def _f(value):
    return None if value is None else float(value)


def check_formulas(checker, engine_table, region, centre, this_week, periods, tile_all, trend):
    """Every metric of sample slices from the pure formulas over rows read into Python."""
    from otklik.feedback.models import Answer, Interaction, Invitation, Mention
    from otklik.metrics import formulas
    from otklik.metrics.rollups import day_start
    from otklik.metrics.schedule import working_schedule

    schedule = working_schedule()

    def window(p):
        return day_start(p.start), day_start(p.end)

    def survey_values(answers):
        nps = [formulas.nps_bucket(a.score) for a in answers if a.type == "nps"]
        ces = [formulas.ces_bucket(a.score, a.scale_points) for a in answers if a.type == "ces"]
        csat = [a.score for a in answers if a.type == "csat"]
        counts = {level: csat.count(level) for level in range(1, 6)}
        summary = formulas.csat_summary(counts)
        return {
            "NPS": (
                formulas.nps(nps.count("promoter"), nps.count("passive"), nps.count("detractor")),
                len(nps),
            ),
            "CES": (
                formulas.ces(ces.count("easy"), ces.count("neutral"), ces.count("hard")),
                len(ces),
            ),
            "CSAT": (summary.csat if summary else None, len(csat)),
        }

    def interaction_values(rows):
        n = len(rows)
        waits = [
            interaction_wait(r.opened_at, r.first_response_at) for r in rows if r.first_response_at
        ]
        by_channel = defaultdict(int)
        for r in rows:
            by_channel[r.channel] += 1
        outside = sum(formulas.is_outside_working_hours(r.opened_at, schedule) for r in rows)
        return {
            "RR": (formulas.resolution_rate(sum(r.resolved_at is not None for r in rows), n), n),
            "ER": (formulas.escalation_rate(sum(r.escalated for r in rows), n), n),
            "FCR": (formulas.fcr(sum(r.resolved_first_contact for r in rows), n), n),
            "RpC": (formulas.replies_per_conversation(sum(r.replies for r in rows), n), n),
            "CV-2": (formulas.conversation_volume(dict(by_channel)), n),
            "TTFR": (formulas.ttfr_median(waits), len(waits)),
            "TTFR p90": (formulas.ttfr_p90(waits), len(waits)),
            "TTFR mean": (formulas.ttfr_mean(waits), len(waits)),
            "outside": (formulas.share_outside_working_hours(outside, n), n),
        }

    def engine_extra(values):
        out = _engine_pairs(values)
        if "TTFR" in values and values["TTFR"].n:
            out["TTFR mean"] = (values["TTFR"].detail["mean"], values["TTFR"].n)
        if "CV-2" in values and values["CV-2"].n:
            out["outside"] = (values["CV-2"].detail["outside_working_hours"], values["CV-2"].n)
        return out

    def compare(where, expected: dict, values: dict):
        mine = engine_extra(values)
        for code, (value, n) in expected.items():
            if n == 0:
                continue
            got = mine.get(code)
            if got is None:
                checker.same(f"{where} {code}", (value, n), None)
                continue
            checker.same(f"{where} {code} n", n, got[1])
            checker.same(f"{where} {code}", _f(value), _f(got[0]), 1e-9)

    # A few touchpoints of the region, in each period: the busiest three and one more.
    table = engine_table["this week"]
    ranked = sorted(table, key=lambda tp: -table[tp]["CV-2"].n)
    sample = ranked[:3] + ranked[len(ranked) // 2 : len(ranked) // 2 + 1]
    for name, p in periods.items():
        lo, hi = window(p)
        for tp in sample:
            answers = list(
                Answer.objects.filter(
                    response__touchpoint_id=tp,
                    response__status="accepted",
                    response__submitted_at__gte=lo,
                    response__submitted_at__lt=hi,
                ).only("type", "score", "scale_points")
            )
            rows = list(
                Interaction.objects.filter(touchpoint_id=tp, opened_at__gte=lo, opened_at__lt=hi)
            )
            invited = Invitation.objects.filter(touchpoint_id=tp, sent_at__gte=lo, sent_at__lt=hi)
            expected = {**survey_values(answers), **interaction_values(rows)}
            n_inv = invited.count()
            expected["RESPONSE_RATE"] = (
                formulas.response_rate(invited.filter(response__status="accepted").count(), n_inv),
                n_inv,
            )
            compare(f"formulas {name} touchpoint {tp}", expected, engine_table[name].get(tp, {}))
    # A centre-week, every code (also the mentions: CV-1 and the external rating).
    lo, hi = window(this_week)
    answers = list(
        Answer.objects.filter(
            response__centre_id=centre,
            response__status="accepted",
            response__submitted_at__gte=lo,
            response__submitted_at__lt=hi,
        )
    )
    rows = list(Interaction.objects.filter(centre_id=centre, opened_at__gte=lo, opened_at__lt=hi))
    mentions = list(
        Mention.objects.filter(centre_id=centre, published_at__gte=lo, published_at__lt=hi)
    )
    stars = [m.stars for m in mentions if m.stars is not None]
    invited = Invitation.objects.filter(centre_id=centre, sent_at__gte=lo, sent_at__lt=hi)
    expected = {**survey_values(answers), **interaction_values(rows)}
    expected["CV-1"] = (len(mentions), len(mentions))
    expected["EXT_RATING"] = (formulas.external_rating(sum(stars), len(stars)), len(stars))
    expected["RESPONSE_RATE"] = (
        formulas.response_rate(
            invited.filter(response__status="accepted").count(), invited.count()
        ),
        invited.count(),
    )
    compare(f"formulas centre {centre} week", expected, tile_all)
    checker.same("centre tile IQS (no evaluations)", None, tile_all["IQS"].value)
    # Two weeks of the national trend.
    for bucket, values in (trend[-1], trend[len(trend) // 2]):
        lo, hi = window(bucket)
        answers = list(
            Answer.objects.filter(
                response__status="accepted",
                response__submitted_at__gte=lo,
                response__submitted_at__lt=hi,
            ).only("type", "score", "scale_points")
        )
        compare(f"formulas national week {bucket.start}", survey_values(answers), values)


def interaction_wait(opened, first) -> float:
    from otklik.feedback.models import interaction_derived

    return interaction_derived(opened, first)["ttfr_seconds"]


def check_derived(checker: Checker) -> None:
    """The vectorised derived columns equal ``interaction_derived`` row by row (a sample)."""
    from otklik.feedback.models import Interaction, interaction_derived

    total = Interaction.objects.count()
    step = max(1, total // 20_000)
    sample = Interaction.objects.filter(id__in=range(1, total + 1, step)).only(
        "opened_at", "first_response_at", "ttfr_seconds", "ttfr_bucket", "outside_working_hours"
    )
    for row in sample.iterator(chunk_size=5000):
        derived = interaction_derived(row.opened_at, row.first_response_at)
        for name, value in derived.items():
            checker.same(f"derived interaction {row.pk} {name}", value, getattr(row, name))


# =========================================================================== main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the databases")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--bench-only", action="store_true")
    parser.add_argument("--rebuild-rollups", action="store_true", help="only rebuild rollups")
    parser.add_argument("--rebuild-duckdb", action="store_true")
    parser.add_argument("--keep-duckdb", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 2 when a goal is missed")
    parser.add_argument("--json", default="")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--data-dir", default="/work/bench-data")
    args = parser.parse_args()
    if args.db == "both":
        code = 0
        for db in ("postgres", "sqlite"):
            argv = [sys.executable, __file__, *sys.argv[1:], "--db", db]
            if db == "postgres":
                argv.append("--keep-duckdb")  # the SQLite run uses it too
            code = max(code, subprocess.call(argv))  # noqa: S603
        return code
    return run(args)


def run(args) -> int:
    data = Path(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    tag = scale_tag(args.scale)
    paths = {
        "sqlite": data / f"national-{tag}.sqlite3",
        "duckdb": data / f"national-{tag}.duckdb",
        # Its own name per process: two loads at once (one per database) each write a
        # copy, and the last to finish puts its copy in place.
        "duckdb_tmp": data / f"national-{tag}.duckdb.{os.getpid()}.part",
        "structure": data / f"national-{tag}-{args.db}.structure.json",
        "report": data / f"national-{tag}-{args.db}.load.json",
    }
    work = Path(tempfile.mkdtemp(prefix="otklik-national-"))
    pg_name = "otklik_national" if args.scale == 1 else f"otklik_national_{tag}"
    django_environment(args.db, args.pg_url, paths["sqlite"], pg_name, work)
    sys.path.insert(0, str(ROOT / "src"))
    exists = paths["report"].exists()
    if not exists or not (args.keep or args.bench_only or args.rebuild_rollups):
        if args.bench_only or args.rebuild_rollups:
            raise SystemExit(f"nothing loaded yet for {args.db} at scale {args.scale:g}")
        fresh_database(args, paths, pg_name)
        exists = False
    import django

    django.setup()
    from django.db import connection

    code = 0
    try:
        if exists:  # a kept database: bring its schema up to the code's (new indexes …)
            from django.core.management import call_command

            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            log(f"migrate of the kept database: {time.perf_counter() - started:.1f} s")
        if exists and args.rebuild_duckdb:
            log(f"DuckDB copy made again: {copy_to_duckdb(args, paths):.1f} s")
        if args.rebuild_rollups:
            figures = rebuilt_rollups(paths)
            print(f"rollups rebuilt: {figures['rollups_s']:.1f} s {figures['rollup_rows']}")
            return 0
        if not exists:
            log(f"loading {args.db} at scale {args.scale:g}")
            report = load(args, paths)
            paths["report"].write_text(json.dumps(report, indent=1))
        report = json.loads(paths["report"].read_text())
        print_load(report)
        if not args.load_only:
            code = benchmark(args, paths)
    finally:
        connection.close()
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            drop(args, paths, pg_name, final=True)
    return code


def fresh_database(args, paths, pg_name: str) -> None:
    drop(args, paths, pg_name)
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(args.pg_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{pg_name}"')


def drop(args, paths, pg_name: str, final: bool = False) -> None:
    for name in ("report", "structure"):
        paths[name].unlink(missing_ok=True)
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(args.pg_url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(paths["sqlite"]) + suffix).unlink(missing_ok=True)
    if final and not args.keep and not args.keep_duckdb:
        paths["duckdb"].unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
