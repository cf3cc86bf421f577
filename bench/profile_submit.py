#!/usr/bin/env python3
"""Where one survey submission spends its CPU: in-process, no HTTP server, no load.

    .venv/bin/python bench/profile_submit.py [--count 500] [--top 25]

Sets up the same throwaway PostgreSQL database as survey_load.py (migrate, demo), then
POSTs submissions through Django's full middleware stack with the test client and prints
the CPU time, SQL queries and Redis commands of one POST, and a cProfile of the view.
The figure to compare with the load test is "CPU per POST": a server on N cores cannot
answer more than about N / (that CPU) submissions a second, less what PostgreSQL needs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import survey_load  # noqa: E402 - the setup of the load test, shared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=500, help="timed POSTs (500)")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print (25)")
    args = parser.parse_args()
    args.count = max(1, min(args.count, 20_000))
    setup_args = survey_load.parse_args(["--wait-quiet", "0"])
    environment = survey_load.Environment(setup_args)
    try:
        environment.create()
        code = environment.public_code()
        os.environ.update(environment.env)
        return profile(code, args)
    finally:
        from django.db import connections

        connections.close_all()
        environment.destroy()


def profile(code: str, args) -> int:
    import django
    import redis

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from otklik.feedback import abuse

    client = Client(HTTP_HOST=survey_load.HOST, REMOTE_ADDR=survey_load.HOST)
    page = client.get(f"/s/{code}/").content.decode()
    form = survey_load.SurveyForm()
    form.feed(page)
    started = abuse.started_token()

    def post():
        data = {"idempotency_key": str(uuid.uuid4()), "started": started, "channel": "qr"}
        data.update({name: values[0] for name, values in form.choices.items()})
        data.update({name: "профилирование" for name in form.texts})
        response = client.post(f"/s/{code}/", data, HTTP_ACCEPT="application/json")
        if response.status_code != 201:
            raise SystemExit(f"POST answered {response.status_code}: {response.content[:300]}")

    for _ in range(50):  # warm: imports, templates, connections
        post()

    redis_commands = []
    original = redis.Redis.execute_command  # the RedisCache backend makes a client per call

    def counting(self, *command, **options):
        redis_commands.append(command[0])
        return original(self, *command, **options)

    redis.Redis.execute_command = counting
    with CaptureQueriesContext(connection) as queries:
        post()
    redis.Redis.execute_command = original
    statements = [query["sql"] for query in queries.captured_queries]  # before the next request

    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for _ in range(args.count):
        post()
    cpu = (time.process_time() - started_cpu) / args.count * 1000
    wall = (time.perf_counter() - started_wall) / args.count * 1000

    print(f"CPU per POST   {cpu:.2f} ms (wall {wall:.2f} ms), over {args.count} POSTs")
    print(f"SQL per POST   {len(statements)} statements:")
    for sql in statements:
        print(f"    {sql[:96]}")
    print(f"Redis per POST {len(redis_commands)} commands: {' '.join(map(str, redis_commands))}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(min(args.count, 300)):
        post()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"otklik|django_fast_ratelimit|deprecation|handlers", args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
