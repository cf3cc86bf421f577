"""Feedback items, mentions and paper questionnaires through the same ingest."""

import pytest

from otklik.feedback.models import FeedbackItem, Mention, Response, Survey
from otklik.imports import services
from otklik.imports.models import RunStatus

from .helpers import make_source, write_csv

pytestmark = pytest.mark.django_db


def test_feedback_items(tmp_path):
    source = make_source(
        "feedback",
        name="Книга жалоб",
        centre="podolsk",
        default_channel="complaint_book",
        mapping={"received_at": "Дата", "text": "Текст", "rating": "Оценка"},
    )
    path = write_csv(
        tmp_path / "book.csv",
        [["Дата", "Текст", "Оценка"], ["24.11.2026", "Долго ждал", "2"], ["вчера", "", "7"]],
        encoding="utf-8-sig",
        delimiter=",",
    )
    run = services.dry_run(source, path)
    assert [(e["row"], e["field"]) for e in run.errors] == [(3, "received_at")] or [
        e["row"] for e in run.errors
    ] == [3]
    good = write_csv(
        tmp_path / "g.csv", [["Дата", "Текст", "Оценка"], ["24.11.2026", "Долго", "2"]]
    )
    before = FeedbackItem.objects.count()
    assert services.commit(source, good).created_count == 1
    item = FeedbackItem.objects.order_by("-pk").first()
    assert (item.channel, item.rating, item.centre.code, item.status) == (
        "complaint_book",
        2,
        "podolsk",
        "new",
    )
    assert services.commit(source, good).created_count == 0
    assert FeedbackItem.objects.count() == before + 1


def test_mentions_duplicate_url(tmp_path):
    source = make_source(
        "mentions",
        name="Мониторинг СМИ",
        mapping={
            "platform": "Площадка",
            "url": "Ссылка",
            "published_at": "Дата",
            "text": "Текст",
            "stars": "Звёзды",
        },
    )
    header = ["Площадка", "Ссылка", "Дата", "Текст", "Звёзды"]
    rows = [
        ["2ГИС", "https://2gis.ru/r/1", "24.11.2026", "Хорошо", "5"],
        ["ВКонтакте", "https://vk.com/wall-1_2", "24.11.2026 12:00", "Очередь", ""],
        ["2ГИС", "https://2gis.ru/r/1", "25.11.2026", "Повтор", "4"],
        ["ВКонтакте", "не ссылка", "24.11.2026", "Текст", "9"],
    ]
    path = write_csv(tmp_path / "m.csv", [header, *rows])
    run = services.dry_run(source, path)
    assert {(e["row"], e["field"]) for e in run.errors} == {
        (4, "url"),
        (5, "url"),
        (5, "stars"),
    }
    assert run.errors[0]["params"]["other"] == "2"
    assert services.commit(source, path).status == RunStatus.FAILED
    good = write_csv(tmp_path / "g.csv", [header, *rows[:2]])
    before = Mention.objects.count()
    assert services.commit(source, good).created_count == 2
    assert Mention.objects.filter(url="https://2gis.ru/r/1", platform="2gis").count() == 1
    # The same address from another feed is the same mention.
    other = make_source("mentions", name="Другая выгрузка", mapping=source.mapping)
    assert services.commit(other, good).created_count == 0
    assert Mention.objects.count() == before + 2


def test_paper_responses_validated_against_the_version(tmp_path, main_journey):
    from otklik.demo import content

    survey = Survey.objects.get(title=content.SURVEY["title"])
    version = survey.current_version
    questions = {q["type"]: q for q in version.questions}
    touchpoint = survey.touchpoints.first()
    source = make_source("paper_responses", name="Анкеты", survey=survey)
    mapping = {"touchpoint": "Точка", "submitted_at": "Дата", "external_id": "№"}
    mapping |= {f"q:{q['key']}": q["type"].upper() for q in version.questions}
    source.mapping = mapping
    source.save()
    header = ["№", "Точка", "Дата", *[q["type"].upper() for q in version.questions]]

    def row(number, ces, csat, nps, text, code=touchpoint.public_code):
        values = {"ces": ces, "csat": csat, "nps": nps, "text": text}
        return [number, code, "24.11.2026", *[values[q["type"]] for q in version.questions]]

    bad = write_csv(
        tmp_path / "bad.csv",
        [
            header,
            row("1", "5", "3", "10", "Спасибо"),
            row("2", "9", "3", "10", ""),  # CES has 5 points
            row("3", "", "3", "11", ""),  # CES required, NPS 0–10
            row("4", "4", "3", "8", "", code="NOPE"),
        ],
    )
    run = services.dry_run(source, bad)
    found = {(e["row"], e["field"]) for e in run.errors}
    ces, nps = f"q:{questions['ces']['key']}", f"q:{questions['nps']['key']}"
    assert found == {(3, ces), (4, ces), (4, nps), (5, "touchpoint")}, run.errors
    before = Response.objects.count()
    assert services.commit(source, bad).status == RunStatus.FAILED
    assert Response.objects.count() == before

    good = write_csv(tmp_path / "good.csv", [header, row("1", "5", "3", "10", "Спасибо")])
    assert services.commit(source, good).created_count == 1
    response = Response.objects.order_by("-pk").first()
    assert response.channel == "paper" and response.survey_version == version
    assert response.touchpoint == touchpoint and response.journey == main_journey
    scores = {a.type: a.score for a in response.answers.all()}
    assert scores["ces"] == 5 and scores["nps"] == 10
    assert services.commit(source, good).created_count == 0
