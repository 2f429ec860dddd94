"""Prometheus metrics and a small thread-safe latency reservoir."""
from __future__ import annotations

import threading
from collections import deque

from prometheus_client import Counter, Gauge, Histogram

BID_REQUESTS = Counter("adbid_bid_requests_total", "Bid requests received", ["exchange"])
BIDS_PLACED = Counter("adbid_bids_total", "Bids returned", ["exchange"])
BID_LATENCY = Histogram(
    "adbid_bid_latency_seconds", "Bid handling latency", buckets=(0.005, 0.01, 0.02, 0.04, 0.08, 0.16)
)
IMPRESSIONS = Counter("adbid_impressions_total", "Impressions tracked")
CLICKS = Counter("adbid_clicks_total", "Clicks tracked", ["verdict"])
DASHBOARD_CONNECTIONS = Gauge("adbid_dashboard_connections", "Open dashboard websockets")
EVENTS_FLUSHED = Counter("adbid_events_flushed_total", "Events written to Postgres")
RECONCILE_DRIFT = Histogram("adbid_reconcile_drift_micros", "Counter vs ledger drift per campaign")


class LatencyReservoir:
    """Keeps the last N observations for the admin stats page (called from sync code only)."""

    def __init__(self, size: int = 2048) -> None:
        self._values: deque[float] = deque(maxlen=size)
        self._lock = threading.Lock()

    def observe(self, seconds: float) -> None:
        with self._lock:
            self._values.append(seconds)

    def percentile(self, q: float) -> float:
        with self._lock:  # shared with observe()
            values = sorted(self._values)
        if not values:
            return 0.0
        index = min(len(values) - 1, int(q * len(values)))
        return values[index]


bid_latency_reservoir = LatencyReservoir()
