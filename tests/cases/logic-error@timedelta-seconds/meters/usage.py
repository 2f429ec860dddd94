from datetime import datetime, timedelta, timezone


def daily_average(first: datetime, last: datetime, total_kwh: float) -> float | None:
    elapsed = last - first
    days = elapsed.seconds / 86400  # expect: logic-error
    return total_kwh / days if days else None


def is_stale(last_seen: datetime, max_age: float) -> bool:
    return (datetime.now(timezone.utc) - last_seen).seconds > max_age  # expect: logic-error


def rate_per_day(first: datetime, last: datetime, total_kwh: float) -> float:
    # look-alike: the whole duration
    span = last - first
    return total_kwh / (span.total_seconds() / 86400)


def human(span: timedelta) -> str:
    # look-alike: days and the remainder read on purpose
    gap = span - timedelta(minutes=1)
    hours, rest = divmod(gap.seconds, 3600)
    return f"{gap.days}d {hours}h {rest // 60}m"


class Window:
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def shifted(self, other: "Window") -> int:
        # look-alike: an attribute named seconds on a non-timedelta object
        return self.seconds - other.seconds
