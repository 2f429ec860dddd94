"""Prometheus metrics."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from prometheus_client import Counter, Gauge, Histogram

RESULTS_INGESTED = Counter("lims_results_ingested_total", "Results received", ["source"])
RESULTS_AUTOVERIFIED = Counter("lims_results_autoverified_total", "Results released without review")
DELIVERY_FAILURES = Counter("lims_delivery_failures_total", "Failed deliveries", ["channel"])
CRITICAL_ALERTS = Counter("lims_critical_alerts_total", "Critical alerts raised", ["outcome"])
INSTRUMENTS_CONNECTED = Gauge("lims_instruments_connected", "Instrument websockets open")
REVIEW_QUEUE_DEPTH = Gauge("lims_review_queue_depth", "Cases waiting for a pathologist")
STAGE_SECONDS = Histogram("lims_stage_seconds", "Pipeline stage latency", ["stage"])


class _LocalCounters:
    """Per-process counters for the /debug/stats page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def bump(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + n

    def snapshot(self) -> dict[str, int]:
        with self._lock:  # consistent view for the stats page
            return dict(self._counts)


local_counters = _LocalCounters()


@contextmanager
def timed(stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(stage).observe(time.perf_counter() - start)
