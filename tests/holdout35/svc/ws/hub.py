"""In-process registry of open websocket connections."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from starlette.websockets import WebSocket, WebSocketState

logger = logging.getLogger(__name__)


class ConnectionHub:
    def __init__(self) -> None:
        self._drivers: dict[int, WebSocket] = {}
        self._trip_watchers: defaultdict[int, set[WebSocket]] = defaultdict(set)
        self._pending_replies: dict[tuple[int, int], asyncio.Future[bool]] = {}
        self._send_tasks: set[asyncio.Task] = set()

    # drivers -----------------------------------------------------------------
    def register_driver(self, driver_id: int, websocket: WebSocket) -> WebSocket | None:
        previous = self._drivers.get(driver_id)
        self._drivers[driver_id] = websocket
        return previous

    def unregister_driver(self, driver_id: int, websocket: WebSocket) -> None:
        if self._drivers.get(driver_id) is websocket:
            del self._drivers[driver_id]
        for key in [k for k in self._pending_replies if k[0] == driver_id]:
            fut = self._pending_replies.pop(key)
            if not fut.done():
                fut.set_result(False)

    def is_connected(self, driver_id: int) -> bool:
        return driver_id in self._drivers

    async def send_to_driver(self, driver_id: int, message: dict) -> bool:
        websocket = self._drivers.get(driver_id)
        if websocket is None or websocket.client_state != WebSocketState.CONNECTED:
            return False
        try:
            await asyncio.wait_for(websocket.send_json(message), timeout=2.0)
        except (asyncio.TimeoutError, RuntimeError):
            logger.info("offer to driver %s could not be delivered", driver_id)
            return False
        return True

    async def wait_for_reply(self, driver_id: int, trip_id: int) -> bool:
        fut: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending_replies[(driver_id, trip_id)] = fut
        try:
            return await fut
        finally:
            self._pending_replies.pop((driver_id, trip_id), None)

    def resolve_reply(self, driver_id: int, trip_id: int, accepted: bool) -> None:
        fut = self._pending_replies.get((driver_id, trip_id))
        if fut is not None and not fut.done():
            fut.set_result(accepted)

    # riders ------------------------------------------------------------------
    def watch_trip(self, trip_id: int, websocket: WebSocket) -> None:
        self._trip_watchers[trip_id].add(websocket)

    def unwatch_trip(self, trip_id: int, websocket: WebSocket) -> None:
        watchers = self._trip_watchers.get(trip_id)
        if watchers is None:
            return
        watchers.discard(websocket)
        if not watchers:
            del self._trip_watchers[trip_id]

    def broadcast_trip(self, trip_id: int, message: dict) -> None:
        payload = json.dumps(message)
        for websocket in list(self._trip_watchers.get(trip_id, ())):
            asyncio.create_task(websocket.send_text(payload))

    def notify_driver_later(self, driver_id: int, message: dict) -> None:
        task = asyncio.create_task(self.send_to_driver(driver_id, message))
        self._send_tasks.add(task)
        task.add_done_callback(self._send_tasks.discard)

    def stats(self) -> dict[str, int]:
        return {"drivers": len(self._drivers), "watched_trips": len(self._trip_watchers)}
