"""Shared test data for the outreach tests."""

import re
import uuid

from otklik.feedback.abuse import started_token
from otklik.feedback.services import survey_for

PHONE = "+79161234567"
EMAIL = "citizen@example.ru"


def token_of(link: str) -> str:
    return re.search(r"/s/i/([^/\s\"]+)/", link).group(1)


def answers(touchpoint, **overrides) -> dict:
    version = survey_for(touchpoint)
    values = {"ces": "4", "csat": "3", "nps": "9", "text": "Всё понятно, спасибо"}
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "started": started_token(),
        "channel": "qr",
        "website": "",
    }
    for question in version.questions:
        data[f"q_{question['key']}"] = values[question["type"]]
    data.update(overrides)
    return data
