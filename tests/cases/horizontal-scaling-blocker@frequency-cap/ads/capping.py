"""Per-viewer impression caps."""
from __future__ import annotations

import time


class ImpressionCap:
    def __init__(self, window_s: float = 3600.0) -> None:
        self._window = window_s
        self._shown: dict[tuple[str, int], list[float]] = {}

    def may_show(self, viewer: str, ad_id: int, cap: int) -> bool:
        now = time.monotonic()
        recent = [t for t in self._shown.get((viewer, ad_id), []) if now - t < self._window]
        self._shown[(viewer, ad_id)] = recent
        return len(recent) < cap

    def shown(self, viewer: str, ad_id: int) -> None:
        self._shown.setdefault((viewer, ad_id), []).append(time.monotonic())


class LatencyWindow:
    """Recent latencies for a local gauge: recorded with their time, never used to refuse work."""

    def __init__(self) -> None:
        self._samples: dict[str, list[float]] = {}

    def observe(self, route: str) -> None:
        self._samples.setdefault(route, []).append(time.monotonic())

    def count(self, route: str) -> int:
        return len(self._samples.get(route, []))
