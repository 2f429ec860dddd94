from __future__ import annotations

from app.events.bus import SUBSCRIBERS

LOG: list[tuple[str, dict]] = []


def record(topic: str, payload: dict) -> None:
    LOG.append((topic, payload))
    SUBSCRIBERS.setdefault("audit", [])
