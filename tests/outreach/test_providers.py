"""SMS providers and e-mail: the console outbox, a real HTTP gateway, Django's mail."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from otklik.outreach.providers import (
    ConsoleSmsProvider,
    HttpSmsProvider,
    SmsError,
    send_email,
    sms_provider,
)


def test_the_console_provider_writes_the_outbox_file_not_the_logs(settings, tmp_path, caplog):
    caplog.set_level("DEBUG")
    provider = ConsoleSmsProvider()
    message_id = provider.send("+79161234567", "Оцените визит: https://x/s/i/abc/", reference="r1")
    path = tmp_path / "outbox" / "sms.log"
    assert path.exists()
    assert (path.stat().st_mode & 0o777) == 0o600
    [line] = path.read_text(encoding="utf-8").splitlines()
    stored = json.loads(line)
    assert stored["id"] == message_id
    assert (stored["to"], stored["text"], stored["reference"]) == (
        "+79161234567",
        "Оцените визит: https://x/s/i/abc/",
        "r1",
    )
    provider.send("+79161234568", "second")
    assert [m["to"] for m in provider.messages()] == ["+79161234567", "+79161234568"]
    assert "9161234567" not in caplog.text


def test_the_provider_is_chosen_by_setting(settings):
    settings.OTKLIK_SMS_PROVIDER = "otklik.outreach.providers.ConsoleSmsProvider"
    assert isinstance(sms_provider(), ConsoleSmsProvider)
    settings.OTKLIK_SMS_PROVIDER = "otklik.outreach.providers.HttpSmsProvider"
    settings.OTKLIK_SMS_HTTP_URL = "https://sms.example.ru/api/send"
    provider = sms_provider()
    assert isinstance(provider, HttpSmsProvider)
    assert provider.url == "https://sms.example.ru/api/send"


class Gateway:
    """A local SMS gateway: records requests, answers with the status it is told."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.body = b'{"id": "gw-42"}'
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers["Content-Length"])
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(gateway.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway():
    gateway = Gateway()
    yield gateway
    gateway.close()


def test_the_http_provider_posts_json_with_the_token(gateway):
    provider = HttpSmsProvider(url=gateway.url, token="secret-token", sender="CZN", timeout=5)
    assert provider.send("+79161234567", "Оцените визит", reference="otklik-invitation-7") == (
        "gw-42"
    )
    [request] = gateway.requests
    assert request["path"] == "/api/sms"
    assert request["headers"]["Authorization"] == "Bearer secret-token"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert request["body"] == {
        "to": "+79161234567",
        "text": "Оцените визит",
        "sender": "CZN",
        "reference": "otklik-invitation-7",
    }


def test_the_http_provider_takes_settings(gateway, settings):
    settings.OTKLIK_SMS_HTTP_URL = gateway.url
    settings.OTKLIK_SMS_HTTP_TOKEN = "from-settings"
    settings.OTKLIK_SMS_SENDER = "Otklik"
    gateway.body = b'{"message_id": 9}'
    assert HttpSmsProvider().send("+79161234567", "x") == "9"
    assert gateway.requests[0]["headers"]["Authorization"] == "Bearer from-settings"
    assert gateway.requests[0]["body"]["sender"] == "Otklik"


@pytest.mark.parametrize(
    ("status", "temporary"), [(400, False), (401, False), (429, True), (500, True), (503, True)]
)
def test_the_http_provider_raises_on_refusal(gateway, status, temporary):
    gateway.status = status
    provider = HttpSmsProvider(url=gateway.url, token="t", sender="s")
    with pytest.raises(SmsError) as error:
        provider.send("+79161234567", "Оцените визит")
    assert error.value.temporary is temporary
    assert str(status) in str(error.value)
    assert "9161234567" not in str(error.value)
    assert "Оцените" not in str(error.value)


def test_an_unreachable_gateway_is_a_temporary_error(gateway):
    url = gateway.url
    gateway.close()
    with pytest.raises(SmsError) as error:
        HttpSmsProvider(url=url, token="t", sender="s", timeout=2).send("+79161234567", "x")
    assert error.value.temporary


@pytest.mark.parametrize(
    "url", ["", "ftp://sms.example.ru/", "file:///etc/passwd", "http://sms.example.ru/api"]
)
def test_the_gateway_address_must_be_https_or_local(url):
    with pytest.raises(ImproperlyConfigured):
        HttpSmsProvider(url=url, token="t", sender="s")


def test_email_goes_through_django_mail_with_an_html_part(settings):
    settings.DEFAULT_FROM_EMAIL = "otklik@czn.example.ru"
    send_email("citizen@example.ru", "Как прошёл визит?", "Текст https://x/", "<p>HTML</p>")
    [message] = mail.outbox
    assert message.to == ["citizen@example.ru"]
    assert message.from_email == "otklik@czn.example.ru"
    assert message.subject == "Как прошёл визит?"
    assert message.alternatives[0][1] == "text/html"
