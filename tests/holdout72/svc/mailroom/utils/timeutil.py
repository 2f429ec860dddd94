from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def floor_hour(ts: datetime) -> datetime:
    return ts.replace(minute=0, second=0, microsecond=0)


def hour_window_key(ts: datetime | None = None) -> str:
    ts = ts or utcnow()
    return ts.strftime("%Y%m%d%H")


def seconds_until_next_hour(ts: datetime | None = None) -> int:
    ts = ts or utcnow()
    nxt = floor_hour(ts) + timedelta(hours=1)
    return max(1, int((nxt - ts).total_seconds()))
