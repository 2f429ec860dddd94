"""Registry of open websocket connections held by this process."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import WebSocket
from redis.asyncio import Redis
from starlette.websockets import WebSocketDisconnect

from dispatch.utils.metrics import WS_CONNECTIONS

logger = logging.getLogger(__name__)

SEND_TIMEOUT_S = 2.0


class ConnectionManager:
    def __init__(self, max_connections: int) -> None:
        self._max = max_connections
        self._drivers: dict[int, WebSocket] = {}

    def at_capacity(self) -> bool:
        return len(self._drivers) >= self._max

    def add_driver(self, driver_id: int, ws: WebSocket) -> None:
        previous = self._drivers.get(driver_id)
        self._drivers[driver_id] = ws
        WS_CONNECTIONS.labels("driver").set(len(self._drivers))
        if previous is not None and previous is not ws:
            logger.info("driver %s reconnected; dropping previous socket", driver_id)
            asyncio.get_running_loop().create_task(previous.close(code=4000))

    def remove_driver(self, driver_id: int, ws: WebSocket) -> None:
        if self._drivers.get(driver_id) is ws:
            del self._drivers[driver_id]
        WS_CONNECTIONS.labels("driver").set(len(self._drivers))

    async def send_to_driver(self, driver_id: int, message: dict) -> bool:
        ws = self._drivers.get(driver_id)
        if ws is None:
            return False
        try:
            await asyncio.wait_for(ws.send_json(message), timeout=SEND_TIMEOUT_S)
        except (asyncio.TimeoutError, WebSocketDisconnect, RuntimeError) as exc:
            logger.info("dropping driver %s socket after send failure: %r", driver_id, exc)
            self.remove_driver(driver_id, ws)
            return False
        return True

    async def broadcast(self, driver_ids: set[int], message: dict) -> int:
        """Send to the given drivers that are connected here; sockets may drop while we await."""
        targets = [(d, ws) for d, ws in list(self._drivers.items()) if d in driver_ids]
        delivered = 0
        for driver_id, _ws in targets:
            if await self.send_to_driver(driver_id, message):
                delivered += 1
        return delivered

    def connected_count(self) -> int:
        return len(self._drivers)


async def publish_trip_event(redis: Redis, trip_id: int, event: dict) -> None:
    """Rider sockets may live on any replica, so trip updates go through Redis pub/sub."""
    await redis.publish(f"trip-events:{trip_id}", json.dumps(event))
