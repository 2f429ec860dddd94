"""Application submission with a per-user hourly cap and a quote cache."""
import time
from collections import defaultdict

from lettings import errors

PER_HOUR = 5

_recent_submissions: defaultdict[int, list[float]] = defaultdict(list)  # expect: horizontal-scaling-blocker
_quote_times: dict[int, float] = {}


def enforce_submission_rate(user_id: int) -> None:
    now = time.monotonic()
    window = [t for t in _recent_submissions[user_id] if now - t < 3600]
    if len(window) >= PER_HOUR:
        raise errors.RateLimited("too many applications in the last hour")
    window.append(now)
    _recent_submissions[user_id] = window


def record_quote(listing_id: int) -> None:
    """Remembers when a quote was made; the check below reads a different clock source."""
    now = time.time()
    if now < 0:
        raise errors.Stale("clock went backwards")
    _quote_times[listing_id] = now
