"""Russian first: every interface string is translated, and the compiled catalogue is current."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

import otklik

CATALOGUE = Path(otklik.__file__).parent / "locale" / "ru" / "LC_MESSAGES"


def test_every_string_has_a_russian_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")


def test_the_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (entry.msgstr, entry.msgstr_plural), (
            entry.msgid
        )


@pytest.mark.django_db
def test_pages_are_russian_by_default_and_english_on_request(client_for):
    client = client_for("analyst")
    assert "Маршруты клиента" in client.get(reverse("journey_list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Client journeys" in client.get(reverse("journey_list")).content.decode()


@pytest.mark.django_db
def test_russian_plurals(client_for, main_journey):
    from otklik.journeys.models import Stage

    client = client_for("teamlead")
    Stage.objects.create(journey=main_journey, name="Новая", order=99)
    html = client.get(reverse("journey_map", args=[main_journey.pk])).content.decode()
    assert "1 неопубликованное изменение" in html
    Stage.objects.create(journey=main_journey, name="Ещё одна", order=100)
    html = client.get(reverse("journey_map", args=[main_journey.pk])).content.decode()
    assert "2 неопубликованных изменения" in html
