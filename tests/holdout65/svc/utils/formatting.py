from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

_DIGITS = re.compile(r"\D+")


def normalise_phone(raw: str, default_country: str = "44") -> str:
    digits = _DIGITS.sub("", raw)
    if raw.strip().startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+{default_country}{digits[1:]}"
    return f"+{digits}"


def mask_phone(phone: str) -> str:
    return phone[:4] + "*" * max(0, len(phone) - 7) + phone[-3:]


BOOKING_COLUMNS = ("id", "restaurant_id", "guest_id", "party_size", "starts_at", "status", "channel")


def bookings_to_csv(rows: Iterable[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=BOOKING_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def write_export(directory: str, name: str, content: str) -> Path:
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path
