"""How invitations reach citizens: SMS through a pluggable provider, e-mail through Django.

``OTKLIK_SMS_PROVIDER`` names the SMS provider class. :class:`ConsoleSmsProvider` (the
default) writes messages to a file for the demo and the tests; :class:`HttpSmsProvider`
posts them to an HTTP gateway. No provider writes a phone number or a text to the logs,
and no error message carries them.
"""

import json
import os
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.module_loading import import_string

DEFAULT_SMS_PROVIDER = "otklik.outreach.providers.ConsoleSmsProvider"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class SmsError(Exception):
    """The message was not accepted. ``temporary``: trying again later may work."""

    def __init__(self, message: str, *, temporary: bool = False):
        super().__init__(message)
        self.temporary = temporary


class SmsProvider:
    """Sends one SMS; returns the provider's message id or raises :class:`SmsError`."""

    def send(self, phone: str, text: str, *, reference: str = "") -> str:
        raise NotImplementedError


class ConsoleSmsProvider(SmsProvider):
    """The demo's «phone»: appends each message as a JSON line to DATA_DIR/outbox/sms.log.

    The file is the outbox of a test installation, readable by its owner only; nothing is
    written to the logging system.
    """

    _lock = threading.Lock()

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else Path(settings.DATA_DIR) / "outbox" / "sms.log"

    def send(self, phone: str, text: str, *, reference: str = "") -> str:
        message_id = uuid.uuid4().hex
        line = json.dumps(
            {
                "id": message_id,
                "at": timezone.now().isoformat(),
                "to": phone,
                "text": text,
                "reference": reference,
            },
            ensure_ascii=False,
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
        except OSError as error:
            raise SmsError(f"cannot write the SMS outbox: {error.strerror}") from None
        return message_id

    def messages(self) -> list[dict]:
        """Everything sent so far (for the demo and the tests)."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]


class HttpSmsProvider(SmsProvider):
    """An SMS gateway with a JSON API, configured by settings (a bad address raises
    ImproperlyConfigured when the provider is made, before any invitation is claimed).

    POSTs ``{"to", "text", "sender", "reference"}`` to OTKLIK_SMS_HTTP_URL with
    ``Authorization: Bearer OTKLIK_SMS_HTTP_TOKEN``; a 2xx answer is success, and its JSON
    ``id`` (or ``message_id``) is the provider's message id. ``reference`` is unique per
    invitation, so a gateway that deduplicates by it never delivers a retry twice. HTTPS is
    required except for a gateway on this machine.
    """

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        sender: str | None = None,
        timeout: float | None = None,
    ):
        self.url = url if url is not None else getattr(settings, "OTKLIK_SMS_HTTP_URL", "")
        self.token = token if token is not None else getattr(settings, "OTKLIK_SMS_HTTP_TOKEN", "")
        self.sender = sender if sender is not None else getattr(settings, "OTKLIK_SMS_SENDER", "")
        self.timeout = (
            timeout if timeout is not None else getattr(settings, "OTKLIK_SMS_HTTP_TIMEOUT", 10)
        )
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                "OTKLIK_SMS_HTTP_URL must be the http(s) address of the SMS gateway"
            )
        if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
            raise ImproperlyConfigured("the SMS gateway (OTKLIK_SMS_HTTP_URL) must use HTTPS")

    def send(self, phone: str, text: str, *, reference: str = "") -> str:
        body = json.dumps(
            {"to": phone, "text": text, "sender": self.sender, "reference": reference},
            ensure_ascii=False,
        ).encode()
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310 (scheme checked in __init__)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                payload = answer.read(64 * 1024)
        except urllib.error.HTTPError as error:
            status = error.code
            error.close()
            raise SmsError(
                f"the SMS gateway refused the message: HTTP {status}",
                temporary=status == 429 or status >= 500,
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SmsError(
                f"the SMS gateway cannot be reached: {type(reason).__name__}", temporary=True
            ) from None
        try:
            data = json.loads(payload or b"{}")
        except ValueError:
            data = {}
        message_id = (data.get("id") or data.get("message_id")) if isinstance(data, dict) else None
        return str(message_id or reference)


def sms_provider() -> SmsProvider:
    """The configured provider (OTKLIK_SMS_PROVIDER, a dotted path to the class)."""
    path = getattr(settings, "OTKLIK_SMS_PROVIDER", "") or DEFAULT_SMS_PROVIDER
    return import_string(path)()


def send_email(to: str, subject: str, text: str, html: str) -> None:
    """One message, plain text with an HTML alternative, through Django's mail settings.

    SMTP errors propagate: the caller decides whether to try again.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
