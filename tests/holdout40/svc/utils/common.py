"""Time helpers and PNR / seat number utilities."""
import re
import secrets
import string
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def minutes_until(moment: datetime, now: datetime | None = None) -> float:
    now = now or utcnow()
    return (moment - now).total_seconds() / 60


def checkin_window(sched_dep: datetime) -> tuple[datetime, datetime]:
    """Online check-in opens 24h before departure and closes 45 minutes before."""
    return sched_dep - timedelta(hours=24), sched_dep - timedelta(minutes=45)


_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits if c not in "01IO")
_PNR_RE = re.compile(r"^[A-Z0-9]{6}$")
_SEAT_RE = re.compile(r"^(?P<row>\d{1,2})(?P<letter>[A-K])$")


def new_pnr() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def is_valid_pnr(value: str) -> bool:
    return bool(_PNR_RE.match(value.upper()))


def parse_seat(seat_no: str) -> tuple[int, str]:
    match = _SEAT_RE.match(seat_no.upper())
    if match is None:
        raise ValueError(f"bad seat number {seat_no!r}")
    return int(match.group("row")), match.group("letter")


def seat_sort_key(seat_no: str) -> tuple[int, str]:
    row, letter = parse_seat(seat_no)
    return row, letter
