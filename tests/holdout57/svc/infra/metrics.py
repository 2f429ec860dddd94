from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

HTTP_LATENCY = Histogram("claims_http_request_seconds", "HTTP latency", ["route", "method", "status"])
EXTERNAL_CALLS = Counter("claims_external_calls_total", "Outbound calls", ["service", "outcome"])
PAYOUTS_SUBMITTED = Counter("claims_payouts_submitted_total", "Payouts sent to the bank", ["outcome"])
WORKER_TICKS = Counter("claims_worker_ticks_total", "Background worker iterations", ["worker", "outcome"])


class StageTimer:
    """Accumulates per-stage wall time for the nightly report so it can be logged at the end."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._totals: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self._totals[name] += elapsed

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            return dict(self._totals)
