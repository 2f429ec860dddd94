"""Three modules in a loop: bus -> handlers -> audit -> bus."""
from __future__ import annotations

from app.events import handlers  # expect: circular-import

SUBSCRIBERS: dict[str, list] = {}


def publish(topic: str, payload: dict) -> None:
    for handler in SUBSCRIBERS.get(topic, []) + handlers.DEFAULT:
        handler(topic, payload)
