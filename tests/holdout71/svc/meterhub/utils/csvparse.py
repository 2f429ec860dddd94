from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Iterator


@dataclass(slots=True)
class ParsedReading:
    serial: str
    read_at: datetime
    register: int
    value: Decimal
    quality: str


def parse_value(raw: str) -> Decimal | None:
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        return Decimal(raw)
    except:
        return None


def parse_timestamp(raw: str) -> datetime | None:
    try:
        ts = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return ts if ts.tzinfo is not None else None


def iter_readings(lines: Iterable[str]) -> Iterator[ParsedReading | None]:
    """Yield one item per data row; ``None`` for rows that cannot be used."""
    reader = csv.reader(lines, delimiter=";")
    header = next(reader, None)
    if header is None:
        return
    for row in reader:
        if len(row) < 4:
            yield None
            continue
        serial, ts, register, value = row[:4]
        quality = row[4] if len(row) > 4 else "A"
        when = parse_timestamp(ts)
        amount = parse_value(value)
        if when is None or amount is None or not register.isdigit():
            yield None
            continue
        yield ParsedReading(serial.strip(), when, int(register), amount, quality.strip() or "A")
