from __future__ import annotations

from shop.telemetry.client import send


def track(event: str) -> None:
    send({"event": event})
