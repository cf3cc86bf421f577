import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy
from huey.consumer_options import ConsumerConfig


class Command(BaseCommand):
    help = gettext_lazy(
        "Run the background jobs (Huey consumer) as a process of its own, as in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=gettext_lazy("Worker threads (default: OTKLIK_HUEY_WORKERS, 2)."),
        )

    def handle(self, *args, workers, **options):
        from otklik.outreach.tasks import HUEY

        config = ConsumerConfig(
            workers=workers or int(getattr(settings, "OTKLIK_HUEY_WORKERS", 2)),
            worker_type="thread",
            periodic=True,
            verbose={0: False, 1: None}.get(options["verbosity"], True),
        )
        config.validate()
        logger = logging.getLogger("huey")
        if not logger.handlers:
            config.setup_logger(logger)
            logger.propagate = False  # once, not again through the root logger
        HUEY.create_consumer(**config.values).run()
