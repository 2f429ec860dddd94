"""Per-client queues filed by key: producers look them up in the registry and put without waiting."""
import asyncio
from typing import Any


class PriceHub:
    def __init__(self) -> None:
        self._queues: dict[str, asyncio.Queue] = {}
        self._bounded: dict[str, asyncio.Queue] = {}

    def join(self, client_id: str) -> asyncio.Queue:
        inbox: asyncio.Queue = asyncio.Queue()  # expect: backpressure
        self._queues[client_id] = inbox
        return inbox

    def leave(self, client_id: str) -> None:
        self._queues.pop(client_id, None)

    def push(self, client_id: str, tick: dict[str, Any]) -> None:
        inbox = self._queues.get(client_id)
        if inbox is not None:
            inbox.put_nowait(tick)

    def join_bounded(self, client_id: str) -> asyncio.Queue:
        """Look-alike: a bounded queue, full queues drop the tick."""
        inbox: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._bounded[client_id] = inbox
        return inbox

    def push_bounded(self, client_id: str, tick: dict[str, Any]) -> None:
        inbox = self._bounded.get(client_id)
        if inbox is not None and not inbox.full():
            inbox.put_nowait(tick)
