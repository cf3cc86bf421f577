import pytest

from otklik.demo.loader import load_demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the loaded demo (rolled back after each test)."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def users(db):
    from otklik.org.models import User

    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def main_journey(db):
    """The App. 6 journey of the demo."""
    from otklik.demo import content
    from otklik.journeys.models import Journey

    return Journey.objects.get(title=content.JOURNEYS[0]["title"])


@pytest.fixture
def other_draft(db):
    """The draft journey of another centre than the main one."""
    from otklik.demo.loader import MAIN_CENTRE
    from otklik.journeys.models import Journey

    return Journey.objects.filter(status="draft").exclude(centre__code=MAIN_CENTRE).first()


@pytest.fixture
def client_for(client, users):
    def login(username: str):
        client.force_login(users[username])
        return client

    return login
