#!/usr/bin/env python3
"""How fast the staff pages answer on the national-scale data set (issue #6 item 6).

    .venv/bin/python bench/pages.py --db postgres      # the database national.py --keep left
    .venv/bin/python bench/pages.py --db sqlite
    .venv/bin/python bench/pages.py --db both --runs 7

Needs a data set loaded by ``bench/national.py --scale 1 --keep`` (PostgreSQL database
``otklik_national``, SQLite file ``/work/bench-data/national-s1.sqlite3``). Each page is
requested through Django's whole stack (middleware, sessions, templates, every query) as
a logged-in member of staff, with Django's test client as the HTTP client (in-process:
the time is the server's, without a network hop); the figure is the median of ``--runs``
requests after one warm-up, and the worst one. The staff accounts the pages need are
created inside a transaction that is rolled back at the end: the data set is left as it
was. The goal: every page under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

GOAL_SECONDS = 1.0
DAY = date(2026, 11, 25)  # a day of the data set's last week (it ends on 29 November 2026)


class Rollback(Exception):
    """Raised to leave the transaction that holds the bench's accounts."""


def configure(db: str, args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "otklik.settings"
    os.environ.setdefault("OTKLIK_DATA_DIR", str(Path(args.data_dir) / "pages-var"))
    os.environ["OTKLIK_HTTPS"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    if db == "postgres":
        os.environ["DATABASE_URL"] = args.pg_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.data_dir) / 'national-s1.sqlite3'}"


def pages(journey, centre, region) -> list[tuple[str, str]]:
    from django.urls import reverse

    week = f"{DAY.isocalendar().year}-W{DAY.isocalendar().week:02d}"
    day = DAY.isoformat()
    return [
        ("national dashboard (week)", f"{reverse('dashboard_service')}?day={day}"),
        ("region dashboard (week)", f"{reverse('dashboard_region', args=[region.pk])}?day={day}"),
        ("centre dashboard (week)", f"{reverse('dashboard_centre', args=[centre.pk])}?day={day}"),
        (
            "centre dashboard (month, 26 weeks)",
            f"{reverse('dashboard_centre', args=[centre.pk])}?day={day}&granularity=month&weeks=26",
        ),
        (
            "journey heat map (week, centre)",
            f"{reverse('journey_heatmap', args=[journey.pk])}?start={day}&centre={centre.pk}",
        ),
        (
            "journey heat map (quarter, region)",
            f"{reverse('journey_heatmap', args=[journey.pk])}?start={day}&period=quarter",
        ),
        ("«Показатели» of the region", f"{reverse('metrics_week')}?unit={region.pk}&week={week}"),
    ]


def run(db: str, args) -> bool:
    import django

    configure(db, args)
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from otklik.journeys.models import Journey, Touchpoint
    from otklik.org.models import Membership, Unit, User
    from otklik.org.roles import Role, UnitKind

    region = Unit.objects.filter(kind=UnitKind.REGION).order_by("pk").first()
    centre = Unit.objects.filter(kind=UnitKind.CENTRE, region=region).order_by("pk").first()
    journey = Journey.objects.filter(region=region).order_by("pk").first()
    touchpoint = Touchpoint.objects.filter(stage__journey=journey).order_by("pk").first()
    if not (region and centre and journey and touchpoint):
        print(f"{db}: no national data set here; run bench/national.py --keep first")
        return False
    print(f"== {db} ({connection.vendor}): region {region.name}, centre {centre.name}")
    call_command("collectstatic", interactive=False, verbosity=0)  # as in production
    held = True
    try:
        with transaction.atomic():
            admin = User.objects.create_user("bench-regadmin", is_superuser=True)
            Membership.objects.create(user=admin, unit=region, role=Role.REGIONAL_ADMIN)
            client = Client()
            client.force_login(admin)
            targets = pages(journey, centre, region)
            detail = f"/journeys/{journey.pk}/heatmap/{touchpoint.pk}/NPS/?start={DAY}"
            targets.append(("heat-map detail (NPS of a touchpoint)", detail))
            for name, url in targets:
                response = client.get(url)
                if response.status_code != 200:
                    print(f"  {name}: HTTP {response.status_code} for {url}")
                    held = False
                    continue
                times = []
                for _ in range(args.runs):
                    began = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - began)
                median, worst = statistics.median(times), max(times)
                ok = median < GOAL_SECONDS
                held &= ok
                print(
                    f"  {name:<40} median {median * 1000:7.0f} ms   worst {worst * 1000:7.0f} ms"
                    f"   {len(response.content) // 1024:5d} KB   {'PASS' if ok else 'FAIL'}"
                )
            raise Rollback
    except Rollback:
        pass
    print(f"  goal: every page under {GOAL_SECONDS:.0f} s — {'PASS' if held else 'FAIL'}")
    return held


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", default="/work/bench-data")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/otklik_national")
    args = parser.parse_args()
    if args.db == "both":  # Django is configured once a process: one child per database
        import subprocess

        common = ["--runs", str(args.runs), "--data-dir", args.data_dir, "--pg-url", args.pg_url]
        codes = [
            subprocess.call([sys.executable, __file__, "--db", db, *common])  # noqa: S603
            for db in ("postgres", "sqlite")
        ]
        return max(codes)
    return 0 if run(args.db, args) else 2


if __name__ == "__main__":
    sys.exit(main())
