"""Process metrics exported to Prometheus."""
from __future__ import annotations

import threading
import time
from collections import Counter

from prometheus_client import Counter as PromCounter
from prometheus_client import Histogram

HTTP_LATENCY = Histogram("freight_http_request_seconds", "HTTP latency", ["route", "method"])
POSITIONS_INGESTED = PromCounter("freight_positions_ingested_total", "Positions stored", ["source"])
RATE_API_ERRORS = PromCounter("freight_rate_api_errors_total", "Rate API failures", ["provider"])
PAYOUTS_SENT = PromCounter("freight_payouts_sent_total", "Payout transfers created")
WORKER_RUNS = PromCounter("freight_worker_runs_total", "Worker iterations", ["worker", "outcome"])


class WsStats:
    """Thread-safe counters read by the debug endpoint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._started = time.monotonic()

    def incr(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._counts[name] += by

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            data = dict(self._counts)
        data["uptime_s"] = time.monotonic() - self._started
        return data


ws_stats = WsStats()
