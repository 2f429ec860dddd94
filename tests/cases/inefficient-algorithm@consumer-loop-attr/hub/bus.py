"""An in-process event bus: a worker thread delivers queued events to subscribers by priority."""
from __future__ import annotations

import queue
import threading
from typing import Callable


class EventBus:
    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue()
        self._subscribers: dict[int, dict[str, Callable]] = {}
        self._priorities: dict[str, int] = {"audit": 0, "ui": 1}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._deliver, daemon=True)

    def subscribe(self, priority: int, name: str, callback: Callable) -> None:
        self._subscribers.setdefault(priority, {})[name] = callback

    def unsubscribe(self, priority: int, name: str) -> None:
        self._subscribers.get(priority, {}).pop(name, None)

    def publish(self, event: dict) -> None:
        self._queue.put(event)

    def _deliver(self) -> None:
        while not self._stop.is_set():
            try:
                event = self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
            for priority in sorted(self._subscribers.keys()):
                for callback in list(self._subscribers[priority].values()):
                    callback(event)

    def replay(self, events: list[dict]) -> list[str]:
        delivered = []
        for event in events:
            for name in sorted(self._priorities):  # expect: inefficient-algorithm
                delivered.append(f"{name}:{event['id']}")
        return delivered
