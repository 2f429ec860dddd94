"""Parser for the airline's daily SSIM-style schedule file (type 3 records)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

_RECORD = re.compile(
    r"^3 (?P<airline>[A-Z0-9]{2,3})\s*(?P<number>\d{1,4})\s+"
    r"(?P<from>\d{2}[A-Z]{3}\d{2})(?P<to>\d{2}[A-Z]{3}\d{2})(?P<days>[1-7 ]{7})\s+"
    r"(?P<dep>[A-Z]{3})(?P<std>\d{4})\S*\s+(?P<arr>[A-Z]{3})(?P<sta>\d{4})\S*\s+(?P<equip>\w{3,4})"
)


@dataclass(frozen=True)
class SsimLeg:
    airline: str
    number: str
    dep: str
    arr: str
    std: datetime
    sta: datetime
    equipment: str


def _parse_ddmonyy(raw: str) -> date:
    return datetime.strptime(raw.title(), "%d%b%y").date()


def _at(day: date, hhmm: str) -> datetime:
    return datetime(day.year, day.month, day.day, int(hhmm[:2]), int(hhmm[2:]), tzinfo=timezone.utc)


def parse_ssim(text: str, day: date) -> list[SsimLeg]:
    legs: list[SsimLeg] = []
    weekday = str(day.isoweekday())
    for line in text.splitlines():
        match = _RECORD.match(line)
        if not match:
            continue
        if not (_parse_ddmonyy(match["from"]) <= day <= _parse_ddmonyy(match["to"])):
            continue
        if weekday not in match["days"]:
            continue
        legs.append(
            SsimLeg(
                airline=match["airline"],
                number=match["number"],
                dep=match["dep"],
                arr=match["arr"],
                std=_at(day, match["std"]),
                sta=_at(day, match["sta"]),
                equipment=match["equip"],
            )
        )
    legs.sort(key=lambda leg: (leg.std, leg.airline, leg.number))
    return legs
