"""Licence plate normalisation and time helpers shared across the service."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo


_PLATE_RE = re.compile(r"[^A-Z0-9]")
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "Q": "0"})


def normalize_plate(raw: str) -> str:
    try:
        folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
        return _PLATE_RE.sub("", folded.upper())
    except:
        return raw.strip().upper()


def ocr_key(plate: str) -> str:
    """Key under which OCR reads of the same plate collide (O/0, I/1)."""
    return normalize_plate(plate).translate(_CONFUSABLES)


def is_plausible(plate: str) -> bool:
    return 2 <= len(plate) <= 10 and any(ch.isdigit() for ch in plate)


CITY_TZ = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def local_today() -> date:
    return utcnow().astimezone(CITY_TZ).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, datetime.min.time(), tzinfo=CITY_TZ)
    return start.astimezone(timezone.utc), (start + timedelta(days=1)).astimezone(timezone.utc)


def minutes_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))
