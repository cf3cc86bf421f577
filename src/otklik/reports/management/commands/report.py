"""``otklik report weekly|monthly``: make a report on demand and say where its files are."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from otklik.journeys.models import Journey
from otklik.org.models import Unit
from otklik.org.roles import UnitKind
from otklik.reports import services, texts


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the active language
        return _(
            "Make the weekly CX report of a centre or of one of its journeys, or the monthly "
            "report on the feedback system of a centre; archive it and print where the PDF "
            "and XLSX files are. --send e-mails it as the schedule does."
        )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="weekly|monthly")
        weekly = kinds.add_parser("weekly", help=_("the weekly CX report"))
        weekly.add_argument("--centre", required=True, help=_("code of the employment centre"))
        weekly.add_argument(
            "--week", help=_("ISO week, e.g. 2026-W47; by default the week that ended")
        )
        weekly.add_argument("--journey", type=int, help=_("number (id) of one of its journeys"))
        weekly.add_argument("--send", action="store_true", help=_("e-mail it to the team"))
        monthly = kinds.add_parser("monthly", help=_("the monthly feedback-system report"))
        monthly.add_argument("--centre", required=True, help=_("code of the employment centre"))
        monthly.add_argument(
            "--month", help=_("month, e.g. 2026-11; by default the month that ended")
        )
        monthly.add_argument(
            "--send", action="store_true", help=_("e-mail it to every employee of the centre")
        )

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["centre"]).first()
        if unit is None or unit.kind != UnitKind.CENTRE:
            raise CommandError(
                _("There is no employment centre with the code «%(code)s».")
                % {"code": options["centre"]}
            )
        try:
            if options["kind"] == "weekly":
                row = self._weekly(unit, options)
            else:
                month = (
                    texts.parse_month(options["month"])
                    if options["month"]
                    else services.last_month()
                )
                row = services.do_generate_monthly(unit, month, send=options["send"])
        except (ValueError, services.ReportError) as error:
            raise CommandError(str(error)) from None
        document = row.document
        self.stdout.write(f"{document.title}: {document.subject}, {document.period}")
        self.stdout.write(f"PDF:  {row.pdf.path}")
        self.stdout.write(f"XLSX: {row.xlsx.path}")
        if options["send"]:
            row.refresh_from_db()
            self.stdout.write(_("Sent to %(n)s recipients.") % {"n": row.sent_to})

    def _weekly(self, unit, options):
        week = texts.parse_week(options["week"]) if options["week"] else services.last_week()
        journey = None
        if options["journey"] is not None:
            journey = Journey.objects.filter(pk=options["journey"]).first()
            if journey is None:
                raise CommandError(
                    _("There is no journey number %(n)s.") % {"n": options["journey"]}
                )
            if journey.centre_id is None:
                unit = journey.region
        return services.do_generate_weekly(unit, journey, week, send=options["send"])
