from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from waitress import serve

from otklik.wsgi import application


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the active language
        return _("Serve Otklik with the Waitress WSGI server.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("Address to listen on."))
        parser.add_argument("--port", type=int, default=8000, help=_("Port to listen on."))
        parser.add_argument("--threads", type=int, default=8, help=_("Worker threads."))
        parser.add_argument(
            "--no-jobs",
            action="store_true",
            help=_(
                "Do not run the background jobs in this process (production runs otklik run_huey)."
            ),
        )

    def handle(self, *args, host, port, threads, no_jobs, **options):
        if not no_jobs and settings.OTKLIK_EMBEDDED_JOBS:
            from otklik.outreach.tasks import start_embedded_consumer

            start_embedded_consumer()
        self.stdout.write(
            _("Otklik is served on http://%(host)s:%(port)s/ (Ctrl+C stops it)")
            % {"host": host, "port": port}
        )
        serve(application, host=host, port=port, threads=threads, ident="otklik")
