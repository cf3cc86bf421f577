"""Addresses of invited citizens and their pseudonymous respondent key (F3, 152-FZ).

The respondent key is an HMAC-SHA256 of the normalised phone or e-mail under a secret salt:
the same person always gets the same key (so they are not asked again too soon), and
nobody can turn a key back into an address without the salt. Everything here is a pure
function of its arguments and the configured salt.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# Distinct from every other use of SECRET_KEY (sessions, signing): a key derived for
# this purpose only.
KEY_PURPOSE = "otklik.outreach.respondent_key"

PHONE = "phone"
EMAIL = "email"

_PHONE_SEPARATORS = re.compile(r"[\s\-().\u00a0\u2010-\u2015]")
_DIGITS = re.compile(r"\d+")
MAX_EMAIL_LENGTH = 254


class InvalidAddress(ValueError):
    """A phone number or e-mail address that cannot be used; the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalise_phone(value: str) -> str:
    """A phone number in international form: Russian numbers as +7XXXXXXXXXX.

    Accepts 8XXXXXXXXXX, 7XXXXXXXXXX, +7XXXXXXXXXX and a ten-digit mobile number starting
    with 9, with spaces, dashes, dots and brackets; other countries as +<country><number>
    (8 to 15 digits, E.164).
    """
    text = _PHONE_SEPARATORS.sub("", (value or "").strip())
    if not text:
        raise InvalidAddress(_("Enter a phone number."))
    plus = text.startswith("+")
    digits = text[1:] if plus else text
    if not _DIGITS.fullmatch(digits):
        raise InvalidAddress(
            _("A phone number may contain only digits, spaces, dashes, brackets and a leading +.")
        )
    if not plus:
        if len(digits) == 11 and digits[0] in "78":
            digits = "7" + digits[1:]
        elif len(digits) == 10 and digits[0] == "9":
            digits = "7" + digits
        else:
            raise InvalidAddress(
                _("Enter a Russian number as +7 XXX XXX-XX-XX or 8 XXX XXX-XX-XX.")
            )
    if digits.startswith("7"):
        if len(digits) != 11:
            raise InvalidAddress(_("A number starting with +7 has ten digits after the +7."))
    elif not (8 <= len(digits) <= 15) or digits[0] == "0":
        raise InvalidAddress(_("Enter the number in international form, e.g. +7 916 123-45-67."))
    return "+" + digits


def normalise_email(value: str) -> str:
    """An e-mail address trimmed and lower-cased, checked for a valid form."""
    text = (value or "").strip().lower()
    if not text:
        raise InvalidAddress(_("Enter an e-mail address."))
    if len(text) > MAX_EMAIL_LENGTH:
        raise InvalidAddress(_("The e-mail address is too long."))
    try:
        validate_email(text)
    except ValidationError:
        raise InvalidAddress(_("Enter a valid e-mail address, e.g. name@example.ru.")) from None
    return text


def address_kind(value: str) -> str:
    """``EMAIL`` for anything with an @, otherwise ``PHONE``."""
    return EMAIL if "@" in (value or "") else PHONE


def normalise_address(value: str, kind: str | None = None) -> str:
    """The normalised phone or e-mail; ``kind`` forces one of them."""
    kind = kind or address_kind(value)
    if kind == EMAIL:
        return normalise_email(value)
    if kind == PHONE:
        return normalise_phone(value)
    raise ValueError(f"unknown address kind {kind!r}")


def respondent_salt() -> str:
    """OTKLIK_RESPONDENT_SALT, or SECRET_KEY (used only under :data:`KEY_PURPOSE`).

    Changing it gives everybody a new key, so the fatigue period starts again: production
    sets the salt once and keeps it.
    """
    return getattr(settings, "OTKLIK_RESPONDENT_SALT", "") or settings.SECRET_KEY


def respondent_key(address: str, *, kind: str | None = None, salt: str | None = None) -> str:
    """The 64-character hex key of a phone or e-mail; the same for every spelling of it."""
    normalised = normalise_address(address, kind)
    secret = salt if salt is not None else respondent_salt()
    return salted_hmac(KEY_PURPOSE, normalised, secret=secret, algorithm="sha256").hexdigest()
