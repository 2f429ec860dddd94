"""In-process fan-out of shipment events to connected screens."""
import asyncio
from collections import defaultdict


class ShipmentHub:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def follow(self, order_number: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._queues[order_number].add(queue)
        return queue

    def unfollow(self, order_number: str, queue: asyncio.Queue) -> None:
        self._queues[order_number].discard(queue)


class DriverFeed:
    def __init__(self) -> None:
        self._listeners: dict[int, list[asyncio.Queue]] = defaultdict(list)

    def listen(self, driver_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=50)
        self._listeners[driver_id].append(queue)
        return queue

    def stop_listening(self, driver_id: int, queue: asyncio.Queue) -> None:
        self._listeners[driver_id].remove(queue)


class Services:
    def __init__(self) -> None:
        self.shipments = ShipmentHub()
        self.drivers = DriverFeed()


class InvoiceBoard:
    def __init__(self) -> None:
        self.watchers: dict[str, list[asyncio.Queue]] = {}

    def subscribe(self, invoice_no: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=20)
        self.watchers.setdefault(invoice_no, []).append(queue)
        return queue

    def unsubscribe(self, invoice_no: str, queue: asyncio.Queue) -> None:
        self.watchers.get(invoice_no, []).remove(queue)


board = InvoiceBoard()
