from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def round_tax(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(value, high))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def biweekly_period(anchor: date, day: date) -> tuple[date, date]:
    delta = (day - anchor).days
    start = anchor + timedelta(days=(delta // 14) * 14)
    return start, start + timedelta(days=13)


def tax_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def periods_between(anchor: date, start: date, end: date) -> list[tuple[date, date]]:
    periods: list[tuple[date, date]] = []
    current, _ = biweekly_period(anchor, start)
    while current <= end:
        periods.append((current, current + timedelta(days=13)))
        current += timedelta(days=14)
    return periods


def mask_account(token: str | None) -> str:
    if not token:
        return ""
    return f"****{token[-4:]}"


def percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return Decimal("0")
    return (part / whole * 100).quantize(Decimal("0.1"))
