from __future__ import annotations

import threading
from collections import Counter as _Counter

from redis.asyncio import Redis
from prometheus_client import Counter, Gauge, Histogram

TRIPS_REQUESTED = Counter("dispatch_trips_requested_total", "Trip requests", ["city"])
MATCH_LATENCY = Histogram("dispatch_match_seconds", "Time to find a driver")
MATCH_FAILURES = Counter("dispatch_match_failures_total", "Trips with no driver found", ["reason"])
WS_CONNECTIONS = Gauge("dispatch_ws_connections", "Open websocket connections", ["kind"])
PSP_CALLS = Counter("dispatch_psp_calls_total", "PSP calls", ["op", "outcome"])
PAYOUTS = Counter("dispatch_payouts_total", "Payout outcomes", ["outcome"])
NOTIFICATIONS = Counter("dispatch_notifications_total", "Notifications", ["channel", "outcome"])
LOCATION_UPDATES = Counter("dispatch_location_updates_total", "Driver location updates")


class OpsStats:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._counts: _Counter[str] = _Counter()

    async def incr(self, name: str, city: str) -> None:
        with self._lock:
            self._counts[f"{city}:{name}"] += 1
            await self._redis.hincrby(f"ops:{city}", name, 1)

    def snapshot(self) -> dict[str, int]:
        with self._flush_lock:
            return dict(self._counts)

    def reset(self) -> None:
        with self._flush_lock:
            self._counts.clear()
