from __future__ import annotations

from prometheus_client import Gauge


class Gauges:
    def __init__(self) -> None:
        self.queue_depth = Gauge("fleet_queue_depth", "positions waiting to be sent")
        self.labels: list[str] = []
