#!/usr/bin/env python3
"""What one region's weekly table costs: wall time and CPU instructions per call.

    .venv/bin/python bench/table_cost.py                      # SQLite, scale 1, wall time
    .venv/bin/python bench/table_cost.py --instructions       # + instructions (valgrind)
    .venv/bin/python bench/table_cost.py --src /tmp/base/src  # another checkout's engine

Reads the data set ``bench/national.py --keep`` loaded (the SQLite file in --data-dir, or
PostgreSQL with --db postgres) and calls ``metric_tables`` for the largest region by
touchpoint, this week, last week and the 8-week baseline: the call the national
benchmark compares with pandas and DuckDB.

Wall time on a shared virtual machine swings by half from one minute to the next, more
than most changes to the engine. ``--instructions`` counts the instructions the process
executes (valgrind's callgrind, ``Ir``) with 0 calls and with ``--calls`` calls after the
same start-up and warm-up, and prints the difference per call: the engine's Python and
SQLite's own work, repeatable to a few tenths of a percent. It leaves out the time the
kernel spends reading pages, so it measures a change of code, not of I/O.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def table_call(args):
    """Django set up on the kept data set, and the call: the largest region's table."""
    sys.path.insert(0, args.src)
    sys.path.insert(0, str(ROOT / "bench"))
    from national import django_environment, largest_region_index, table_periods

    data = Path(args.data_dir)
    sqlite_file = data / "national-s1.sqlite3"
    django_environment(args.db, args.pg_url, sqlite_file, "otklik_national", data / "table-cost")
    import django

    django.setup()
    from otklik.metrics.queries import metric_tables
    from otklik.metrics.slices import Slice

    plain = json.loads((data / f"national-s1-{args.db}.structure.json").read_text())
    region = plain["region_ids"][largest_region_index(plain)]
    periods = list(table_periods().values())
    return lambda: metric_tables(Slice(region=region), periods, by="touchpoint")


def calls(args) -> None:
    """The measured process: start-up, two warm-up calls, the freeze the server does
    (otklik.wsgi), then ``--calls`` calls, timed."""
    call = table_call(args)
    call()
    call()
    gc.freeze()
    times = []
    for _ in range(args.calls):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    if times and not args.quiet:
        print(
            f"{args.db} table: median {statistics.median(times):.1f} ms, "
            f"min {min(times):.1f} ms over {len(times)} calls"
        )


def instructions(args) -> int:
    """Callgrind's count of the process with ``n`` calls."""
    command = [sys.executable, __file__, "--db", args.db, "--data-dir", args.data_dir]
    command += ["--src", args.src, "--pg-url", args.pg_url, "--quiet"]

    def count(n: int) -> int:
        done = subprocess.run(  # noqa: S603  (this script itself, with our arguments)
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
            + [*command, "--calls", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        if found is None:
            raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
        return int(found.group(1))

    return (count(args.calls) - count(0)) // args.calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--data-dir", default="/work/bench-data")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the engine's source tree")
    parser.add_argument("--calls", type=int, default=25)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.instructions:
        calls(args)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian package valgrind)")
    args.calls = min(args.calls, 3)  # under valgrind a call takes seconds
    per_call = instructions(args)
    print(f"{args.db} table: {per_call / 1e6:.1f} M instructions per call ({args.src})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
