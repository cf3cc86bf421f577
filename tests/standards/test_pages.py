"""Staff pages of QA: who sees and does what (404 outside the user's units, 403 inside
without the right), recording through the form, filters, and editing a scorecard."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from otklik.standards.models import Evaluation, Scorecard, ScorecardCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def khimki_card(units):
    card = Scorecard.objects.create(region=units["region-50"], centre=units["khimki"], title="Х")
    ScorecardCategory.objects.create(scorecard=card, name="Вежливость", weight=1)
    return card


def form_data(categories, touchpoint=None, **extra):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "centre": "",
        "touchpoint": touchpoint.pk if touchpoint else "",
        "employee": "",
        "channel": "office",
        "evaluated_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "note": "",
    }
    for category, value in zip(categories, ("1", "1", "0"), strict=True):
        data[f"score_{category.pk}"] = value
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "username", ["specialist", "teamlead", "director", "regadmin", "analyst", "specialist2"]
)
def test_everyone_sees_the_pages(client_for, username, seed_card):
    client = client_for(username)
    assert seed_card.title in client.get(reverse("scorecard_list")).content.decode()
    assert client.get(reverse("scorecard_detail", args=[seed_card.pk])).status_code == 200
    assert client.get(reverse("evaluation_list")).status_code == 200


def test_the_pages_need_a_login(client, seed_card):
    assert client.get(reverse("scorecard_list")).status_code == 302
    assert client.get(reverse("evaluation_list")).status_code == 302


def test_home_links_the_pages(client_for):
    html = client_for("director").get(reverse("home")).content.decode()
    assert reverse("evaluation_list") in html and reverse("scorecard_list") in html


def test_the_pages_are_russian(client_for, seed_card):
    html = client_for("director").get(reverse("scorecard_list")).content.decode()
    assert "Оценочные листы" in html
    html = client_for("director").get(reverse("evaluation_create", args=[seed_card.pk]))
    assert "хорошо (1)" in html.content.decode()
    assert "плохо (0)" in html.content.decode()


@pytest.mark.parametrize(
    ("username", "status"),
    [("director", 200), ("regadmin", 200), ("specialist", 403), ("analyst", 403),
     ("teamlead", 403)],
)  # fmt: skip
def test_who_creates_scorecards(client_for, username, status):
    assert client_for(username).get(reverse("scorecard_create")).status_code == status


def test_a_director_creates_a_scorecard_with_categories(client_for, units):
    client = client_for("director")
    data = {
        "title": "Приём в ЦЗН",
        "owner": units["podolsk"].pk,
        "description": "",
        "is_active": "on",
        "categories-TOTAL_FORMS": "2",
        "categories-INITIAL_FORMS": "0",
        "categories-0-order": "1",
        "categories-0-name": "Знание услуг",
        "categories-0-weight": "1.5",
        "categories-0-is_active": "on",
        "categories-1-order": "2",
        "categories-1-name": "Грамотность речи",
        "categories-1-weight": "1",
        "categories-1-critical": "on",
        "categories-1-is_active": "on",
    }
    response = client.post(reverse("scorecard_create"), data)
    assert response.status_code == 302
    card = Scorecard.objects.get(title="Приём в ЦЗН")
    assert card.centre == units["podolsk"]
    assert [(c.name, str(c.weight), c.critical) for c in card.active_categories()] == [
        ("Знание услуг", "1.50", False),
        ("Грамотность речи", "1.00", True),
    ]
    # A director cannot give it to the whole region.
    data["title"], data["owner"] = "Региональный", units["region-50"].pk
    assert client.post(reverse("scorecard_create"), data).status_code == 400


def test_a_scorecard_needs_a_category_and_a_positive_weight(client_for, units):
    client = client_for("regadmin")
    base = {
        "title": "Пустой",
        "owner": units["region-50"].pk,
        "is_active": "on",
        "categories-TOTAL_FORMS": "1",
        "categories-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("scorecard_create"), base)
    assert response.status_code == 400
    assert "хотя бы одну" in response.content.decode()
    data = {
        **base,
        "categories-0-name": "Вежливость",
        "categories-0-weight": "0",
        "categories-0-order": "1",
        "categories-0-is_active": "on",
    }
    assert client.post(reverse("scorecard_create"), data).status_code == 400
    assert not Scorecard.objects.filter(title="Пустой").exists()


def test_editing_rights(client_for, seed_card, khimki_card):
    edit = reverse("scorecard_edit", args=[seed_card.pk])
    assert client_for("regadmin").get(edit).status_code == 200
    assert client_for("director").get(edit).status_code == 403  # a region's scorecard
    khimki_edit = reverse("scorecard_edit", args=[khimki_card.pk])
    assert client_for("director").get(khimki_edit).status_code == 404  # another centre
    assert (
        client_for("specialist").get(reverse("scorecard_detail", args=[khimki_card.pk])).status_code
        == 404
    )
    assert (
        client_for("specialist2")
        .get(reverse("scorecard_detail", args=[khimki_card.pk]))
        .status_code
        == 200
    )


def test_editing_keeps_stored_evaluations_and_used_categories(
    client_for, seed_card, categories, record
):
    evaluation = record(scores=(1, 1, 0)).evaluation
    knowledge, speech, politeness = categories
    data = {
        "title": "Разговор (новая редакция)",
        "owner": seed_card.region_id,
        "is_active": "on",
        "categories-TOTAL_FORMS": "3",
        "categories-INITIAL_FORMS": "3",
    }
    for i, (category, weight) in enumerate([(knowledge, "2"), (speech, "1"), (politeness, "1")]):
        data.update(
            {
                f"categories-{i}-id": category.pk,
                f"categories-{i}-scorecard": seed_card.pk,
                f"categories-{i}-order": category.order,
                f"categories-{i}-name": category.name,
                f"categories-{i}-weight": weight,
                f"categories-{i}-is_active": "on",
            }
        )
    data["categories-2-DELETE"] = "on"  # scored before: taken out of use, not deleted
    response = client_for("regadmin").post(reverse("scorecard_edit", args=[seed_card.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    politeness.refresh_from_db()
    assert not politeness.is_active
    knowledge.refresh_from_db()
    assert str(knowledge.weight) == "2.00"
    evaluation.refresh_from_db()
    assert evaluation.iqs_display == 77
    assert sorted(evaluation.scores.values_list("weight", flat=True)) == sorted(
        [knowledge.weight.__class__("1.5"), knowledge.weight.__class__("1"),
         knowledge.weight.__class__("0.75")]
    )  # fmt: skip
    html = client_for("regadmin").get(reverse("evaluation_detail", args=[evaluation.pk]))
    assert "Вежливость" in html.content.decode()


@pytest.mark.parametrize(
    ("username", "status"),
    [("director", 200), ("teamlead", 200), ("regadmin", 200), ("specialist", 403),
     ("analyst", 403)],
)  # fmt: skip
def test_who_records_evaluations(client_for, seed_card, username, status):
    assert (
        client_for(username).get(reverse("evaluation_create", args=[seed_card.pk])).status_code
        == status
    )


def test_recording_through_the_form_gives_77_percent(
    client_for, seed_card, categories, touchpoint, users
):
    client = client_for("director")
    data = form_data(categories, touchpoint, employee=users["specialist"].pk)
    response = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(idempotency_key=data["idempotency_key"])
    assert evaluation.iqs_display == 77
    assert evaluation.evaluator == users["director"]
    assert evaluation.centre.code == "podolsk" and evaluation.journey_id is not None
    assert evaluation.source == "web"
    page = client.get(response["Location"]).content.decode()
    assert "77 %" in page
    # Sending the same form again (a double click) stores nothing new.
    again = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert Evaluation.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1


def test_a_fraction_and_its_messages(client_for, seed_card, categories, touchpoint):
    client = client_for("director")
    knowledge = categories[0]
    data = form_data(categories, touchpoint, **{f"score_{knowledge.pk}": "part"})
    response = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert response.status_code == 400
    assert "Знание услуг" in response.content.decode()
    data[f"fraction_{knowledge.pk}"] = "0.5"
    response = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(idempotency_key=data["idempotency_key"])
    assert evaluation.iqs == pytest.approx((0.75 + 1) / 3.25 * 100)


def test_the_form_refuses_another_centres_touchpoint_and_unscored_categories(
    client_for, seed_card, categories, khimki_touchpoint, touchpoint
):
    client = client_for("director")
    data = form_data(categories, khimki_touchpoint)
    response = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert response.status_code == 400  # not a choice for a director of Подольск
    data = form_data(categories, touchpoint)
    del data[f"score_{categories[2].pk}"]
    response = client.post(reverse("evaluation_create", args=[seed_card.pk]), data)
    assert response.status_code == 400
    assert not Evaluation.objects.filter(idempotency_key=data["idempotency_key"]).exists()


def test_a_director_cannot_record_for_another_centre(client_for, khimki_card):
    assert (
        client_for("director").get(reverse("evaluation_create", args=[khimki_card.pk])).status_code
        == 404
    )


def test_reading_evaluations(client_for, record, users, units):
    own = record(employee=users["specialist"]).evaluation
    colleague = record(employee=users["teamlead"]).evaluation
    detail = lambda e: reverse("evaluation_detail", args=[e.pk])  # noqa: E731
    specialist = client_for("specialist")
    assert specialist.get(detail(own)).status_code == 200
    assert specialist.get(detail(colleague)).status_code == 403
    listed = specialist.get(reverse("evaluation_list")).context["page"].object_list
    assert own in listed and colleague not in listed
    assert client_for("specialist2").get(detail(own)).status_code == 404
    for username in ("director", "teamlead", "regadmin", "analyst"):
        assert client_for(username).get(detail(colleague)).status_code == 200, username


def test_the_list_filters_by_centre_employee_and_period(
    client_for, record, users, units, khimki_card
):
    old = record(evaluated_at=timezone.now() - timedelta(days=40)).evaluation
    new = record(employee=users["teamlead"]).evaluation
    category = khimki_card.active_categories()[0]
    from otklik.standards.services import do_record_evaluation

    khimki = do_record_evaluation(
        scorecard=khimki_card, scores={category.pk: 1}, channel="phone", centre=units["khimki"]
    ).evaluation
    client = client_for("regadmin")

    def listed(**params):
        response = client.get(reverse("evaluation_list"), params)
        assert response.status_code == 200
        return set(response.context["page"].paginator.object_list)

    assert {old, new, khimki} <= listed()
    assert khimki not in listed(centre=units["podolsk"].pk)
    assert listed(centre=units["khimki"].pk) >= {khimki}
    assert new in listed(employee=users["teamlead"].pk)
    assert old not in listed(employee=users["teamlead"].pk)
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert old not in listed(date_from=since) and new in listed(date_from=since)
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert old in listed(date_to=until) and new not in listed(date_to=until)
    assert listed(centre="nonsense") == set()
    response = client.get(reverse("evaluation_list"), {"scorecard": khimki_card.pk})
    assert response.context["summary"]["count"] == 1 and response.context["iqs"] == 100


def test_the_admin_lists_scorecards_and_evaluations(client_for, record):
    evaluation = record().evaluation
    client = client_for("admin")
    for name in ("scorecard", "evaluation"):
        assert client.get(reverse(f"admin:standards_{name}_changelist")).status_code == 200
    change = reverse("admin:standards_evaluation_change", args=[evaluation.pk])
    assert client.get(change).status_code == 200  # read-only: facts are not edited
    assert client.post(change, {"note": "x"}).status_code == 403


def test_the_list_needs_few_queries(client_for, record, django_assert_max_num_queries):
    for _ in range(30):
        record()
    client = client_for("regadmin")
    client.get(reverse("evaluation_list"))  # warm the session and the scope
    with django_assert_max_num_queries(15):
        response = client.get(reverse("evaluation_list"))
    assert len(response.context["page"].object_list) == 25
