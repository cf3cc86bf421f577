from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.feedback.choices import ResponseChannel
from otklik.journeys.models import Touchpoint
from otklik.outreach.respondents import InvalidAddress
from otklik.outreach.services import InvitationRefused, do_invite
from otklik.outreach.views import skipped_message


class Command(BaseCommand):
    help = gettext_lazy(
        "Invite a citizen to the survey of a touchpoint by SMS or e-mail after an interaction. "
        "The address is kept only until the invitation is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--touchpoint",
            required=True,
            help=gettext_lazy(
                "Public code of the touchpoint (write --touchpoint=CODE: a code may start with -)."
            ),
        )
        address = parser.add_mutually_exclusive_group(required=True)
        address.add_argument("--sms", metavar="PHONE", help=gettext_lazy("Phone number."))
        address.add_argument("--email", metavar="EMAIL", help=gettext_lazy("E-mail address."))
        parser.add_argument(
            "--at",
            help=gettext_lazy("Time of the interaction, ISO 8601 (default: now)."),
        )

    def handle(self, *args, touchpoint, sms, email, at, **options):
        found = Touchpoint.objects.filter(public_code=touchpoint).first()
        if found is None:
            raise CommandError(_("No touchpoint has the code %(code)s.") % {"code": touchpoint})
        interaction_at = timezone.now()
        if at:
            interaction_at = parse_datetime(at)
            if interaction_at is None:
                raise CommandError(_("--at must be a date and time such as 2026-11-24T10:30."))
        channel = ResponseChannel.SMS if sms else ResponseChannel.EMAIL
        try:
            result = do_invite(found, channel, sms or email, interaction_at)
        except (InvalidAddress, InvitationRefused) as error:
            raise CommandError(str(error.message)) from None
        if not result.created:
            self.stdout.write(skipped_message(result.skipped))
            return
        when = timezone.localtime(result.due)
        self.stdout.write(
            self.style.SUCCESS(
                _("Invitation %(id)s is planned; it will be sent from %(when)s.")
                % {
                    "id": result.invitation.pk,
                    "when": formats.date_format(when, "SHORT_DATETIME_FORMAT"),
                }
            )
        )
