"""In-process counters and latency histograms, scraped by the admin endpoint."""
from __future__ import annotations

import bisect
import threading
from collections import defaultdict, deque
from typing import Any

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Histogram:
    def __init__(self) -> None:
        self._rlock = threading.RLock()
        self._counts = [0] * (len(_BUCKETS) + 1)
        self._recent: deque[float] = deque(maxlen=1024)

    def _bucket_for(self, seconds: float) -> int:
        self._rlock.acquire()
        try:
            return bisect.bisect_left(_BUCKETS, seconds)
        finally:
            self._rlock.release()

    def record(self, seconds: float) -> None:
        with self._rlock:
            self._counts[self._bucket_for(seconds)] += 1
            self._recent.append(seconds)

    def summary(self) -> dict[str, Any]:
        self._rlock.acquire()
        try:
            recent = sorted(self._recent)
            counts = list(self._counts)
        finally:
            self._rlock.release()
        p95 = recent[int(len(recent) * 0.95) - 1] if recent else 0.0
        return {"buckets": counts, "p95": p95}


class MetricsRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, int] = defaultdict(int)
        self._hist_guard = threading.Lock()
        self._histograms: dict[str, Histogram] = {}

    def inc(self, name: str, value: int = 1) -> None:
        with self._lock:
            self._counters[name] += value

    def observe(self, name: str, seconds: float) -> None:
        with self._hist_guard:
            hist = self._histograms.setdefault(name, Histogram())
        hist.record(seconds)

    def snapshot(self) -> dict[str, Any]:
        counters = dict(self._counters)
        with self._hist_guard:
            hists = {name: h.summary() for name, h in self._histograms.items()}
        return {"counters": counters, "histograms": hists}


metrics = MetricsRegistry()
