from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from otklik.org.roles import ROLE_UNIT_KINDS, Role, UnitKind

# Each kind of unit sits under exactly one kind of parent: region → centre → office.
PARENT_KIND = {
    UnitKind.REGION: None,
    UnitKind.CENTRE: UnitKind.REGION,
    UnitKind.OFFICE: UnitKind.CENTRE,
}


class User(AbstractUser):
    """A staff member. Citizens never have accounts."""

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Unit(models.Model):
    """An organisation unit: a region (субъект РФ), an employment centre or its office.

    ``region`` and ``centre`` repeat the path to the root so that facts and access checks
    filter by one indexed column instead of walking the tree.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    centre = models.ForeignKey(
        "self",
        verbose_name=_("employment centre"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.clean()
        if self.kind == UnitKind.REGION:
            self.region, self.centre = None, None
        elif self.kind == UnitKind.CENTRE:
            self.region, self.centre = self.parent, None
        else:
            self.region, self.centre = self.parent.region, self.parent
        super().save(*args, **kwargs)

    def clean(self) -> None:
        expected = PARENT_KIND.get(self.kind)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("A region has no parent unit.")})
        if expected is not None and (self.parent is None or self.parent.kind != expected):
            raise ValidationError(
                {
                    "parent": _("The parent of this unit must be a %(kind)s.")
                    % {"kind": UnitKind(expected).label}
                }
            )

    @property
    def centre_id_or_self(self) -> int | None:
        if self.kind == UnitKind.CENTRE:
            return self.pk
        return self.centre_id


class Membership(models.Model):
    """A role a staff member holds in a unit; it covers the unit and everything below it."""

    user = models.ForeignKey(
        User, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("role in a unit")
        verbose_name_plural = _("roles in units")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def clean(self) -> None:
        if self.unit_id and self.unit.kind not in ROLE_UNIT_KINDS[self.role]:
            raise ValidationError(
                {
                    "unit": _("The role «%(role)s» cannot be held in a unit of this kind.")
                    % {"role": self.get_role_display()}
                }
            )
