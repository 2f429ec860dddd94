"""Small helpers shared across services."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from ..errors import DomainError

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_MESSAGE_CHARS = 2000


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def age_on(birthdate: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birthdate.month, birthdate.day)
    return today.year - birthdate.year - int(before_birthday)


def clean_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    cleaned = _CONTROL_CHARS.sub("", text).strip()
    if not cleaned:
        raise DomainError("message is empty")
    return cleaned[:limit]


def preview(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"
