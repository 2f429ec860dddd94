from __future__ import annotations

import collections
import logging
import threading
import time

from prometheus_client import Counter, Gauge, Histogram
from redis.asyncio import Redis

READINGS_INGESTED = Counter("readings_ingested_total", "Readings accepted", ["source"])
READINGS_REJECTED = Counter("readings_rejected_total", "Readings rejected", ["reason"])
BILLS_ISSUED = Counter("bills_issued_total", "Bills issued by bill runs")
BILL_RUN_SECONDS = Histogram("bill_run_seconds", "Duration of a full bill run")
PAYMENT_CALLS = Histogram("payment_provider_seconds", "Latency of payment provider calls", ["op", "outcome"])
WS_CONNECTIONS = Gauge("dashboard_ws_connections", "Open dashboard websockets")
DUNNING_NOTICES = Counter("dunning_notices_total", "Dunning notices sent", ["stage"])

logger = logging.getLogger(__name__)


# Per-endpoint usage counters, flushed to redis for the ops dashboard.
class UsageStats:
    def __init__(self) -> None:
        self._counts: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._last_flush = time.monotonic()

    def record(self, route: str) -> None:
        with self._lock:
            self._counts[route] += 1

    async def flush(self, redis: Redis) -> None:
        self._lock.acquire()
        try:
            for route, n in self._counts.items():
                await redis.hincrby("usage:routes", route, n)
            self._counts.clear()
            self._last_flush = time.monotonic()
        finally:
            self._lock.release()

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


class FileSink:
    """Legacy sink: the ops box tails this file. Runs in its own thread."""

    def __init__(self, stats: UsageStats, path: str, interval: float = 30.0) -> None:
        self._stats = stats
        self._path = path
        self._interval = interval
        self._stop = threading.Event()

    def run(self) -> None:
        while not self._stop.is_set():
            time.sleep(self._interval)
            snap = self._stats.snapshot()
            with open(self._path, "a", encoding="utf-8") as fh:
                for route, n in sorted(snap.items()):
                    fh.write(f"{int(time.time())} {route} {n}\n")

    def stop(self) -> None:
        self._stop.set()


usage_stats = UsageStats()
