"""The staff survey builder (F1): questions, templates, touchpoints, preview, versions."""

import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from otklik.demo import content
from otklik.feedback.choices import QuestionType
from otklik.feedback.models import Question, Survey
from otklik.feedback.services import do_submit_response
from otklik.feedback.surveys import TEMPLATES
from otklik.journeys.models import Touchpoint
from otklik.org.models import Unit

# The project's URLs plus the builder's, whether or not the project includes them yet.

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_survey(db):
    return Survey.objects.get(title=content.SURVEY["title"])


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def new_survey(main_journey):
    return Survey.objects.create(
        region=main_journey.region, centre=main_journey.centre, title="Пробный опрос"
    )


def url(name, *args):
    return reverse(name, args=args)


def add_question(client, survey, **data):
    return client.post(url("survey_question_create", survey.pk), data)


# Creating a survey and its questions


def test_director_creates_a_survey_from_the_app4_templates(client_for, main_journey):
    client = client_for("director")
    response = client.post(
        url("survey_create"),
        {
            "title": "После консультации",
            "owner": main_journey.centre_id,
            "intro": "Три вопроса.",
            "thanks": "Спасибо!",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get(title="После консультации")
    assert (survey.region_id, survey.centre_id) == (main_journey.region_id, main_journey.centre_id)
    for index in range(len(TEMPLATES)):
        response = client.post(url("survey_question_from_template", survey.pk), {"template": index})
        assert response.status_code == 302
    questions = list(survey.questions.order_by("order"))
    assert [(q.type, q.text) for q in questions] == [(t["type"], t["text"]) for t in TEMPLATES]
    ces = next(q for q in questions if q.type == QuestionType.CES)
    assert ces.scale_points == 5
    assert [q.order for q in questions] == [1, 2, 3, 4, 5]
    page = client.get(url("survey_detail", survey.pk)).content.decode()
    assert all(t["text"] in page for t in TEMPLATES)


def test_an_unknown_template_changes_nothing(client_for, new_survey):
    client = client_for("director")
    response = client.post(url("survey_question_from_template", new_survey.pk), {"template": 99})
    assert response.status_code == 302
    assert not new_survey.questions.exists()


def test_only_unit_editors_create_surveys(client_for, main_journey, other_draft):
    assert client_for("specialist").get(url("survey_create")).status_code == 403
    # a director cannot put a survey into another centre
    response = client_for("director").post(
        url("survey_create"), {"title": "Чужой", "owner": other_draft.centre_id}
    )
    assert response.status_code == 200
    assert not Survey.objects.filter(title="Чужой").exists()


def test_ces_scale_defaults_to_5_and_allows_2_to_7(client_for, new_survey):
    client = client_for("director")
    form = client.get(url("survey_question_create", new_survey.pk), {"type": "ces"})
    assert 'value="5" selected' in form.content.decode()

    assert add_question(client, new_survey, type="ces", text="Легко?").status_code == 302
    assert new_survey.questions.get(text="Легко?").scale_points == 5
    for points in (1, 8):
        response = add_question(client, new_survey, type="ces", text="Плохо", scale_points=points)
        assert response.status_code == 400
    assert not new_survey.questions.filter(text="Плохо").exists()
    for points in (2, 7):
        response = add_question(
            client, new_survey, type="ces", text=f"Шкала {points}", scale_points=points
        )
        assert response.status_code == 302
        assert new_survey.questions.get(text=f"Шкала {points}").scale_points == points
    # other types carry no scale
    add_question(client, new_survey, type="nps", text="Порекомендуете?", scale_points=7)
    assert new_survey.questions.get(text="Порекомендуете?").scale_points is None


def test_choice_questions_need_two_options_one_per_line(client_for, new_survey):
    client = client_for("director")
    response = add_question(client, new_survey, type="single", text="Канал?", options="Сайт")
    assert response.status_code == 400
    assert not new_survey.questions.exists()
    response = add_question(
        client, new_survey, type="multiple", text="Канал?", options="Сайт\n\n  Телефон  \nОфис"
    )
    assert response.status_code == 302
    question = new_survey.questions.get()
    assert question.options.splitlines() == ["Сайт", "", "  Телефон  ", "Офис"]
    preview = client.get(url("survey_preview", new_survey.pk)).content.decode()
    assert "Телефон" in preview and "Офис" in preview
    # options are dropped from a question that is not a choice
    add_question(client, new_survey, type="text", text="Что улучшить?", options="a\nb")
    assert new_survey.questions.get(text="Что улучшить?").options == ""


def test_a_warning_past_five_questions(client_for, new_survey):
    client = client_for("director")
    for n in range(5):
        Question.objects.create(survey=new_survey, order=n + 1, type="rating", text=f"В{n}")
    page = client.get(url("survey_detail", new_survey.pk)).content.decode()
    assert "too-many-questions" not in page
    client.post(url("survey_question_from_template", new_survey.pk), {"template": 0})
    page = client.get(url("survey_detail", new_survey.pk)).content.decode()
    assert 'id="too-many-questions"' in page
    assert "3–5" in page


def test_edit_reorder_and_delete_questions(client_for, new_survey):
    client = client_for("director")
    first, second, third = (
        Question.objects.create(survey=new_survey, order=n, type="rating", text=t)
        for n, t in enumerate(["Первый", "Второй", "Третий"], start=1)
    )
    client.post(url("survey_question_move", new_survey.pk, third.pk, "up"))
    assert list(new_survey.questions.order_by("order").values_list("text", flat=True)) == [
        "Первый",
        "Третий",
        "Второй",
    ]
    client.post(url("survey_question_move", new_survey.pk, first.pk, "up"))  # already first
    client.post(url("survey_question_move", new_survey.pk, first.pk, "down"))
    assert list(new_survey.questions.order_by("order").values_list("text", flat=True)) == [
        "Третий",
        "Первый",
        "Второй",
    ]
    assert (
        client.post(url("survey_question_move", new_survey.pk, first.pk, "sideways")).status_code
        == 404
    )
    assert client.get(url("survey_question_move", new_survey.pk, first.pk, "up")).status_code == 405

    response = client.post(
        url("survey_question_edit", new_survey.pk, second.pk),
        {"type": "rating", "text": "Второй, уточнённый", "required": "on"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.text, second.required) == ("Второй, уточнённый", True)

    client.post(url("survey_question_delete", new_survey.pk, third.pk))
    assert list(new_survey.questions.order_by("order").values_list("text", "order")) == [
        ("Первый", 1),
        ("Второй, уточнённый", 2),
    ]


def test_a_question_of_another_survey_is_not_found(client_for, new_survey, demo_survey):
    client = client_for("director")
    foreign = demo_survey.questions.first()
    assert client.get(url("survey_question_edit", new_survey.pk, foreign.pk)).status_code == 404
    assert client.post(url("survey_question_delete", new_survey.pk, foreign.pk)).status_code == 404
    assert Question.objects.filter(pk=foreign.pk).exists()


# Touchpoints


def test_attach_touchpoints_of_the_units_journeys(client_for, new_survey, main_journey):
    client = client_for("director")
    page = client.get(url("survey_touchpoints", new_survey.pk)).content.decode()
    touchpoints = list(Touchpoint.objects.filter(stage__journey=main_journey)[:2])
    for tp in touchpoints:
        assert tp.name in page
    assert main_journey.stages.first().name in page
    response = client.post(
        url("survey_touchpoints", new_survey.pk), {"touchpoints": [tp.pk for tp in touchpoints]}
    )
    assert response.status_code == 302
    assert set(new_survey.touchpoints.all()) == set(touchpoints)
    detail = client.get(url("survey_detail", new_survey.pk)).content.decode()
    for tp in touchpoints:
        assert url("public_survey", tp.public_code) in detail


def test_a_touchpoint_outside_the_scope_is_refused(
    client_for, new_survey, main_journey, other_draft
):
    client = client_for("director")
    mine = Touchpoint.objects.filter(stage__journey=main_journey).first()
    foreign = Touchpoint.objects.filter(stage__journey=other_draft).first()
    new_survey.touchpoints.set([mine])
    page = client.get(url("survey_touchpoints", new_survey.pk)).content.decode()
    assert f'value="{foreign.pk}"' not in page
    response = client.post(url("survey_touchpoints", new_survey.pk), {"touchpoints": [foreign.pk]})
    assert response.status_code == 400
    assert list(new_survey.touchpoints.all()) == [mine]
    response = client.post(url("survey_touchpoints", new_survey.pk), {"touchpoints": ["x"]})
    assert response.status_code == 400
    assert list(new_survey.touchpoints.all()) == [mine]


def test_a_region_wide_survey_takes_touchpoints_of_all_centres(
    client_for, main_journey, other_draft
):
    client = client_for("regadmin")
    region = Unit.objects.get(pk=main_journey.region_id)
    client.post(url("survey_create"), {"title": "Регион", "owner": region.pk, "is_active": "on"})
    survey = Survey.objects.get(title="Регион")
    assert survey.centre_id is None
    page = client.get(url("survey_touchpoints", survey.pk)).content.decode()
    foreign = Touchpoint.objects.filter(stage__journey=other_draft).first()
    assert f'value="{foreign.pk}"' in page


def test_moving_a_survey_to_another_unit_needs_its_touchpoints_detached(
    client_for, demo_survey, other_draft
):
    response = client_for("regadmin").post(
        url("survey_edit", demo_survey.pk),
        {"title": demo_survey.title, "owner": other_draft.centre_id, "is_active": "on"},
    )
    assert response.status_code == 200
    demo_survey.refresh_from_db()
    assert demo_survey.centre_id != other_draft.centre_id


# Publishing and versions


def test_publishing_keeps_old_answers_with_their_version(client_for, users, demo_survey):
    client = client_for("teamlead")
    version1 = demo_survey.current_version
    touchpoint = demo_survey.touchpoints.first()
    ces_key = next(q["key"] for q in version1.questions if q["type"] == "ces")
    submitted = do_submit_response(
        touchpoint=touchpoint,
        version=version1,
        answers=[{"question_key": ces_key, "type": "ces", "score": 4, "scale_points": 5}],
        channel="qr",
        idempotency_key=uuid.uuid4(),
        fill_seconds=30,
    ).response

    # nothing changed yet: publishing says so and makes no version
    response = client.post(url("survey_publish", demo_survey.pk))
    assert response.status_code == 302
    assert demo_survey.versions.count() == 1

    ces = demo_survey.questions.get(type="ces")
    response = client.post(
        url("survey_question_edit", demo_survey.pk, ces.pk),
        {"type": "ces", "text": "Насколько легко было?", "scale_points": 7, "required": "on"},
    )
    assert response.status_code == 302
    page = client.get(url("survey_detail", demo_survey.pk)).content.decode()
    assert url("survey_publish", demo_survey.pk) in page

    client.post(url("survey_publish", demo_survey.pk))
    version2 = demo_survey.versions.get(number=2)
    assert version2.published_by == users["teamlead"]
    assert demo_survey.current_version == version2

    submitted.refresh_from_db()
    assert submitted.survey_version == version1
    version1.refresh_from_db()
    old = next(q for q in version1.questions if q["key"] == ces_key)
    assert (old["text"], old["scale_points"]) == (content.SURVEY["questions"][0]["text"], 5)
    # a new scale makes a new question: the stored 4-of-5 is never read on a 7-point scale
    new = next(q for q in version2.questions if q["type"] == "ces")
    assert new["key"] != ces_key and new["scale_points"] == 7

    versions = client.get(url("survey_versions", demo_survey.pk)).content.decode()
    assert content.SURVEY["questions"][0]["text"] in versions
    assert "Насколько легко было?" in versions
    one = client.get(url("survey_version", demo_survey.pk, 1))
    assert one.status_code == 200
    assert content.SURVEY["questions"][0]["text"] in one.content.decode()
    assert client.get(url("survey_version", demo_survey.pk, 9)).status_code == 404


def test_rewording_keeps_the_question_key(client_for, demo_survey):
    client = client_for("director")
    question = demo_survey.questions.get(type="text")
    client.post(
        url("survey_question_edit", demo_survey.pk, question.pk),
        {"type": "text", "text": "Что нам улучшить в первую очередь?"},
    )
    assert Question.objects.filter(pk=question.pk, text__startswith="Что нам улучшить").exists()


def test_the_detail_counts_responses_per_version(client_for, demo_survey, english):
    version = demo_survey.current_version
    counted = version.responses.filter(status="accepted").count()  # the demo's answers
    for flags in ([], [], ["too_fast"]):
        do_submit_response(
            touchpoint=demo_survey.touchpoints.first(),
            version=version,
            answers=[],
            channel="web",
            idempotency_key=uuid.uuid4(),
            flags=flags,
        )
    response = client_for("analyst").get(url("survey_detail", demo_survey.pk))
    shown = response.context["versions"][0]
    assert (shown.number, shown.counted, shown.flagged, shown.rejected) == (1, counted + 2, 1, 0)
    assert "Awaiting review" in response.content.decode()


def test_preview_renders_the_working_copy(client_for, demo_survey, english):
    client = client_for("specialist")
    Question.objects.create(
        survey=demo_survey,
        order=9,
        type="single",
        text="Как Вы узнали о нас?",
        options="Сайт\nДрузья",
    )
    response = client.get(url("survey_preview", demo_survey.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Как Вы узнали о нас?" in html and "Друзья" in html
    for question in content.SURVEY["questions"]:
        assert question["text"] in html
    assert "Очень легко" in html and "Ожидания совпали" in html
    assert url("public_survey", demo_survey.touchpoints.first().public_code) not in html
    assert "<form" not in html.split('<main id="main">')[1]


# Who may do what


@pytest.mark.parametrize(
    ("username", "view", "edit"),
    [
        ("specialist", 200, 403),
        ("analyst", 200, 403),
        ("teamlead", 200, 200),
        ("director", 200, 200),
        ("regadmin", 200, 200),
        ("admin", 200, 200),
        ("specialist2", 404, 404),
    ],
)
def test_access_per_role(client_for, demo_survey, username, view, edit):
    client = client_for(username)
    assert client.get(url("survey_detail", demo_survey.pk)).status_code == view
    assert client.get(url("survey_preview", demo_survey.pk)).status_code == view
    assert client.get(url("survey_versions", demo_survey.pk)).status_code == view
    assert client.get(url("survey_edit", demo_survey.pk)).status_code == edit
    assert client.get(url("survey_touchpoints", demo_survey.pk)).status_code == edit
    count = demo_survey.questions.count()
    response = client.post(url("survey_question_from_template", demo_survey.pk), {"template": 0})
    assert response.status_code == (302 if edit == 200 else edit)
    expected = count + 1 if edit == 200 else count
    assert demo_survey.questions.count() == expected
    listed = demo_survey.title in client.get(url("survey_list")).content.decode()
    assert listed == (view == 200)


def test_anonymous_users_are_sent_to_log_in(client, demo_survey):
    response = client.get(url("survey_detail", demo_survey.pk))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_team_lead_only_manages_their_journeys_touchpoints(client_for, demo_survey, main_journey):
    other = (
        Touchpoint.objects.filter(stage__journey__centre=main_journey.centre)
        .exclude(stage__journey=main_journey)
        .first()
    )
    client = client_for("teamlead")
    page = client.get(url("survey_touchpoints", demo_survey.pk)).content.decode()
    assert f'value="{other.pk}"' not in page
    # the director attaches another journey's touchpoint; the team lead's save keeps it
    demo_survey.touchpoints.add(other)
    mine = list(demo_survey.touchpoints.filter(stage__journey=main_journey))
    response = client.post(url("survey_touchpoints", demo_survey.pk), {"touchpoints": [mine[0].pk]})
    assert response.status_code == 302
    assert set(demo_survey.touchpoints.all()) == {mine[0], other}
    # team leads do not choose the unit
    form = client.get(url("survey_edit", demo_survey.pk)).content.decode()
    assert 'name="owner"' not in form


def test_changes_are_in_the_audit_log(client_for, users, demo_survey):
    client = client_for("director")
    client.post(url("survey_question_from_template", demo_survey.pk), {"template": 4})
    entries = client.get(url("survey_detail", demo_survey.pk)).context["entries"]
    assert entries[0].actor == users["director"]
    assert entries[0].object_repr == TEMPLATES[4]["text"]
