#!/usr/bin/env python3
"""The 500 000-row import (issue #4): time and peak memory of the dry run and the commit.

    .venv/bin/python bench/import_bench.py [--rows 500000] [--database-url postgres://…]

Generates a cp1251, ``;``-separated CSV of contact-centre interactions (Russian headers,
Russian dates, demo centre codes) in a temporary directory, migrates a throwaway database
(a SQLite file there, or the PostgreSQL database given by --database-url), then runs
``services.dry_run`` and ``services.commit`` (its own validating pass + the write pass)
and, to check idempotency, the commit once more. Prints rows/s, wall time, tracemalloc's
peak of Python allocations and the process's maximum resident set size after each phase.

tracemalloc slows Python code down; --no-tracemalloc measures speed without it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CENTRES = ["podolsk", "balashikha", "khimki", "mytishchi", "odintsovo", "kolomna"]
CHANNELS = ["Телефон", "Чат", "e-mail", "Мессенджер", "Офис", "РИС"]
HEADER = [
    "Номер обращения",
    "ЦЗН",
    "Канал",
    "Открыто",
    "Первый ответ",
    "Решено",
    "Ответов",
    "Эскалация",
    "Решено при первом обращении",
]
MAPPING = {
    "external_id": "Номер обращения",
    "centre": "ЦЗН",
    "channel": "Канал",
    "opened_at": "Открыто",
    "first_response_at": "Первый ответ",
    "resolved_at": "Решено",
    "replies": "Ответов",
    "escalated": "Эскалация",
    "resolved_first_contact": "Решено при первом обращении",
}


def generate(path: Path, rows: int) -> None:
    rng = random.Random(4)  # noqa: S311 - test data, not secrets
    start = datetime(2026, 1, 1, 8, 0)
    fmt = "%d.%m.%Y %H:%M"
    with open(path, "w", encoding="cp1251", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            opened = start + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
            first = opened + timedelta(minutes=rng.randrange(0, 240))
            solved = rng.random() < 0.8
            resolved = first + timedelta(minutes=rng.randrange(0, 2880)) if solved else None
            fcr = solved and rng.random() < 0.6
            writer.writerow(
                [
                    f"КЦ-{number:07d}",
                    rng.choice(CENTRES),
                    rng.choice(CHANNELS),
                    opened.strftime(fmt),
                    first.strftime(fmt) if rng.random() < 0.95 else "",
                    resolved.strftime(fmt) if resolved else "",
                    str(rng.randrange(0, 6)),
                    "да" if rng.random() < 0.05 else "нет",
                    "да" if fcr else "нет",
                ]
            )


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure(name: str, rows: int, action, trace: bool):
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    started = time.perf_counter()
    result = action()
    wall = time.perf_counter() - started
    heap = "off"
    if trace:
        heap = f"{tracemalloc.get_traced_memory()[1] / 1024 / 1024:.1f} MB"
        tracemalloc.stop()
    print(
        f"{name:<22} {wall:8.1f} s  {rows / wall:9,.0f} rows/s  "
        f"tracemalloc peak {heap:>9}  maxrss {maxrss_mb():7.1f} MB",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-tracemalloc", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    trace = not args.no_tracemalloc

    work = Path(tempfile.mkdtemp(prefix="otklik-import-bench-"))
    os.environ["OTKLIK_DATA_DIR"] = str(work)
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["OTKLIK_HTTPS"] = "0"
    os.environ["OTKLIK_HUEY_IMMEDIATE"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "otklik.settings"
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from otklik.feedback.models import Interaction
    from otklik.imports import services
    from otklik.imports.models import ImportSource
    from otklik.org.models import Unit

    print(f"database: {connection.vendor}; rows: {args.rows:,}; dir: {work}", flush=True)
    call_command("migrate", verbosity=0)
    region = Unit.objects.create(kind="region", name="Московская область", code="50")
    for code in CENTRES:
        Unit.objects.create(kind="centre", name=f"ЦЗН {code}", code=code, parent=region)
    source = ImportSource.objects.create(
        name="Контакт-центр", kind="interactions", region=region, mapping=MAPPING
    )

    path = work / "interactions.csv"
    started = time.perf_counter()
    generate(path, args.rows)
    size = path.stat().st_size / 1024 / 1024
    print(f"generated {path.name}: {size:.1f} MB in {time.perf_counter() - started:.1f} s")

    run = measure("dry run", args.rows, lambda: services.dry_run(source, path), trace)
    assert run.rows_bad == 0 and run.would_create == args.rows, (run.rows_bad, run.errors[:3])
    run = measure("commit (check + write)", args.rows, lambda: services.commit(source, path), trace)
    assert run.created_count == args.rows, services.render_problem(run)
    run = measure("commit again", args.rows, lambda: services.commit(source, path), trace)
    assert run.created_count == 0
    assert Interaction.objects.count() == args.rows
    print(f"stored interactions: {Interaction.objects.count():,}")
    if not args.keep:
        import shutil

        connection.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
