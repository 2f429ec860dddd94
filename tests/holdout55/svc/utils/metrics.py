"""Process-local Prometheus metrics."""
from __future__ import annotations

import threading
from collections import Counter

from prometheus_client import Counter as PromCounter
from prometheus_client import Gauge, Histogram

WEBHOOKS_RECEIVED = PromCounter("ci_webhooks_received_total", "Webhooks received", ["event"])
JOBS_DISPATCHED = PromCounter("ci_jobs_dispatched_total", "Jobs handed to runners")
RUNNERS_CONNECTED = Gauge("ci_runners_connected", "Runners connected to this replica")
DISPATCH_LATENCY = Histogram("ci_dispatch_seconds", "Time from queue to lease")


class LocalCounters:
    """Cheap counters for the debug endpoint; touched only from sync code paths."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def incr(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counts[name] += n

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


local_counters = LocalCounters()
