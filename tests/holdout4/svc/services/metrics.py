"""Process-local request counters exposed on /metrics by the sidecar exporter."""
from __future__ import annotations

import threading
from collections import Counter

try:
    import orjson as _json_impl

    def _dumps(value: object) -> str:
        return _json_impl.dumps(value).decode()
except ImportError:
    import json as _json_impl

    def _dumps(value: object) -> str:
        return _json_impl.dumps(value, separators=(",", ":"))


class RequestMetrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._latency_ms: Counter[str] = Counter()

    def observe(self, route: str, status_code: int, elapsed_ms: float) -> None:
        key = f"{route}:{status_code // 100}xx"
        with self._lock:
            self._counts[key] += 1
            self._latency_ms[key] += int(elapsed_ms)

    def snapshot(self) -> str:
        counts, latency = dict(self._counts), dict(self._latency_ms)
        data = {k: {"count": v, "latency_ms_sum": latency.get(k, 0)} for k, v in counts.items()}
        return _dumps(data)

    def describe(self) -> str:
        return f"{len(self._counts)} series, exporter format v{EXPORT_FORMAT_VERSION}"


EXPORT_FORMAT_VERSION = 2

metrics = RequestMetrics()
