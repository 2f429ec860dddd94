from __future__ import annotations

import datetime as dt
import secrets
import string
from zoneinfo import ZoneInfo


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def to_local(moment: dt.datetime, tz_name: str) -> dt.datetime:
    return moment.astimezone(ZoneInfo(tz_name))


def overlaps(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime) -> bool:
    return a_start < b_end and b_start < a_end


def day_bounds(day: dt.date, tz_name: str) -> tuple[dt.datetime, dt.datetime]:
    tz = ZoneInfo(tz_name)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start.astimezone(dt.timezone.utc), (start + dt.timedelta(days=1)).astimezone(dt.timezone.utc)


_ALPHABET = string.ascii_uppercase + string.digits


def room_id() -> str:
    return "rm_" + secrets.token_urlsafe(12)


def confirmation_code(length: int = 8) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def hold_token() -> str:
    return secrets.token_hex(16)


def normalise_phone(raw: str, default_country: str = "1") -> str | None:
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 10:
        digits = default_country + digits
    if not 11 <= len(digits) <= 15:
        return None
    return "+" + digits


def mask_phone(phone: str) -> str:
    return "***" + phone[-4:] if len(phone) >= 4 else "***"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"
