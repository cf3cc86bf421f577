"""Background jobs (Huey): the queue, the periodic jobs and the embedded consumer.

The queue lives in a SQLite file under DATA_DIR in the embedded mode and in Redis when
REDIS_URL is set. ``otklik serve`` and ``otklik demo`` run a consumer in threads of the
web process (:func:`start_embedded_consumer`); production runs ``otklik run_huey`` as a
process of its own. Sending is safe with several consumers at once (see
``services.send_due_invitations``).

Settings: ``REDIS_URL``, ``OTKLIK_HUEY_IMMEDIATE`` (tests: run tasks at once, in memory),
``OTKLIK_HUEY_WORKERS`` (worker threads, default 2).
"""

import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer, ConsumerStopped

logger = logging.getLogger(__name__)

QUEUE_NAME = "otklik"


def redis_url() -> str:
    return getattr(settings, "REDIS_URL", "") or os.environ.get("REDIS_URL", "")


def make_huey() -> Huey:
    """The queue chosen by the settings."""
    immediate = bool(getattr(settings, "OTKLIK_HUEY_IMMEDIATE", False))
    if url := redis_url():
        return RedisHuey(QUEUE_NAME, url=url, immediate=immediate, results=False)
    path = Path(settings.DATA_DIR) / "huey.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(path), immediate=immediate, results=False)


HUEY = make_huey()


# Each task gets fresh database connections, as Django requests do (a worker thread
# lives for days). Not in immediate mode: there the caller's connection is used.
@HUEY.pre_execute()
def _before_task(task):
    if not HUEY.immediate:
        close_old_connections()


@HUEY.post_execute()
def _after_task(task, task_value, exc):
    if not HUEY.immediate:
        close_old_connections()


@HUEY.periodic_task(crontab(minute="*"))
def send_due_invitations():
    """Every minute: send the point-survey invitations that are due (App. 3 §6)."""
    from otklik.outreach.services import send_due_invitations as send

    return send()


class EmbeddedConsumer(Consumer):
    """A consumer inside another program: the web server keeps its own signal handlers."""

    def _set_signal_handlers(self):
        pass


_started: dict[int, Consumer] = {}
_start_lock = threading.Lock()


def start_embedded_consumer(huey: Huey | None = None, *, workers: int | None = None):
    """Run a consumer in daemon threads of this process; returns it (None if immediate).

    Calling it again returns the running consumer. ``consumer.stop()`` stops it; the
    threads end with the process anyway.
    """
    huey = huey or HUEY
    if huey.immediate:
        return None
    with _start_lock:
        if id(huey) in _started:
            return _started[id(huey)]
        consumer = EmbeddedConsumer(
            huey,
            workers=workers or int(getattr(settings, "OTKLIK_HUEY_WORKERS", 2)),
            worker_type="thread",
            periodic=True,
            check_worker_health=True,
        )
        consumer.start()
        supervisor = threading.Thread(
            target=_supervise, args=(consumer, huey), name="huey-embedded", daemon=True
        )
        supervisor.start()
        _started[id(huey)] = consumer
    return consumer


def _supervise(consumer: Consumer, huey: Huey) -> None:
    """The consumer's main loop: restarts dead workers until the consumer is stopped."""
    health_check = time.monotonic()
    try:
        while True:
            health_check = consumer.loop(health_check)
    except ConsumerStopped:
        pass
    finally:
        with _start_lock:
            _started.pop(id(huey), None)
