from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from otklik.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the active language
        return _(
            "Prepare the embedded demo: migrate the database, load the demo data (again without "
            "duplicates), print the demo accounts and serve on http://127.0.0.1:8000."
        )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help=_("Load the data and stop."))
        parser.add_argument("--port", type=int, default=8000, help=_("Port to serve on."))

    def handle(self, *args, no_serve, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(str(summary)))
        self.stdout.write(
            _("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, description in summary.accounts:
            self.stdout.write(f"  {username:<14} {description}")
        if not no_serve:
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("serve", port=port)
