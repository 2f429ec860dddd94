from __future__ import annotations

import threading
import time
from collections import Counter as _Tally

from prometheus_client import Counter, Gauge, Histogram

BIDS_SUBMITTED = Counter("freight_bids_submitted_total", "Bids submitted", ["equipment"])
TENDERS_EXPIRED = Counter("freight_tenders_expired_total", "Tenders expired by the sweeper")
PINGS_INGESTED = Counter("freight_pings_ingested_total", "GPS pings persisted")
PING_QUEUE_DEPTH = Gauge("freight_ping_queue_depth", "Pings waiting to be written")
UPSTREAM_LATENCY = Histogram("freight_upstream_seconds", "Latency of partner APIs", ["partner"])
WS_CONNECTIONS = Gauge("freight_ws_connections", "Open websocket connections", ["channel"])


class RejectTally:
    """Counts rejected pings by reason; read by the admin stats endpoint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: _Tally[str] = _Tally()
        self._since = time.monotonic()

    def add(self, reason: str) -> None:
        with self._lock:
            self._counts[reason] += 1

    def snapshot(self) -> dict[str, int]:
        self._lock.acquire()
        try:
            return dict(self._counts)
        finally:
            self._lock.release()


class Timer:
    def __init__(self, partner: str) -> None:
        self._partner = partner
        self._start = 0.0

    def __enter__(self) -> "Timer":
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        UPSTREAM_LATENCY.labels(self._partner).observe(time.perf_counter() - self._start)
