#!/usr/bin/env python3
"""Open-loop load test of the public survey endpoint on the production setup (issue #3).

Run it with the project's virtualenv interpreter, from anywhere:

    .venv/bin/python bench/survey_load.py --rate 200 --duration 60 --server waitress
    .venv/bin/python bench/survey_load.py --server gunicorn --kill-after 30

What it does, all on 127.0.0.1 and all thrown away at the end (even on Ctrl+C):

1. creates a PostgreSQL database ``otklik_bench_<pid>`` and a temporary data directory,
   runs ``otklik migrate``, ``otklik demo --no-serve`` and ``otklik collectstatic``;
2. starts the server (Waitress through ``otklik serve``, or gunicorn with gthread workers)
   in its own process group, with the rate limits raised so that they do not interfere,
   and warms it up with GETs of the survey page;
3. reads a real start token and the question fields from that page;
4. sends POST /s/<code>/ at a fixed rate whatever the server does (open loop): a paced
   generator puts each submission in a queue at its scheduled time and a bounded pool of
   keep-alive HTTP/1.1 connections sends them; latency is counted from the *scheduled*
   time, so a slow server cannot hide its queueing (no coordinated omission);
5. optionally kills the server with SIGKILL mid-run, keeps sending for a few seconds
   (those requests fail: they were not acknowledged), restarts it and goes on;
6. asks the database whether every acknowledged submission (201 saved / 200 duplicate) is
   stored exactly once with the answers that were sent, prints the figures and exits 1
   when one is missing, doubled or altered (2 with --strict when the rate was not held).

Only the standard library and psycopg (a dependency of the project) are used here; the
servers need the ``redis`` client package (REDIS_URL) and, for --server gunicorn, gunicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html.parser
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

HOST = "127.0.0.1"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
BIN = Path(sys.executable).parent
ACK = {201: "saved", 200: "duplicate"}


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * pct // 100))  # ceil
    return sorted_values[int(rank) - 1]


def require_loopback(url: str, what: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS:
        raise SystemExit(f"{what} must point at 127.0.0.1, not {host!r}")


def cpu_ticks() -> tuple[int, int, int]:
    """(busy, steal, total) jiffies of the whole machine, from /proc/stat.

    Steal is time the hypervisor gave to other guests: on a shared VM it is CPU this
    machine did not have, counted apart from busy.
    """
    try:
        with open("/proc/stat") as handle:
            values = [int(v) for v in handle.readline().split()[1:9]]
    except OSError:
        return 0, 0, 0
    values += [0] * (8 - len(values))  # user nice system idle iowait irq softirq steal
    idle, steal = values[3] + values[4], values[7]
    return sum(values) - idle - steal, steal, sum(values)


def process_ticks() -> dict[int, tuple[str, int, int]]:
    """pid -> (command name, process group, utime + stime ticks) of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                name, rest = handle.read().split(" (", 1)[1].rsplit(")", 1)
        except (OSError, ValueError, IndexError):
            continue
        fields = rest.split()
        table[int(entry)] = (name, int(fields[2]), int(fields[11]) + int(fields[12]))
    return table


def cpu_split(before, after, seconds, server_pgids) -> tuple[dict[str, float], list]:
    """Cores used in a window by the client, the server, PostgreSQL and Redis, and others.

    `after` holds the last figures seen of every process (sampled each second), so
    processes that ended inside the window count up to their last sample.
    """
    tick = os.sysconf("SC_CLK_TCK")
    usage: Counter = Counter()
    others: Counter = Counter()
    for pid, (name, pgrp, ticks) in after.items():
        old = before.get(pid)
        used = ticks - (old[2] if old and old[0] == name else 0)
        if used <= 0:
            continue
        if pid == os.getpid():
            kind = "client"
        elif pgrp in server_pgids:
            kind = "server"
        elif name in ("postgres", "redis-server"):
            kind = "postgres+redis"
        else:
            kind = "others"
            others[name] += used
        usage[kind] += used
    top = [(name, ticks / tick / seconds) for name, ticks in others.most_common(3)]
    return {kind: ticks / tick / seconds for kind, ticks in usage.items()}, top


def wait_quiet(limit: float, threshold: float) -> float:
    """Wait up to `limit` seconds until other processes use fewer than `threshold` cores."""
    deadline = time.monotonic() + limit
    while True:
        before = process_ticks()
        time.sleep(2)
        cores, top = cpu_split(before, process_ticks(), 2, set())
        busy = cores.get("others", 0.0) + cores.get("postgres+redis", 0.0)
        if busy < threshold or time.monotonic() >= deadline:
            return busy
        names = ", ".join(f"{name} {used:.2f}" for name, used in top)
        log(f"machine busy with other work ({busy:.2f} cores: {names}); waiting")


# --------------------------------------------------------------------------- setup


class Environment:
    """The throwaway database, data directory and environment of one run."""

    def __init__(self, args):
        self.args = args
        self.db = f"otklik_bench_{os.getpid()}"
        self.admin_url = args.pg_url
        self.tmp = Path(tempfile.mkdtemp(prefix="otklik_bench_"))
        parts = urllib.parse.urlsplit(args.pg_url)
        self.db_url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.db}"))
        self.created = False
        self.env = dict(os.environ)
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "otklik.settings",
                "DATABASE_URL": self.db_url,
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DEBUG": "0",
                "OTKLIK_HTTPS": "0",
                "ALLOWED_HOSTS": HOST,
                "OTKLIK_DATA_DIR": str(self.tmp),
                "REDIS_URL": args.redis_url,
                "OTKLIK_RATE_PER_LINK": "1000000/m",
                "OTKLIK_RATE_PER_ADDRESS": "1000000/m",
                "OTKLIK_SURVEY_MIN_FILL_SECONDS": "0",
                "PYTHONUNBUFFERED": "1",
            }
        )

    def run(self, *argv: str) -> None:
        log("$ " + " ".join(["otklik", *argv]))
        result = subprocess.run(  # noqa: S603
            [str(BIN / "otklik"), *argv],
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            sys.stdout.write(result.stdout)
            sys.stdout.write(result.stderr)
            raise SystemExit(f"`otklik {' '.join(argv)}` failed with exit code {result.returncode}")

    def create(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db}"')
        self.created = True
        log(f"created database {self.db}, data directory {self.tmp}")
        self.run("migrate", "--noinput", "-v", "0")
        self.run("demo", "--no-serve")
        self.run("collectstatic", "--noinput", "-v", "0")

    def public_code(self) -> str:
        with psycopg.connect(self.db_url) as conn:
            row = conn.execute(
                "SELECT t.public_code FROM journeys_touchpoint t"
                " JOIN feedback_survey_touchpoints st ON st.touchpoint_id = t.id"
                " JOIN feedback_survey s ON s.id = st.survey_id AND s.is_active"
                " WHERE EXISTS (SELECT 1 FROM feedback_surveyversion v WHERE v.survey_id = s.id)"
                " ORDER BY t.id LIMIT 1"
            ).fetchone()
        if row is None:
            raise SystemExit("the demo data has no touchpoint with a published survey")
        return row[0]

    def destroy(self) -> None:
        if self.args.keep:
            log(f"kept database {self.db} and {self.tmp} (--keep)")
            return
        if self.created:
            try:
                with psycopg.connect(self.admin_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
                log(f"dropped database {self.db}")
            except Exception as error:  # noqa: BLE001 - cleanup must go on
                log(f"could not drop database {self.db}: {error}")
        shutil.rmtree(self.tmp, ignore_errors=True)


class Server:
    """The WSGI server under test, in its own process group so that one kill stops it all."""

    def __init__(self, args, environment: Environment, port: int):
        self.args = args
        self.environment = environment
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.pgids: set[int] = set()
        self.log_path = environment.tmp / "server.log"

    @property
    def command(self) -> list[str]:
        if self.args.server == "waitress":
            return [
                str(BIN / "otklik"), "serve", "--host", HOST, "--port", str(self.port),
                "--threads", str(self.args.threads),
            ]  # fmt: skip
        return [
            str(BIN / "gunicorn"), "otklik.wsgi", "-w", str(self.args.workers),
            "-k", "gthread", "--threads", str(self.args.threads), "-b", f"{HOST}:{self.port}",
        ]  # fmt: skip

    def describe(self) -> str:
        return " ".join([Path(self.command[0]).name, *self.command[1:]])

    def start(self) -> None:
        self.starts += 1
        with open(self.log_path, "a") as out:
            out.write(f"\n=== start {self.starts} at {time.strftime('%H:%M:%S')}\n")
            out.flush()
            self.proc = subprocess.Popen(  # noqa: S603
                self.command,
                env=self.environment.env,
                cwd=self.environment.tmp,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pgids.add(self.proc.pid)

    def kill(self) -> None:
        """SIGKILL to the whole process group: no graceful shutdown, no finished requests."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # stragglers (gunicorn workers)
        self.proc.wait()
        self.proc = None

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                break
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", path)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            time.sleep(0.2)
        self.print_log_tail()
        raise SystemExit(f"the server did not answer 200 on {path} in {timeout:.0f} s")

    def print_log_tail(self, lines: int = 40) -> None:
        with contextlib.suppress(OSError):
            tail = self.log_path.read_text(errors="replace").splitlines()[-lines:]
            print("--- server log (tail) ---")
            print("\n".join(tail))
            print("---")


# --------------------------------------------------------------------------- the survey page


class SurveyForm(html.parser.HTMLParser):
    """The fields of the survey page: start token, honeypot and the question inputs."""

    def __init__(self):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}  # radio name -> values
        self.texts: list[str] = []  # names of text questions

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "hidden":
                self.hidden[name] = attrs.get("value", "")
            elif kind == "radio" and name.startswith("q_"):
                self.choices.setdefault(name, []).append(attrs.get("value", ""))
            elif kind == "text" and name.startswith("q_"):
                self.texts.append(name)
        elif tag == "textarea" and name.startswith("q_"):
            self.texts.append(name)


def fetch_form(port: int, path: str) -> SurveyForm:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.request("GET", path, headers={"Accept": "text/html"})
    response = conn.getresponse()
    page = response.read().decode("utf-8")
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    form = SurveyForm()
    form.feed(page)
    if "started" not in form.hidden or not form.choices:
        raise SystemExit(f"GET {path}: no start token or no questions in the page")
    return form


def warm_up(port: int, path: str, count: int, parallel: int = 16) -> None:
    """GET the survey page `count` times on fresh connections, so every worker is warm."""

    def one(_):
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()

    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, range(count)))


# --------------------------------------------------------------------------- the load


@dataclass(slots=True)
class Job:
    index: int
    key: str
    request: bytes
    expected: dict  # question key -> score (int) or text (str)
    sched: float  # loop time it was due
    repeat_of: int | None = None
    sent: float | None = None
    done: float | None = None
    status: int | None = None
    outcome: str = "pending"  # "saved", "duplicate" or a failure reason
    retried: str = ""  # why the first attempt failed, when the request was sent twice


@dataclass
class Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    last_used: float

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()


@dataclass
class LoadResult:
    jobs: list[Job]
    t0: float
    end_sched: float
    generator_lag_max: float
    events: dict[str, float] = field(default_factory=dict)
    machine_busy: float = 0.0
    steal: float = 0.0
    cores: dict = field(default_factory=dict)
    other_top: list = field(default_factory=list)


class Load:
    def __init__(self, args, server: Server, code: str, form: SurveyForm):
        self.args = args
        self.server = server
        self.port = server.port
        self.path = f"/s/{code}/"
        self.form = form
        self.rng = random.Random(args.seed)  # noqa: S311 - test data, not secrets
        self.jobs: list[Job] = []
        self.queue: asyncio.Queue[Job | None] = asyncio.Queue()
        self.stop_sending = False
        self.events: dict[str, float] = {}
        self.lag_max = 0.0

    # ---- requests

    def make_job(self, index: int, sched: float) -> Job:
        repeat = self.args.repeat_fraction
        if repeat and self.jobs and self.rng.random() < repeat:
            # A retried submit: the same key and the same answers as an earlier request.
            original = self.jobs[self.rng.randrange(len(self.jobs))]
            while original.repeat_of is not None:
                original = self.jobs[original.repeat_of]
            return Job(
                index,
                original.key,
                original.request,
                original.expected,
                sched,
                repeat_of=original.index,
            )
        key = str(uuid.uuid4())
        fields = {
            "idempotency_key": key,
            "started": self.form.hidden["started"],
            "channel": "qr",
            "website": "",
        }
        expected = {}
        for name, values in self.form.choices.items():
            value = self.rng.choice(values)
            fields[name] = value
            expected[name[2:]] = int(value) if value.lstrip("-").isdigit() else value
        for name in self.form.texts:
            value = f"Нагрузочный тест {index}: очередь {self.rng.randint(1, 99)} минут"
            fields[name] = value
            expected[name[2:]] = value
        body = urllib.parse.urlencode(fields).encode()
        head = (
            f"POST {self.path} HTTP/1.1\r\n"
            f"Host: {HOST}:{self.port}\r\n"
            "Accept: application/json\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: keep-alive\r\n\r\n"
        ).encode()
        return Job(index, key, head + body, expected, sched)

    # ---- the paced generator (open loop)

    async def generate(self, t0: float) -> None:
        loop = asyncio.get_running_loop()
        total = int(self.args.rate * self.args.duration)
        for index in range(total):
            due = t0 + index / self.args.rate
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.stop_sending:
                break
            self.lag_max = max(self.lag_max, loop.time() - due)
            job = self.make_job(index, due)
            self.jobs.append(job)
            self.queue.put_nowait(job)

    # ---- connections

    async def worker(self) -> None:
        conn: Conn | None = None
        try:
            while True:
                job = await self.queue.get()
                if job is None:
                    return
                conn = await self.send(job, conn)
        finally:
            if conn is not None:
                conn.close()

    async def send(self, job: Job, conn: Conn | None) -> Conn | None:
        loop = asyncio.get_running_loop()
        deadline = job.sched + self.args.timeout
        if loop.time() >= deadline:
            job.outcome, job.done = "expired_in_client_queue", loop.time()
            return conn
        for attempt in range(2):
            fresh = False
            try:
                if conn is not None and loop.time() - conn.last_used > self.args.idle_reconnect:
                    conn.close()  # do not race the server's keep-alive timeout
                    conn = None
                if conn is None:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(HOST, self.port, limit=1 << 20),
                        deadline - loop.time(),
                    )
                    conn, fresh = Conn(reader, writer, loop.time()), True
                if job.sent is None:
                    job.sent = loop.time()
                conn.writer.write(job.request)
                status, body, keep = await asyncio.wait_for(
                    self.exchange(conn), deadline - loop.time()
                )
            except Exception as error:  # noqa: BLE001 - every failure is an outcome
                if conn is not None:
                    conn.close()
                    conn = None
                stale = isinstance(error, ConnectionResetError | BrokenPipeError) or (
                    isinstance(error, asyncio.IncompleteReadError) and not error.partial
                )
                if stale and not fresh and attempt == 0:
                    # A reused keep-alive connection closed before any answer: resend once
                    # with the same idempotency key (safe by design of the endpoint).
                    job.retried = failure_reason(error)
                    continue
                reason = failure_reason(error)
                if job.retried:
                    reason = f"{job.retried}_then_{reason}"
                job.outcome, job.done = reason, loop.time()
                return conn
            job.done, job.status = loop.time(), status
            conn.last_used = job.done
            if not keep:
                conn.close()
                conn = None
            job.outcome = acknowledgement(status, body, job.key)
            return conn
        return conn

    async def exchange(self, conn: Conn) -> tuple[int, bytes, bool]:
        await conn.writer.drain()
        reader = conn.reader
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        keep = headers.get("connection", "").lower() != "close"
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    break
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            body = b"".join(parts)
        else:
            body, keep = await reader.read(), False
        return status, body, keep

    # ---- the kill

    async def killer(self, t0: float) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(max(0.0, t0 + self.args.kill_after - loop.time()))
        self.server.kill()
        self.events["killed"] = loop.time()
        log(f"server killed (SIGKILL to its process group) at t={loop.time() - t0:.1f} s")
        await asyncio.sleep(self.args.down)
        if self.args.after_kill == "stop":
            self.stop_sending = True
            self.events["stopped"] = loop.time()
            log("stopped sending (--after-kill stop)")
            return
        self.server.start()
        self.events["restarted"] = loop.time()
        log(f"server restarted at t={loop.time() - t0:.1f} s")

    # ---- the run

    async def run(self) -> LoadResult:
        loop = asyncio.get_running_loop()
        workers = [asyncio.create_task(self.worker()) for _ in range(self.args.connections)]
        ticks0, busy0 = process_ticks(), cpu_ticks()
        t0 = loop.time() + 0.2
        killer = None
        if self.args.kill_after is not None:
            killer = asyncio.create_task(self.killer(t0))
        progress = asyncio.create_task(self.progress(t0))
        seen_ticks = dict(ticks0)
        sampler = asyncio.create_task(self.sample(seen_ticks))
        try:
            await self.generate(t0)
            end_sched = loop.time()
            for _ in workers:
                self.queue.put_nowait(None)
            # Every job ends by its scheduled time + --timeout; give the pool that long.
            _, pending = await asyncio.wait(workers, timeout=self.args.timeout + 10)
            for task in pending:
                task.cancel()
        finally:
            progress.cancel()
            sampler.cancel()
            if killer is not None and not killer.done():
                killer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await killer
        seen_ticks.update(process_ticks())
        ticks1, busy1 = seen_ticks, cpu_ticks()
        wall = max(loop.time() - t0, 1e-9)
        for job in self.jobs:
            if job.outcome == "pending":
                job.outcome = "unfinished_at_end"
        result = LoadResult(self.jobs, t0, end_sched, self.lag_max, self.events)
        if busy1[2] > busy0[2]:
            result.machine_busy = (busy1[0] - busy0[0]) / (busy1[2] - busy0[2])
            result.steal = (busy1[1] - busy0[1]) / (busy1[2] - busy0[2])
        result.cores, result.other_top = cpu_split(ticks0, ticks1, wall, self.server.pgids)
        # The kernel's own work, and processes that lived less than a sample, seen only here.
        seen = sum(result.cores.values())
        result.cores["unattributed"] = max(0.0, result.machine_busy * (os.cpu_count() or 1) - seen)
        return result

    async def sample(self, seen: dict) -> None:
        """Keep the last CPU figures of every process, also of those that end meanwhile."""
        while True:
            await asyncio.sleep(1)
            for pid, row in process_ticks().items():
                old = seen.get(pid)
                if old is not None and old[0] != row[0]:
                    continue  # a reused pid: keep the first process's figures
                seen[pid] = row

    async def progress(self, t0: float) -> None:
        loop = asyncio.get_running_loop()
        seen = 0
        while True:
            await asyncio.sleep(10)
            done = [j for j in self.jobs if j.outcome != "pending"]
            acked = sum(j.outcome in ACK.values() for j in done)
            log(
                f"t={loop.time() - t0:5.1f} s  sent {len(self.jobs)}  finished {len(done)}"
                f"  acknowledged {acked}  (+{len(done) - seen} finished in 10 s)"
            )
            seen = len(done)


def failure_reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, ConnectionRefusedError):
        return "connection_refused"
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return "connection_reset"
    if isinstance(error, asyncio.IncompleteReadError):
        return "closed_before_answer" if not error.partial else "closed_mid_answer"
    if isinstance(error, OSError):
        return f"os_error_{error.errno}"
    if isinstance(error, ValueError | IndexError):
        return "malformed_response"
    return type(error).__name__


def acknowledgement(status: int, body: bytes, key: str) -> str:
    """'saved' or 'duplicate' for an acknowledgement, otherwise why it is not one."""
    if status not in ACK:
        return f"http_{status}"
    try:
        data = json.loads(body)
    except ValueError:
        return f"http_{status}_not_json"
    if data.get("status") != ACK[status] or data.get("id") != key:
        return f"http_{status}_unexpected_body"
    return ACK[status]


# --------------------------------------------------------------------------- the check


@dataclass
class Check:
    rows_ours: int
    foreign_rows: int
    duplicate_keys: list
    missing: list
    altered: list
    stored_unacknowledged: int
    created_twice: list
    status_counts: Counter


def verify(db_url: str, jobs: list[Job]) -> Check:
    """Compare what the server acknowledged with what the database holds."""
    by_key: dict[str, list[Job]] = {}
    for job in jobs:
        by_key.setdefault(job.key, []).append(job)
    acknowledged = {k for k, js in by_key.items() if any(j.outcome in ACK.values() for j in js)}
    created_twice = [k for k, js in by_key.items() if sum(j.outcome == "saved" for j in js) > 1]
    with psycopg.connect(db_url) as conn:
        duplicate_keys = conn.execute(
            "SELECT idempotency_key::text, count(*) FROM feedback_response"
            " GROUP BY idempotency_key HAVING count(*) > 1"
        ).fetchall()
        rows = conn.execute(
            "SELECT idempotency_key::text, status FROM feedback_response"
        ).fetchall()
        answers = conn.execute(
            "SELECT r.idempotency_key::text, a.question_key, a.score, a.text"
            " FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id"
        ).fetchall()
    stored = Counter(key for key, _ in rows)
    ours = {key for key in stored if key in by_key}
    stored_answers: dict[str, dict] = {}
    for key, question, score, text in answers:
        stored_answers.setdefault(key, {})[question] = score if score is not None else text
    missing = sorted(acknowledged - set(stored))
    altered = sorted(
        key
        for key in acknowledged & set(stored)
        if stored_answers.get(key, {}) != by_key[key][0].expected
    )
    rows_ours = sum(stored[k] for k in ours)
    return Check(
        rows_ours=rows_ours,
        foreign_rows=len(rows) - rows_ours,
        duplicate_keys=duplicate_keys,
        missing=missing,
        altered=altered,
        stored_unacknowledged=len(ours - acknowledged),
        created_twice=created_twice,
        status_counts=Counter(status for key, status in rows if key in ours),
    )


# --------------------------------------------------------------------------- the report


def report(args, server: Server, result: LoadResult, check: Check) -> dict:
    jobs = result.jobs
    t0 = result.t0
    outcomes = Counter(job.outcome for job in jobs)
    acked = [j for j in jobs if j.outcome in ACK.values()]
    failed = [j for j in jobs if j.outcome not in ACK.values()]
    failures = dict(sorted(Counter(j.outcome for j in failed).items()))
    latency = sorted((j.done - j.sched) * 1000 for j in acked)
    service = sorted((j.done - j.sent) * 1000 for j in acked if j.sent is not None)
    window = max(result.end_sched - t0, 1e-9)
    last_done = max((j.done for j in jobs if j.done), default=t0)
    keys = {j.key for j in jobs}
    repeats = sum(j.repeat_of is not None for j in jobs)
    acked_keys = {j.key for j in acked}
    ok = not (check.missing or check.duplicate_keys or check.altered or check.created_twice)
    # The rate is held when (nearly) every scheduled request was sent and acknowledged,
    # with the 99th percentile of latency (from the scheduled time) within the limit.
    sustained = (
        len(acked) >= 0.999 * args.rate * args.duration
        and percentile(latency, 99) <= args.p99_limit
    )

    def pct_line(values):
        return "  ".join(
            f"{name} {percentile(values, p):7.1f}"
            for name, p in (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))
        )

    print()
    print("=" * 78)
    print(f"date        {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, {os.cpu_count()} cores")
    print(f"server      {server.describe()}")
    print(
        f"load        target {args.rate:g}/s for {args.duration:g} s, open loop, "
        f"{args.connections} keep-alive connections, timeout {args.timeout:g} s"
    )
    print(
        f"sent        {len(jobs)} requests ({len(keys)} keys, {repeats} deliberate repeats of"
        f" an earlier key), {sum(bool(j.retried) for j in jobs)} resent once on a closed connection"
    )
    print(
        f"            {len(jobs) / window:.1f} requests/s over {window:.1f} s as scheduled;"
        f" generator max lag {result.generator_lag_max * 1000:.1f} ms"
    )
    last_answer = max((j.done for j in acked), default=t0) - t0
    print(
        f"acknowledged {len(acked)} ({outcomes['saved']} × 201 saved, "
        f"{outcomes['duplicate']} × 200 duplicate), {len(acked_keys)} keys: "
        f"{len(acked) / window:.1f}/s of the load window, "
        f"{len(acked) / max(last_answer, window):.1f}/s until the last one at t={last_answer:.1f} s"
    )
    print(f"failed      {len(failed)}" + (":" if failed else ""))
    for reason, count in failures.items():
        print(f"              {reason:<28} {count}")
    print("latency of acknowledged requests, ms")
    print(f"  from scheduled send  {pct_line(latency)}")
    print(f"  from write on socket {pct_line(service)}")
    cores = "  ".join(
        f"{kind} {result.cores.get(kind, 0.0):.2f}"
        for kind in ("server", "postgres+redis", "client", "others", "unattributed")
    )
    print(
        f"cpu         machine {result.machine_busy * 100:.0f} % busy, "
        f"{result.steal * 100:.0f} % stolen by the hypervisor; cores used by: {cores}"
    )
    if result.other_top:
        print("            others: " + ", ".join(f"{n} {c:.2f}" for n, c in result.other_top))
    if result.events:
        print(
            "kill        "
            + ", ".join(f"{name} at t={when - t0:.1f} s" for name, when in result.events.items())
        )
        if "restarted" in result.events:
            after = [j.done for j in acked if j.sent and j.sent >= result.events["restarted"]]
            if after:
                first = min(after) - t0
                print(f"            first acknowledgement after the restart at t={first:.1f} s")
    print("timeline by scheduled time: sent / acknowledged / failed / p99 ms of acknowledged")
    span = max(result.end_sched, last_done) - t0
    step = 5
    for start in range(0, int(span) + 1, step):
        bucket = [j for j in jobs if start <= j.sched - t0 < start + step]
        if not bucket:
            continue
        good = sorted((j.done - j.sched) * 1000 for j in bucket if j.outcome in ACK.values())
        p99 = f"{percentile(good, 99):8.1f}" if good else "       -"
        print(
            f"  {start:3d}-{start + step:<3d} s  {len(bucket):5d} {len(good):6d}"
            f" {len(bucket) - len(good):6d} {p99}"
        )
    print("database")
    print(
        f"  rows for our keys   {check.rows_ours} (by status: "
        f"{dict(check.status_counts)}); other rows {check.foreign_rows}"
    )
    print(
        f"  keys stored twice   {len(check.duplicate_keys)}"
        "  (GROUP BY idempotency_key HAVING count(*) > 1)"
    )
    print(f"  acknowledged but missing       {len(check.missing)}")
    print(f"  acknowledged, answers differ   {len(check.altered)}")
    print(f"  keys answered 201 twice        {len(check.created_twice)}")
    print(
        f"  stored, never acknowledged     {check.stored_unacknowledged}"
        " (committed, but the answer did not reach the client: allowed)"
    )
    print(
        f"RESULT      {'PASS' if ok else 'FAIL'}: every acknowledged submission is "
        f"{'' if ok else 'NOT '}stored exactly once"
    )
    if args.kill_after is None:
        print(
            f"RATE        {'HELD' if sustained else 'NOT HELD'}: "
            f"{len(acked) / window:.1f} acknowledged/s for a target of {args.rate:g}/s, "
            f"p50 {percentile(latency, 50):.0f} ms, p99 {percentile(latency, 99):.0f} ms "
            f"(limit {args.p99_limit:g} ms)"
        )
    print("=" * 78)
    for label, items in (
        ("missing", check.missing),
        ("stored twice", check.duplicate_keys),
        ("answers differ", check.altered),
    ):
        for item in items[:10]:
            print(f"  {label}: {item}")
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "server": server.describe(),
        "rate": args.rate,
        "duration": args.duration,
        "connections": args.connections,
        "kill_after": args.kill_after,
        "sent": len(jobs),
        "keys": len(keys),
        "repeats": repeats,
        "acknowledged": len(acked),
        "saved": outcomes["saved"],
        "duplicate": outcomes["duplicate"],
        "failed": failures,
        "achieved_rate": len(jobs) / window,
        "acknowledged_rate": len(acked) / window,
        "last_acknowledgement_s": last_answer,
        "acknowledged_rate_until_last": len(acked) / max(last_answer, window),
        "latency_ms": {f"p{p}": percentile(latency, p) for p in (50, 90, 99, 100)},
        "service_latency_ms": {f"p{p}": percentile(service, p) for p in (50, 90, 99, 100)},
        "rows_ours": check.rows_ours,
        "duplicate_keys": len(check.duplicate_keys),
        "missing": len(check.missing),
        "altered": len(check.altered),
        "stored_unacknowledged": check.stored_unacknowledged,
        "events": {k: v - t0 for k, v in result.events.items()},
        "machine_busy": result.machine_busy,
        "steal": result.steal,
        "cores": result.cores,
        "others_top": result.other_top,
        "pass": ok,
        "rate_held": sustained if args.kill_after is None else None,
    }


# --------------------------------------------------------------------------- main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--rate", type=float, default=200, help="submissions a second (200)")
    add("--duration", type=float, default=60, help="seconds of load (60)")
    add("--server", choices=["waitress", "gunicorn"], default="waitress")
    add("--threads", type=int, help="server threads (waitress 8; gunicorn 4 per worker)")
    add("--workers", type=int, default=4, help="gunicorn worker processes (4)")
    add("--connections", type=int, default=64, help="client keep-alive connections (64)")
    add("--timeout", type=float, default=30, help="seconds from a request's due time (30)")
    add("--kill-after", type=float, metavar="SECONDS", help="kill -9 the server then")
    add("--down", type=float, default=3, help="seconds to keep sending to a killed server (3)")
    add(
        "--after-kill",
        choices=["continue", "stop"],
        default="continue",
        help="restart the killed server and go on (default), or stop sending",
    )
    add(
        "--repeat-fraction",
        type=float,
        default=0.01,
        help="share of requests that resend an earlier key with its answers (0.01)",
    )
    add("--idle-reconnect", type=float, default=1.0, help="reopen a connection idle this long")
    add("--warmup", type=int, default=200, help="GETs of the survey page before the load (200)")
    add(
        "--wait-quiet",
        type=float,
        default=60,
        metavar="SECONDS",
        help="wait up to this long for other processes to calm down before the load (60)",
    )
    add("--quiet-cores", type=float, default=0.25, help="calm: others use fewer cores (0.25)")
    add(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="maintenance database the bench database is created and dropped from",
    )
    add("--redis-url", default="redis://127.0.0.1:6379/15")
    add("--seed", type=int, help="random seed for the answers")
    add("--json", type=Path, help="also write the figures to this file")
    add("--keep", action="store_true", help="keep the database and the data directory")
    add("--p99-limit", type=float, default=1000, help="p99 ms for the rate to count as held")
    add("--strict", action="store_true", help="exit 2 when the rate was not held")
    args = parser.parse_args(argv)
    if args.threads is None:
        args.threads = 8 if args.server == "waitress" else 4
    if args.rate <= 0 or args.duration <= 0 or args.connections < 1 or args.timeout <= 0:
        parser.error("--rate, --duration, --connections and --timeout must be positive")
    if args.rate * args.duration > 1_000_000:
        parser.error("at most a million requests a run")
    if args.connections > 512:
        parser.error("at most 512 connections")
    if args.kill_after is not None and not 0 < args.kill_after < args.duration:
        parser.error("--kill-after must fall inside --duration")
    require_loopback(args.pg_url, "--pg-url")
    require_loopback(args.redis_url, "--redis-url")
    return args


def preflight(args) -> None:
    if not (BIN / "otklik").exists():
        raise SystemExit(f"no otklik in {BIN}: run this with the project's .venv/bin/python")
    needed = {"redis": "REDIS_URL"}
    if args.server == "gunicorn":
        needed["gunicorn"] = "--server gunicorn"
    for module, why in needed.items():
        probe = subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import {module}"], capture_output=True, check=False
        )
        if probe.returncode != 0:
            raise SystemExit(
                f"the Python package {module!r} is not installed in {BIN.parent}: "
                f"needed for {why} (pip install {module})"
            )


def main(argv=None) -> int:
    args = parse_args(argv)
    preflight(args)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    environment = Environment(args)
    server = None
    try:
        environment.create()
        code = environment.public_code()
        server = Server(args, environment, free_port())
        log(f"starting {server.describe()}")
        server.start()
        path = f"/s/{code}/"
        server.wait_ready(path)
        form = fetch_form(server.port, path)
        log(f"survey {path}: questions {sorted(form.choices) + form.texts}")
        if args.warmup:
            log(f"warming up: {args.warmup} GETs of the survey page")
            warm_up(server.port, path, args.warmup)
        if args.wait_quiet:
            busy = wait_quiet(args.wait_quiet, args.quiet_cores)
            log(f"other work on the machine: {busy:.2f} cores; load starts")
        result = asyncio.run(Load(args, server, code, form).run())
        log("load finished; checking the database")
        check = verify(environment.db_url, result.jobs)
        if any(j.outcome.startswith("http_5") for j in result.jobs):
            server.print_log_tail()
        figures = report(args, server, result, check)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        if not figures["pass"]:
            return 1
        return 2 if args.strict and figures["rate_held"] is False else 0
    except KeyboardInterrupt:
        log("interrupted: cleaning up")
        return 130
    finally:
        if server is not None:
            server.stop()
        environment.destroy()


if __name__ == "__main__":
    sys.exit(main())
