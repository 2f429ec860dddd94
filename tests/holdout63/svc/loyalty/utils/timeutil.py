from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def expiry_for(earned_at: datetime, days: int) -> datetime:
    return earned_at + timedelta(days=days)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=UTC)
    if month == 12:
        end = datetime(year + 1, 1, 1, tzinfo=UTC)
    else:
        end = datetime(year, month + 1, 1, tzinfo=UTC)
    return start, end


def is_birthday_month(birth: date | None, today: date) -> bool:
    return birth is not None and birth.month == today.month
