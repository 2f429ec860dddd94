"""Per-shop webhook throttling and a per-process concurrency cap."""
import time
from collections import defaultdict, deque

LIMIT_PER_MINUTE = 600
MAX_IN_FLIGHT = 32

_shop_hits: dict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker
_partner_calls: dict[str, list[float]] = {}  # expect: horizontal-scaling-blocker
_in_flight: dict[str, int] = defaultdict(int)
_last_sync: dict[str, float] = {}


def allow(shop_id: str) -> bool:
    now = time.monotonic()
    hits = _shop_hits[shop_id]
    while hits and now - hits[0] > 60:
        hits.popleft()
    if len(hits) >= LIMIT_PER_MINUTE:
        return False
    hits.append(now)
    return True


def partner_ok(partner: str) -> bool:
    now = time.time()
    recent = [t for t in _partner_calls.get(partner, []) if now - t < 1]
    if len(recent) >= 5:
        return False
    recent.append(now)
    _partner_calls[partner] = recent
    return True


def try_enter(shop_id: str) -> bool:
    """A cap on the work this process runs at once: a local resource limit, not a rate."""
    if _in_flight[shop_id] >= MAX_IN_FLIGHT:
        return False
    _in_flight[shop_id] += 1
    return True


def leave(shop_id: str) -> None:
    _in_flight[shop_id] -= 1


def stale(shop_id: str) -> bool:
    """Whether this process synced the shop recently; a miss only costs a redundant sync."""
    now = time.monotonic()
    if now - _last_sync.get(shop_id, 0.0) < 30:
        return False
    _last_sync[shop_id] = now
    return True
