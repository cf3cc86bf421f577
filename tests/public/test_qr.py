"""QR codes of touchpoints: the address they carry, the A4 poster, the ticket code, the
staff page and its downloads."""

import re
from io import BytesIO
from xml.etree import ElementTree

import pytest
import segno
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from otklik.journeys.models import Journey, Stage, Touchpoint
from otklik.public import posters, qr
from otklik.public.staff_views import download_name

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
BASE = "https://otklik.example.ru"
RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-\3z")


@pytest.fixture
def touchpoint(main_journey):
    return (
        Touchpoint.objects.filter(stage__journey=main_journey)
        .select_related("stage__journey__centre", "stage__journey__region")
        .order_by("stage__order", "order", "pk")
        .first()
    )


@pytest.fixture
def public_base(settings):
    settings.OTKLIK_PUBLIC_BASE_URL = BASE + "/"
    return BASE


def drawn_modules(path_data: str, border: int = qr.QUIET_ZONE) -> set[tuple[int, int]]:
    """The dark modules an SVG path of :func:`qr.module_path` paints, as (x, y)."""
    assert RUN.sub("", path_data) == "", "the path has only rectangles of whole modules"
    cells = set()
    for x, y, width in RUN.findall(path_data):
        for dx in range(int(width)):
            cells.add((int(x) + dx - border, int(y) - border))
    return cells


def symbol_modules(url: str) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="q", micro=False).matrix
    return {(x, y) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()  # \s also matches the poster's NBSPs


# --- the address and the drawing --------------------------------------------------------


def test_the_code_carries_the_public_survey_address_with_the_channel(touchpoint, settings):
    code = touchpoint.public_code
    del settings.OTKLIK_PUBLIC_BASE_URL  # not set: the local default
    assert qr.public_url(touchpoint, "qr") == f"http://127.0.0.1:8000/s/{code}/?ch=qr"
    settings.OTKLIK_PUBLIC_BASE_URL = BASE + "/"
    assert qr.public_url(touchpoint, "qr") == f"{BASE}/s/{code}/?ch=qr"
    assert qr.public_url(touchpoint, "kiosk") == f"{BASE}/s/{code}/?ch=kiosk"
    assert qr.short_url(touchpoint) == f"otklik.example.ru/s/{code}/"
    assert reverse("public_survey", args=[code]) == f"/s/{code}/"
    with pytest.raises(ValueError):
        qr.public_url(touchpoint, "sms")  # invitations carry their channel in a token


def test_the_svg_draws_exactly_the_symbol_of_the_address(touchpoint, public_base):
    url = qr.public_url(touchpoint, "qr")
    assert url == f"{BASE}/s/{touchpoint.public_code}/?ch=qr"
    svg = qr.qr_svg(url, title="QR-код опроса")
    root = ElementTree.fromstring(svg)  # noqa: S314  (our own output)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "QR-код опроса"
    assert root.find(f"{SVG}desc").text == url
    path = root.find(f"{SVG}path")
    assert path.get("fill") == "#000"
    assert drawn_modules(path.get("d")) == symbol_modules(url)
    symbol = qr.make(url)
    assert symbol.error in ("M", "Q", "H") and not symbol.is_micro
    size = len(symbol.matrix) + 2 * qr.QUIET_ZONE  # a white quiet zone of four modules
    assert root.get("viewBox") == f"0 0 {size} {size}"
    assert root.find(f"{SVG}rect").get("fill") == "#fff"


# --- the poster -------------------------------------------------------------------------


def test_the_poster_is_one_a4_page_naming_the_touchpoint_and_centre(touchpoint, public_base):
    reader = PdfReader(BytesIO(posters.poster_pdf(touchpoint)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
    assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
    text = plain(page.extract_text())
    centre = touchpoint.stage.journey.centre
    assert plain(touchpoint.name) in text
    assert centre.name in text
    assert f"otklik.example.ru/s/{touchpoint.public_code}/" in text
    with translation.override("ru"):
        assert plain(gettext("Rate how we served you")) in text
        assert plain(gettext("The survey is anonymous and takes less than a minute")) in text


def test_the_poster_code_is_vector_not_an_image(touchpoint):
    page = PdfReader(BytesIO(posters.poster_pdf(touchpoint))).pages[0]
    assert len(page.images) == 0
    xobjects = page["/Resources"].get("/XObject")
    for ref in xobjects.get_object().values() if xobjects else []:
        assert ref.get_object().get("/Subtype") != "/Image"


def test_a_long_name_still_fits_one_page(touchpoint):
    touchpoint.name = "Консультация специалиста по вопросам профессионального обучения " * 4
    reader = PdfReader(BytesIO(posters.poster_pdf(touchpoint)))
    assert len(reader.pages) == 1


def test_the_poster_loads_nothing_but_local_fonts(touchpoint):
    html = posters.poster_html(touchpoint)
    assert "<link" not in html and "<img" not in html
    assert all(url.startswith("file:///") for url in re.findall(r'url\("([^"]+)"\)', html))
    fetcher = posters.url_fetcher()
    for refused in ("https://fonts.example.com/a.ttf", "http://127.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher(refused)


def test_russian_typesetting_keeps_short_words_with_the_next():
    nbsp = "\u00a0"
    assert posters.typograph("Администратор и навигация в ЦЗН") == (
        f"Администратор и{nbsp}навигация{nbsp}в{nbsp}ЦЗН"
    )
    assert posters.typograph("г. Подольск, ул. Кирова, д. 15") == (
        f"г.{nbsp}Подольск, ул.{nbsp}Кирова,{nbsp}д.{nbsp}15"  # no lone «д. 15» on a line
    )
    heading, _size = posters.heading("Оцените, как мы Вас обслужили", 44)
    assert heading == f"Оцените, как{nbsp}мы{nbsp}Вас{nbsp}обслужили"  # breaks after the comma


# --- the ticket -------------------------------------------------------------------------


def test_the_ticket_is_58_mm_with_the_code_and_two_lines_of_text(touchpoint, public_base):
    svg = posters.ticket_svg(touchpoint)
    root = ElementTree.fromstring(svg.encode())  # noqa: S314  (our own output)
    assert root.get("width") == "58mm"
    url = qr.public_url(touchpoint, "qr")
    assert root.find(f"{SVG}desc").text == url
    assert drawn_modules(root.find(f".//{SVG}path").get("d")) == symbol_modules(url)
    texts = root.findall(f".//{SVG}text")
    assert plain(" ".join(t.text for t in texts if t.get("font-weight") == "bold")) == plain(
        touchpoint.name
    )
    assert touchpoint.stage.journey.centre.name in plain(" ".join(t.text for t in texts))
    assert 'font-family="DejaVu Sans, sans-serif"' in svg


def test_a_region_wide_journey_names_the_region(main_journey):
    journey = Journey(region=main_journey.region, centre=None, title="Весь регион")
    touchpoint = Touchpoint(stage=Stage(journey=journey, name="Этап"), name="Сайт службы")
    assert posters.organisation(touchpoint) == (main_journey.region.name, "")
    assert main_journey.region.name in plain(posters.ticket_svg(touchpoint))


# --- the staff page and the downloads ---------------------------------------------------


def test_the_staff_page_shows_a_code_and_downloads_per_touchpoint(client_for, main_journey):
    response = client_for("specialist").get(reverse("journey_qr", args=[main_journey.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    touchpoints = Touchpoint.objects.filter(stage__journey=main_journey)
    assert html.count("<svg") == touchpoints.count()
    for tp in touchpoints:
        assert reverse("journey_qr_poster", args=[main_journey.pk, tp.pk]) in html
        assert reverse("journey_qr_ticket", args=[main_journey.pk, tp.pk]) in html
        assert f"/s/{tp.public_code}/?ch=kiosk" in html
    assert "OTKLIK_PUBLIC_BASE_URL" in html  # the address is not set in the tests


def test_a_touchpoint_without_a_survey_is_flagged(client_for, main_journey, public_base):
    stage = main_journey.stages.first()
    Touchpoint.objects.create(stage=stage, name="Новая точка", channel="office", order=99)
    html = client_for("teamlead").get(reverse("journey_qr", args=[main_journey.pk])).text
    with translation.override("ru"):
        warning = gettext(
            "No published survey: the code opens nothing until a survey of this touchpoint "
            "is published."
        )
    assert html.count(warning) == 1
    assert "OTKLIK_PUBLIC_BASE_URL" not in html and f"{BASE}/s/" in html


def test_the_downloads_have_ascii_names(client_for, main_journey, touchpoint):
    client = client_for("director")
    poster = client.get(reverse("journey_qr_poster", args=[main_journey.pk, touchpoint.pk]))
    assert poster.status_code == 200
    assert poster["Content-Type"] == "application/pdf"
    assert poster.content.startswith(b"%PDF")
    disposition = poster["Content-Disposition"]
    assert disposition.isascii() and disposition.startswith("attachment;")
    assert f"-{touchpoint.public_code}.pdf" in disposition
    ticket = client.get(reverse("journey_qr_ticket", args=[main_journey.pk, touchpoint.pk]))
    assert ticket.status_code == 200
    assert ticket["Content-Type"].startswith("image/svg+xml")
    assert ticket["Content-Disposition"].isascii()
    assert ticket.content.decode().lstrip().startswith("<?xml")


def test_download_names_are_transliterated():
    touchpoint = Touchpoint(name="Выдача результата: «Щёлково»", public_code="Ab_9-x")
    assert download_name(touchpoint, "poster", "pdf") == (
        "qr-poster-vydacha-rezultata-shchelkovo-Ab_9-x.pdf"
    )


@pytest.mark.parametrize("username", ["teamlead", "regadmin", "analyst"])
def test_staff_in_scope_see_the_codes(client_for, main_journey, username):
    response = client_for(username).get(reverse("journey_qr", args=[main_journey.pk]))
    assert response.status_code == 200


def test_another_centres_specialist_gets_404(client_for, main_journey, touchpoint):
    client = client_for("specialist2")
    for url in (
        reverse("journey_qr", args=[main_journey.pk]),
        reverse("journey_qr_poster", args=[main_journey.pk, touchpoint.pk]),
        reverse("journey_qr_ticket", args=[main_journey.pk, touchpoint.pk]),
    ):
        assert client.get(url).status_code == 404


def test_a_touchpoint_of_another_journey_is_not_found_here(client_for, main_journey):
    other = Touchpoint.objects.exclude(stage__journey=main_journey).filter(
        stage__journey__centre=main_journey.centre
    )[0]
    url = reverse("journey_qr_ticket", args=[main_journey.pk, other.pk])
    assert client_for("director").get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, main_journey, touchpoint):
    for url in (
        reverse("journey_qr", args=[main_journey.pk]),
        reverse("journey_qr_poster", args=[main_journey.pk, touchpoint.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
