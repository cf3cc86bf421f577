"""`otklik export`: the feedback inbox as CSV or XLSX, with the inbox's filters."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.feedback import exports, inbox
from otklik.feedback.choices import FeedbackChannel, FeedbackStatus
from otklik.org.models import Unit, User


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("«%(value)s» is not a date (expected YYYY-MM-DD).") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = gettext_lazy(
        "Export feedback items (the inbox) to CSV or XLSX, as the given staff member sees "
        "them. Cells that a spreadsheet would run as formulas are neutralised."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output", help=gettext_lazy("File to write; «-» for standard output (CSV only).")
        )
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help=gettext_lazy("Login of the staff member whose units the export covers."),
        )
        parser.add_argument(
            "--format",
            choices=["csv", "xlsx"],
            help=gettext_lazy("csv or xlsx; by default from the file's extension."),
        )
        parser.add_argument("--centre", help=gettext_lazy("Code of an employment centre."))
        parser.add_argument(
            "--channel", choices=FeedbackChannel.values, help=gettext_lazy("Source channel.")
        )
        parser.add_argument("--status", choices=FeedbackStatus.values, help=gettext_lazy("Status."))
        parser.add_argument("--since", help=gettext_lazy("Received on or after (YYYY-MM-DD)."))
        parser.add_argument("--until", help=gettext_lazy("Received on or before (YYYY-MM-DD)."))
        parser.add_argument(
            "--unlinked",
            action="store_true",
            help=gettext_lazy("Only items without a touchpoint."),
        )

    def handle(
        self,
        *args,
        output,
        username,
        format,
        centre,
        channel,
        status,
        since,
        until,
        unlinked,
        **options,
    ):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                _("There is no active staff member «%(login)s».") % {"login": username}
            )
        centre_id = None
        if centre:
            unit = Unit.objects.filter(code=centre).first()
            if unit is None:
                raise CommandError(
                    _("There is no unit with the code «%(code)s».") % {"code": centre}
                )
            centre_id = unit.pk
        kind = format or ("xlsx" if output.lower().endswith(".xlsx") else "csv")
        if kind == "xlsx" and output == "-":
            raise CommandError(_("An XLSX workbook needs a file name."))
        filters = inbox.Filters(
            centre=centre_id,
            channel=channel or "",
            status=status or "",
            date_from=_date(since) if since else None,
            date_to=_date(until) if until else None,
            unlinked=unlinked,
        )
        items = inbox.inbox(user, filters)
        if kind == "xlsx":
            exports.write_xlsx(output, exports.headers(), exports.rows(items), sheet=_("Feedback"))
        elif output == "-":
            sys.stdout.writelines(exports.csv_lines(exports.headers(), exports.rows(items)))
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(exports.csv_lines(exports.headers(), exports.rows(items)))
        if output != "-":
            self.stderr.write(_("Exported: %(count)s.") % {"count": items.count()})
