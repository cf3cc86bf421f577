"""«Вы сказали — мы сделали»: changes made because of what citizens said (F6).

Published notices are shown on a centre's public wall and on the thank-you page after a
survey, so that a citizen sees that feedback leads somewhere (App. 3 §1, §8).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from otklik.feedback.models import ChangeNotice
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import UnitKind


def published_for(unit: Unit | None) -> QuerySet[ChangeNotice]:
    """Published notices a citizen of this unit is shown, newest first.

    For a centre (or one of its offices): its own and the whole region's; for a region:
    all of the region's.
    """
    notices = ChangeNotice.objects.filter(is_published=True).select_related("region", "centre")
    if unit is None:
        return notices.none()
    if unit.kind == UnitKind.REGION:
        notices = notices.filter(region=unit)
    else:
        centre_id = unit.centre_id_or_self
        notices = notices.filter(
            Q(centre_id=centre_id) | Q(centre__isnull=True, region_id=unit.region_id)
        )
    return notices.order_by("-done_on", "-pk")


def recent_changes(centre_or_region: Unit | None, limit: int = 3) -> list[ChangeNotice]:
    """The latest published «you said — we did» changes for the thank-you page."""
    return list(published_for(centre_or_region)[: max(0, limit)])


def notices_for(user) -> QuerySet[ChangeNotice]:
    """Notices of the user's units; the whole region's are seen by everyone working in it."""
    return ChangeNotice.objects.filter(access.in_scope_q(access.scope_for(user)))


def can_edit(user, notice: ChangeNotice) -> bool:
    """Directors (their centre) and regional administrators (their region)."""
    return access.can_edit_model(access.scope_for(user), notice)


def access_notice(user, pk: int, *, edit: bool = False) -> ChangeNotice:
    notice = notices_for(user).filter(pk=pk).select_related("region", "centre").first()
    if notice is None:
        raise Http404
    if edit and not can_edit(user, notice):
        raise PermissionDenied
    return notice


@transaction.atomic
def do_publish_notice(notice: ChangeNotice, user, *, publish: bool) -> ChangeNotice:
    """Show the notice to citizens, or take it back."""
    notice = ChangeNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.is_published != publish:
        notice.is_published = publish
        notice.published_at = timezone.now() if publish else None
        notice.save(update_fields=["is_published", "published_at", "updated_at"])
    return notice
