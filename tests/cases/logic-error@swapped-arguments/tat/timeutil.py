from datetime import datetime


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def later(first: datetime, second: datetime) -> datetime:
    return max(first, second)
