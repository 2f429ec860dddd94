"""Window tests against a bound the function derived from the other one."""
from datetime import date, timedelta

WINDOW_DAYS = 30


def expiring_soon(lots: list, today: date) -> list:
    cutoff = today + timedelta(days=WINDOW_DAYS)
    return [lot for lot in lots if lot.expiry < today and lot.expiry > cutoff]  # expect: logic-error


def overdue_backlog(items: list, now: float) -> list:
    oldest = now - 3600
    return [item for item in items if item.seen > now and oldest > item.seen]  # expect: logic-error


def expiring_window(lots: list, today: date) -> list:
    cutoff = today + timedelta(days=WINDOW_DAYS)
    return [lot for lot in lots if lot.expiry >= today and lot.expiry < cutoff]


def outside_window(lots: list, today: date) -> list:
    cutoff = today + timedelta(days=WINDOW_DAYS)
    return [lot for lot in lots if lot.expiry < today or lot.expiry > cutoff]


def shifted(lots: list, today: date, days: int) -> list:
    cutoff = today + timedelta(days=days)
    return [lot for lot in lots if lot.expiry < today and lot.expiry > cutoff]


def reassigned(lots: list, today: date) -> list:
    cutoff = today + timedelta(days=WINDOW_DAYS)
    if not lots:
        cutoff = today - timedelta(days=WINDOW_DAYS)
    return [lot for lot in lots if lot.expiry < today and lot.expiry > cutoff]
