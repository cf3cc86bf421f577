"""The respondent key (F3): one key per person whatever the spelling, no way back."""

import pytest

from otklik.outreach.respondents import (
    InvalidAddress,
    address_kind,
    normalise_email,
    normalise_phone,
    respondent_key,
)


@pytest.mark.parametrize(
    "raw",
    [
        "+79161234567",
        "+7 916 123-45-67",
        "+7 (916) 123-45-67",
        "8 916 123 45 67",
        "8(916)1234567",
        "79161234567",
        "9161234567",
        " +7-916-123-45-67 ",
        "8.916.123.45.67",
    ],
)
def test_russian_numbers_are_normalised_to_plus_seven(raw):
    assert normalise_phone(raw) == "+79161234567"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+375 29 123-45-67", "+375291234567"),
        ("+998 90 123 45 67", "+998901234567"),
        ("84951234567", "+74951234567"),  # a landline is a valid number too
    ],
)
def test_other_numbers_keep_their_country(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "12345",
        "+7 916 123-45-6",
        "+7 916 123-45-678",
        "916-ABC",
        "+0123456789",
        "1234567890123",
        "+7916123456a",
    ],
)
def test_bad_numbers_are_refused_with_a_message(raw):
    with pytest.raises(InvalidAddress) as error:
        normalise_phone(raw)
    assert str(error.value.message)


@pytest.mark.parametrize(
    "raw", ["Citizen@Example.RU", "  citizen@example.ru ", "CITIZEN@EXAMPLE.RU"]
)
def test_emails_are_trimmed_and_lower_cased(raw):
    assert normalise_email(raw) == "citizen@example.ru"


@pytest.mark.parametrize("raw", ["", "citizen", "citizen@", "@example.ru", "a b@example.ru"])
def test_bad_emails_are_refused(raw):
    with pytest.raises(InvalidAddress):
        normalise_email(raw)


def test_every_spelling_of_one_person_gives_one_key():
    phones = {respondent_key(p) for p in ("+7 916 123-45-67", "89161234567", "9161234567")}
    emails = {respondent_key(e) for e in ("Citizen@Example.ru", " citizen@example.ru")}
    assert len(phones) == 1
    assert len(emails) == 1
    assert phones != emails


def test_the_key_is_a_salted_hash_that_does_not_contain_the_address(settings):
    key = respondent_key("+79161234567")
    assert len(key) == 64
    assert int(key, 16) >= 0
    assert "9161234567" not in key
    assert respondent_key("+79161234567") == key  # stable
    assert respondent_key("+79161234568") != key
    settings.OTKLIK_RESPONDENT_SALT = "another-salt"
    assert respondent_key("+79161234567") != key
    assert respondent_key("+79161234567", salt="another-salt") == respondent_key("89161234567")


def test_the_default_salt_is_not_the_plain_secret_key(settings):
    import hashlib
    import hmac

    settings.OTKLIK_RESPONDENT_SALT = ""
    plain = hmac.new(settings.SECRET_KEY.encode(), b"+79161234567", hashlib.sha256).hexdigest()
    assert respondent_key("+79161234567") != plain
    assert respondent_key("+79161234567") != hashlib.sha256(b"+79161234567").hexdigest()


def test_the_kind_of_an_address():
    assert address_kind("a@b.ru") == "email"
    assert address_kind("+79161234567") == "phone"
    with pytest.raises(InvalidAddress):
        respondent_key("citizen@example.ru", kind="phone")
