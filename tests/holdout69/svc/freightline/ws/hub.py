"""Fan-out of live load positions to connected shippers and drivers."""
from __future__ import annotations

import asyncio
import itertools
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from starlette.websockets import WebSocket

from freightline.metrics import ws_stats

logger = logging.getLogger(__name__)

_ids = itertools.count(1)


@dataclass(eq=False)
class Subscription:
    load_id: int
    shipper_id: int
    id: int = field(default_factory=lambda: next(_ids))
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


class TrackingHub:
    def __init__(self) -> None:
        self._by_load: dict[int, set[Subscription]] = defaultdict(set)
        self._per_shipper: dict[int, int] = defaultdict(int)
        self._drivers: dict[str, WebSocket] = {}
        self._send_locks: dict[str, asyncio.Lock] = {}

    def connections_for(self, shipper_id: int) -> int:
        return self._per_shipper[shipper_id]

    def subscribe(self, load_id: int, shipper_id: int) -> Subscription:
        sub = Subscription(load_id=load_id, shipper_id=shipper_id)
        self._by_load[load_id].add(sub)
        self._per_shipper[shipper_id] += 1
        ws_stats.incr("subscriptions")
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        subs = self._by_load.get(sub.load_id)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self._by_load[sub.load_id]
        self._per_shipper[sub.shipper_id] = max(0, self._per_shipper[sub.shipper_id] - 1)

    async def publish(self, load_id: int, message: dict[str, Any]) -> int:
        delivered = 0
        for sub in tuple(self._by_load.get(load_id, ())):
            sub.queue.put_nowait(message)
            delivered += 1
        return delivered

    def attach_driver(self, truck_id: str, websocket: WebSocket) -> None:
        self._drivers[truck_id] = websocket
        self._send_locks[truck_id] = asyncio.Lock()

    def detach_driver(self, truck_id: str) -> None:
        self._drivers.pop(truck_id, None)
        self._send_locks.pop(truck_id, None)

    async def send_to_driver(self, truck_id: str, message: dict[str, Any]) -> bool:
        ws = self._drivers.get(truck_id)
        lock = self._send_locks.get(truck_id)
        if ws is None or lock is None:
            return False
        async with lock:
            await ws.send_json(message)
        return True
