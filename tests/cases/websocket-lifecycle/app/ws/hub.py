"""Fan-out of order events to subscriber queues, one process-wide hub."""
import asyncio
from collections import defaultdict
from contextlib import asynccontextmanager


class OrderHub:
    def __init__(self) -> None:
        self._by_order: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._history: list[dict] = []

    def subscribe(self, order_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._by_order[order_id].add(queue)
        return queue

    def unsubscribe(self, order_id: str, queue: asyncio.Queue) -> None:
        self._by_order[order_id].discard(queue)

    def add_note(self, order_id: str, text: str) -> None:
        self._history.append({"order": order_id, "text": text})

    def subscribe_count(self, order_id: str) -> int:
        return len(self._by_order.get(order_id, ()))

    @asynccontextmanager
    async def subscription(self, order_id: str):
        queue = self.subscribe(order_id)
        try:
            yield queue
        finally:
            self.unsubscribe(order_id, queue)


hub = OrderHub()
