import pytest

from otklik.org.models import Unit
from otklik.reports import services


@pytest.fixture
def podolsk(db):
    from otklik.demo.loader import MAIN_CENTRE

    return Unit.objects.get(code=MAIN_CENTRE)


@pytest.fixture
def week():
    """The week that ended: the demo's facts cover the 26 weeks up to today."""
    return services.last_week()


@pytest.fixture
def emails(users):
    for user in users.values():
        user.email = f"{user.username}@czn.example.ru"
        user.save(update_fields=["email"])
    return users
