"""When a point-survey invitation may be sent (App. 3 §6, F3). Pure rules, no database.

App. 3 asks to invite the citizen «сразу после взаимодействия с точкой контакта», and
App. 4 (CES) «желательно в течение 24-48 часов»: an invitation goes out after a short
delay and never after its window closes. Nobody gets a message at night: a moment in the
quiet hours moves to their end, and an invitation whose window closes before that is not
sent at all. Survey fatigue: a person invited or answering within the fatigue period is
not invited again.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

# Why an invitation was not created or not sent (Invitation.skipped_reason).
FATIGUE = "fatigue"
WINDOW_PASSED = "window_passed"
QUIET_HOURS = "quiet_hours"
EXPIRED = "expired"
FAILED = "failed"
ERASED = "erased"


@dataclass(frozen=True)
class QuietHours:
    """Local hours [start, end) when no message is sent; may span midnight."""

    start: time
    end: time

    @property
    def empty(self) -> bool:
        return self.start == self.end

    def contains(self, local: time) -> bool:
        local = local.replace(tzinfo=None)
        if self.empty:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


NO_QUIET_HOURS = QuietHours(time(0), time(0))


def parse_quiet_hours(text: str) -> QuietHours:
    """``"21:00-09:00"`` (or ``"21-9"``); an empty text means no quiet hours."""
    text = (text or "").strip()
    if not text:
        return NO_QUIET_HOURS
    try:
        start, end = (part.strip() for part in text.split("-"))
        return QuietHours(_parse_time(start), _parse_time(end))
    except ValueError:
        raise ValueError(f"quiet hours must look like 21:00-09:00, not {text!r}") from None


def _parse_time(text: str) -> time:
    hours, _sep, minutes = text.partition(":")
    return time(int(hours), int(minutes or 0))


@dataclass(frozen=True)
class Window:
    send_after: datetime
    send_before: datetime


def send_window(interaction_at: datetime, delay: timedelta, length: timedelta) -> Window:
    """Not before ``interaction + delay``, not after ``interaction + length``."""
    if delay < timedelta(0) or length <= delay:
        raise ValueError("the window must end after the delay")
    return Window(interaction_at + delay, interaction_at + length)


def next_allowed(moment: datetime, quiet: QuietHours, tz: tzinfo) -> datetime:
    """``moment`` itself, or the end of the quiet hours it falls in (in ``tz``)."""
    local = moment.astimezone(tz)
    if not quiet.contains(local.time()):
        return moment
    day: date = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)  # evening: the quiet hours end tomorrow morning
    end = datetime.combine(day, quiet.end, tzinfo=tz)
    # A wall-clock time skipped by a DST change normalises forward, never into the night.
    return end.astimezone(moment.tzinfo or tz)


def due_time(
    now: datetime, window: Window, quiet: QuietHours, tz: tzinfo
) -> tuple[datetime | None, str]:
    """The first moment the invitation may be sent, or ``(None, reason)`` if never."""
    if now > window.send_before:
        return None, EXPIRED
    candidate = next_allowed(max(now, window.send_after), quiet, tz)
    if candidate > window.send_before:
        return None, QUIET_HOURS
    return candidate, ""


def fatigue_since(now: datetime, days: int) -> datetime:
    """Contacts after this moment make a person «tired» of surveys."""
    return now - timedelta(days=days)


def is_fatigued(last_contact: datetime | None, now: datetime, days: int) -> bool:
    """Whether a person invited or answering at ``last_contact`` may not be invited now."""
    return last_contact is not None and last_contact > fatigue_since(now, days)
