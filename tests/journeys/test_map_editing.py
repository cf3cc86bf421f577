"""Editing a journey on its map, publishing versions and comparing them (test client)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from otklik.journeys.models import JourneyVersion, Stage, Touchpoint

pytestmark = pytest.mark.django_db


def cell_url(journey, kind, item_id, field):
    return reverse("journey_edit_cell", args=[journey.pk, kind, item_id, field])


def test_the_map_shows_every_stage_and_row(client_for, main_journey):
    response = client_for("specialist").get(reverse("journey_map", args=[main_journey.pk]))
    html = response.content.decode()
    for stage in main_journey.stages.all():
        assert stage.name in html
        for tp in stage.touchpoints.all():
            assert tp.name in html
    for label in (
        "Цель гражданина",
        "Мысли гражданина",
        "Цель ЦЗН",
        "Точки контакта",
        "Метрики клиентского опыта",
        "Барьеры",
        "Ответственные",
        "Инструменты повышения качества",
    ):
        assert label in html
    assert "Изменить" not in html  # a specialist gets no edit controls


def test_edit_mode_offers_a_form_per_cell(client_for, main_journey):
    response = client_for("teamlead").get(
        reverse("journey_map", args=[main_journey.pk]) + "?edit=1"
    )
    assert response.status_code == 200
    tp = Touchpoint.objects.filter(stage__journey=main_journey).first()
    assert cell_url(main_journey, "touchpoint", tp.pk, "barriers") in response.content.decode()


def test_edit_a_cell_publish_and_compare(client_for, users, main_journey):
    client = client_for("teamlead")
    tp = Touchpoint.objects.filter(stage__journey=main_journey).first()
    old_barriers = tp.barriers
    prefix = f"touchpoint-{tp.pk}-barriers"
    response = client.post(
        cell_url(main_journey, "touchpoint", tp.pk, "barriers"),
        {f"{prefix}-barriers": old_barriers + "\nНет версии для слабовидящих"},
    )
    assert response.status_code == 302
    tp.refresh_from_db()
    assert tp.barriers.endswith("Нет версии для слабовидящих")

    versions_before = main_journey.versions.count()
    response = client.post(
        reverse("journey_publish", args=[main_journey.pk]),
        {"comment": "Добавлен барьер доступности"},
    )
    assert response.status_code == 302
    version = main_journey.versions.get(number=versions_before + 1)
    assert version.published_by == users["teamlead"]
    assert version.comment == "Добавлен барьер доступности"

    # the previous version keeps the old text and stays viewable
    previous = main_journey.versions.get(number=versions_before)
    old_tp = next(
        t for s in previous.snapshot["stages"] for t in s["touchpoints"] if t["id"] == tp.pk
    )
    assert old_tp["barriers"] == old_barriers
    page = client.get(reverse("journey_version", args=[main_journey.pk, previous.number]))
    assert page.status_code == 200

    compare = client.get(
        reverse("journey_compare", args=[main_journey.pk]),
        {"from": previous.number, "to": version.number},
    )
    [change] = compare.context["changes"]
    assert (change.item_id, change.field) == (tp.pk, "barriers")
    assert "Нет версии для слабовидящих" in compare.content.decode()

    new_page = client.get(reverse("journey_version", args=[main_journey.pk, version.number]))
    assert f'id="touchpoint-{tp.pk}-barriers" class="changed"' in new_page.content.decode()


def test_publishing_without_changes_creates_no_version(client_for, main_journey):
    client = client_for("teamlead")
    count = main_journey.versions.count()
    response = client.post(reverse("journey_publish", args=[main_journey.pk]), {"comment": ""})
    assert response.status_code == 302
    assert main_journey.versions.count() == count


def test_published_versions_cannot_be_changed_in_the_admin(client_for, main_journey):
    version = main_journey.versions.first()
    url = reverse("admin:journeys_journeyversion_change", args=[version.pk])
    response = client_for("admin").post(url, {"comment": "переписано"})
    version.refresh_from_db()
    assert version.comment != "переписано"
    assert response.status_code in (200, 403)
    assert JourneyVersion.objects.filter(pk=version.pk).exists()


def test_add_move_and_delete_stages_and_touchpoints(client_for, main_journey):
    client = client_for("director")
    first, second = list(main_journey.stages.order_by("order"))[:2]
    response = client.post(
        reverse("journey_add_stage", args=[main_journey.pk]),
        {"name": "Сопровождение после трудоустройства", "after": first.pk},
    )
    assert response.status_code == 302
    names = list(main_journey.stages.order_by("order").values_list("name", flat=True))
    assert names[1] == "Сопровождение после трудоустройства"
    new_stage = main_journey.stages.get(name="Сопровождение после трудоустройства")

    client.post(
        reverse("journey_add_touchpoint", args=[main_journey.pk, new_stage.pk]),
        {"name": "Звонок специалиста", "channel": "contact_centre"},
    )
    client.post(
        reverse("journey_add_touchpoint", args=[main_journey.pk, new_stage.pk]),
        {"name": "Письмо по e-mail", "channel": "email"},
    )
    tps = list(new_stage.touchpoints.order_by("order").values_list("name", flat=True))
    assert tps == ["Звонок специалиста", "Письмо по e-mail"]

    mail = new_stage.touchpoints.get(name="Письмо по e-mail")
    client.post(reverse("journey_move_item", args=[main_journey.pk, "touchpoint", mail.pk, "left"]))
    tps = list(new_stage.touchpoints.order_by("order").values_list("name", flat=True))
    assert tps == ["Письмо по e-mail", "Звонок специалиста"]

    client.post(
        reverse("journey_move_item", args=[main_journey.pk, "stage", new_stage.pk, "right"])
    )
    names = list(main_journey.stages.order_by("order").values_list("name", flat=True))
    assert names[1:3] == [second.name, "Сопровождение после трудоустройства"]

    client.post(reverse("journey_delete_item", args=[main_journey.pk, "stage", new_stage.pk]))
    assert not Stage.objects.filter(pk=new_stage.pk).exists()
    assert not Touchpoint.objects.filter(stage_id=new_stage.pk).exists()


def test_invalid_cell_input_changes_nothing_and_says_why(client_for, main_journey):
    tp = Touchpoint.objects.filter(stage__journey=main_journey).first()
    prefix = f"touchpoint-{tp.pk}-header"
    response = client_for("director").post(
        cell_url(main_journey, "touchpoint", tp.pk, "header"),
        {f"{prefix}-name": "", f"{prefix}-channel": "pigeon", f"{prefix}-description": "x"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Обязательное поле" in html
    tp_after = Touchpoint.objects.get(pk=tp.pk)
    assert (tp_after.name, tp_after.channel) == (tp.name, tp.channel)


def test_unknown_cells_and_directions_are_404(client_for, main_journey):
    client = client_for("director")
    stage = main_journey.stages.first()
    assert client.post(cell_url(main_journey, "stage", stage.pk, "journey_id")).status_code == 404
    assert client.post(cell_url(main_journey, "unit", stage.pk, "name")).status_code == 404
    url = reverse("journey_move_item", args=[main_journey.pk, "stage", stage.pk, "up"])
    assert client.post(url).status_code == 404


def test_changes_are_in_the_audit_trail(client_for, users, main_journey):
    stage = main_journey.stages.first()
    client = client_for("director")
    client.post(
        cell_url(main_journey, "stage", stage.pk, "citizen_goal"),
        {f"stage-{stage.pk}-citizen_goal-citizen_goal": "Быстро найти нужное"},
    )
    entry = LogEntry.objects.get_for_object(stage).first()
    assert entry.actor == users["director"]
    assert "citizen_goal" in entry.changes_dict
    history = client.get(reverse("journey_history", args=[main_journey.pk])).content.decode()
    assert "Быстро найти нужное" in history
    assert "Цель гражданина</strong>" in history
    assert f"Стадия «{stage.name}»: изменение" in history
    assert "None" not in history


def test_create_a_journey(client_for, users):
    from otklik.journeys.models import ClientGroup, Journey
    from otklik.org.models import Unit

    client = client_for("director")
    centre = Unit.objects.get(code="podolsk")
    group = ClientGroup.objects.get(code="job_seekers")
    response = client.post(
        reverse("journey_create"),
        {
            "title": "Жалоба на работу ЦЗН",
            "owner": centre.pk,
            "client_group": group.pk,
            "split_basis": "task_complain",
            "status": "draft",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    journey = Journey.objects.get(title="Жалоба на работу ЦЗН")
    assert (journey.region_id, journey.centre_id) == (centre.region_id, centre.pk)


def test_a_director_cannot_create_a_journey_for_another_centre(client_for):
    from otklik.journeys.models import ClientGroup, Journey
    from otklik.org.models import Unit

    other = Unit.objects.filter(kind="centre").exclude(code="podolsk").first()
    response = client_for("director").post(
        reverse("journey_create"),
        {
            "title": "Чужой маршрут",
            "owner": other.pk,
            "client_group": ClientGroup.objects.first().pk,
            "split_basis": "task_learn",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Journey.objects.filter(title="Чужой маршрут").exists()


def test_edit_the_metrics_cell(client_for, main_journey):
    from otklik.metrics.models import Metric

    tp = Touchpoint.objects.filter(stage__journey=main_journey).first()
    nps, csat = Metric.objects.get(code="NPS"), Metric.objects.get(code="CSAT")
    prefix = f"touchpoint-{tp.pk}-metrics"
    client = client_for("teamlead")
    response = client.post(
        cell_url(main_journey, "touchpoint", tp.pk, "metrics"),
        {
            f"{prefix}-metrics": [nps.pk, csat.pk],
            f"{prefix}-measurement_methods": "Опрос по QR-коду",
        },
    )
    assert response.status_code == 302
    assert sorted(m.code for m in tp.metrics.all()) == ["CSAT", "NPS"]
    tp.refresh_from_db()
    assert tp.measurement_methods == "Опрос по QR-коду"

    response = client.post(
        cell_url(main_journey, "touchpoint", tp.pk, "metrics"),
        {
            f"{prefix}-metrics": [999999],
            f"{prefix}-measurement_methods": "",
        },
    )
    assert response.status_code == 400
    assert sorted(m.code for m in tp.metrics.all()) == ["CSAT", "NPS"]
