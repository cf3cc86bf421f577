from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.outreach.services import send_due_invitations


class Command(BaseCommand):
    help = gettext_lazy(
        "Send the survey invitations that are due now (the background jobs do this every minute)."
    )

    def handle(self, *args, **options):
        count = send_due_invitations()
        self.stdout.write(_("Invitations sent: %(count)s") % {"count": count})
