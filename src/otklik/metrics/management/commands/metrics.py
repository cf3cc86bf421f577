"""``otklik metrics rebuild``: fill the metrics' daily rollups again from the facts."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from otklik.metrics import rollups


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("«%(value)s» is not a date (YYYY-MM-DD).") % {"value": value}
        ) from None


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the active language
        return _(
            "Rebuild the daily rollups of survey answers, interactions and mentions from the "
            "stored facts (after an upgrade or a repair), in one transaction."
        )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"], help=_("what to do"))
        parser.add_argument(
            "--family",
            action="append",
            choices=rollups.FAMILIES,
            help=_("only these facts (repeatable); all by default"),
        )
        parser.add_argument("--since", help=_("first local day, YYYY-MM-DD"))
        parser.add_argument("--until", help=_("the day after the last one, YYYY-MM-DD"))

    def handle(self, *args, **options):
        start = _date(options["since"]) if options["since"] else None
        end = _date(options["until"]) if options["until"] else None
        if start and end and end <= start:
            raise CommandError(_("--until must be after --since."))
        families = options["family"] or rollups.FAMILIES
        began = time.monotonic()
        rollups.rebuild(families, start, end)
        self.stdout.write(
            _("Rollups rebuilt (%(families)s) in %(seconds).1f s.")
            % {"families": ", ".join(families), "seconds": time.monotonic() - began}
        )
