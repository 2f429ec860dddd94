"""Turns partner payloads into the records the service stores."""
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Reading:
    sensor: str
    value: float
    taken_at: datetime


@dataclass
class Member:
    external_id: str
    email: str


def to_reading(raw: dict) -> Reading:
    return Reading(raw["sensor"], float(raw["value"]), datetime.fromisoformat(raw["ts"]))


def to_member(raw: dict) -> Member:
    return Member(str(raw["id"]), raw["email"].lower())


def readings_from(rows: list[dict]) -> list[Reading]:
    out: list[Reading] = []
    for row in rows:
        try:
            out.append(to_reading(row))
        except (KeyError, ValueError, TypeError):  # expect: swallowed-exception
            continue
    return out


def readings_logged(rows: list[dict], log) -> list[Reading]:
    out: list[Reading] = []
    for row in rows:
        try:
            out.append(to_reading(row))
        except (KeyError, ValueError) as exc:
            log.warning("dropping reading %r: %r", row.get("sensor"), exc)
            continue
    return out


def thresholds(raw: str) -> set[float]:
    found: set[float] = set()
    for part in raw.split(";"):
        try:
            found.add(float(part))
        except ValueError:
            continue
    return found


class Level:
    """A plain value class: one value converted per item."""

    def __init__(self, value: str) -> None:
        self.value = int(value)


def readings_converted(rows: list[dict]) -> list[Reading]:
    out: list[Reading] = []
    for row in rows:
        try:
            out.append(Reading(row["sensor"].strip(), float(row["value"]), datetime.fromisoformat(row["ts"])))
        except (ValueError, TypeError):  # expect: swallowed-exception
            continue
    return out


def levels(raw: list[str]) -> list[Level]:
    out: list[Level] = []
    for part in raw:
        try:
            out.append(Level(part))
        except ValueError:
            continue
    return out
