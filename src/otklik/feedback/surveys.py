"""Survey questions as citizens see them: App. 4 templates, frozen versions, answer forms."""

from django import forms

from otklik.feedback.choices import QuestionType
from otklik.journeys.models import lines
from otklik.metrics.formulas import CES_5_POINT_LABELS, CSAT_LABELS, CsatLevel

# Ready-made questions of App. 4 (exact wording of the seed); staff may adapt the text.
TEMPLATES = [
    {
        "type": QuestionType.NPS,
        "text": "Оцените по шкале от 0 до 10 вероятность того, что вы порекомендуете "
        "обратиться в СЗН своим друзьям и знакомым",
    },
    {
        "type": QuestionType.CSAT,
        "text": "Соответствует ли Вашим ожиданиям результат обращения в СЗН?",
    },
    {
        "type": QuestionType.CSAT,
        "text": "Удовлетворены ли Вы качеством услуг и сервисов, полученных в СЗН?",
    },
    {
        "type": QuestionType.CES,
        "text": "Насколько легко вам было решить проблему благодаря посещению нашей организации?",
        "scale_points": 5,
    },
    {"type": QuestionType.TEXT, "text": "Что нам стоит улучшить?"},
]

MAX_TEXT_LENGTH = 2000


def snapshot_questions(questions) -> list[dict]:
    """The working-copy questions as they will be frozen in a version."""
    return [
        {
            "key": f"q{question.pk}",
            "type": question.type,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "scale_points": question.scale_points,
            "options": lines(question.options),
        }
        for question in questions
    ]


def scale_choices(question: dict) -> list[tuple[int, str]]:
    """The answer options of a scale question, in the order the seed lists them."""
    kind = question["type"]
    if kind == QuestionType.NPS:
        return [(score, str(score)) for score in range(0, 11)]
    if kind == QuestionType.RATING:
        return [(score, str(score)) for score in range(1, 6)]
    if kind == QuestionType.CSAT:
        return [(int(level), CSAT_LABELS[level]) for level in CsatLevel]
    if kind == QuestionType.CES:
        points = question.get("scale_points") or 5
        # Stored from bad to good (1 = very hard), shown easy first as App. 4 lists them.
        if points == 5:
            return [(score, CES_5_POINT_LABELS[score]) for score in range(5, 0, -1)]
        ends = {1: CES_5_POINT_LABELS[1], points: CES_5_POINT_LABELS[5]}
        return [
            (score, f"{score} — {ends[score]}" if score in ends else str(score))
            for score in range(points, 0, -1)
        ]
    return []


def answer_form_class(questions: list[dict]) -> type[forms.Form]:
    """A form with one field per question; every value is checked against its scale."""
    fields = {}
    for question in questions:
        name = f"q_{question['key']}"
        common = {
            "label": question["text"],
            "required": question["required"],
            "help_text": question.get("help_text", ""),
        }
        kind = question["type"]
        if kind in (QuestionType.NPS, QuestionType.RATING, QuestionType.CSAT, QuestionType.CES):
            fields[name] = forms.TypedChoiceField(
                choices=scale_choices(question),
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        elif kind == QuestionType.SINGLE:
            fields[name] = forms.ChoiceField(
                choices=list(enumerate(question["options"])), widget=forms.RadioSelect, **common
            )
        elif kind == QuestionType.MULTIPLE:
            fields[name] = forms.MultipleChoiceField(
                choices=list(enumerate(question["options"])),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        else:
            fields[name] = forms.CharField(
                max_length=MAX_TEXT_LENGTH,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT_LENGTH}),
                **common,
            )
    return type("AnswerForm", (forms.Form,), fields)


def answers_from(cleaned_data: dict, questions: list[dict]) -> list[dict]:
    """Answer rows for the questions that were answered."""
    answers = []
    for question in questions:
        value = cleaned_data.get(f"q_{question['key']}")
        if value in (None, "", []):
            continue
        row = {"question_key": question["key"], "type": question["type"]}
        kind = question["type"]
        if kind == QuestionType.SINGLE:
            row["choices"] = [question["options"][int(value)]]
        elif kind == QuestionType.MULTIPLE:
            row["choices"] = [question["options"][int(index)] for index in value]
        elif kind == QuestionType.TEXT:
            row["text"] = value
        else:
            row["score"] = value
            if kind == QuestionType.CES:
                row["scale_points"] = question.get("scale_points") or 5
        answers.append(row)
    return answers
