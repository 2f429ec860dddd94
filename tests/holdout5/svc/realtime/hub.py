"""Per-replica socket hub. Every replica subscribes to the bus and delivers to the sockets it holds."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from starlette.websockets import WebSocket, WebSocketState

log = logging.getLogger(__name__)

OUTBOX_SIZE = 100


class DriverConnection:
    def __init__(self, driver_id: int, ws: WebSocket) -> None:
        self.driver_id = driver_id
        self.ws = ws
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=OUTBOX_SIZE)

    def offer(self, message: str) -> None:
        if self.outbox.full():
            with contextlib.suppress(asyncio.QueueEmpty):
                self.outbox.get_nowait()
        self.outbox.put_nowait(message)

    async def pump(self) -> None:
        while self.ws.application_state is WebSocketState.CONNECTED:
            message = await self.outbox.get()
            await self.ws.send_text(message)


class LocalHub:
    def __init__(self, bus: Redis) -> None:
        self._bus = bus
        self._ride_sockets: dict[int, set[WebSocket]] = {}
        self._drivers: dict[int, DriverConnection] = {}
        self.city_watchers: dict[str, set[WebSocket]] = defaultdict(set)
        self._pubsub: PubSub | None = None
        self._relay_task: asyncio.Task[None] | None = None

    @property
    def connection_count(self) -> int:
        return len(self._drivers) + sum(len(s) for s in self._ride_sockets.values())

    async def start(self) -> None:
        self._pubsub = self._bus.pubsub()
        await self._pubsub.psubscribe("ride:*", "driver:*")
        self._relay_task = asyncio.create_task(self._relay(), name="hub-relay")

    async def stop(self) -> None:
        if self._relay_task is not None:
            self._relay_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._relay_task
        if self._pubsub is not None:
            await self._pubsub.aclose()

    def attach_ride(self, ride_id: int, ws: WebSocket) -> None:
        if ride_id not in self._ride_sockets:
            self._ride_sockets[ride_id] = set()
        self._ride_sockets[ride_id].add(ws)

    def detach_ride(self, ride_id: int, ws: WebSocket) -> None:
        sockets = self._ride_sockets.get(ride_id)
        if sockets is not None:
            sockets.discard(ws)
            if not sockets:
                del self._ride_sockets[ride_id]

    def attach_driver(self, conn: DriverConnection) -> None:
        self._drivers[conn.driver_id] = conn

    def detach_driver(self, driver_id: int) -> None:
        self._drivers.pop(driver_id, None)

    async def _relay(self) -> None:
        assert self._pubsub is not None
        while True:
            try:
                message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is not None:
                    await self._deliver(message["channel"], message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("hub relay failed; resubscribing in 1s")
                await asyncio.sleep(1.0)

    async def _deliver(self, channel: str, data: str) -> None:
        kind, _, ident = channel.partition(":")
        if kind == "driver":
            conn = self._drivers.get(int(ident))
            if conn is not None:
                conn.offer(data)
            return
        for ws in list(self._ride_sockets.get(int(ident), ())):
            try:
                await asyncio.wait_for(ws.send_text(data), timeout=2.0)
            except Exception:
                log.info("dropping ride socket for ride %s", ident, exc_info=True)
                self.detach_ride(int(ident), ws)

    async def broadcast_city(self, city: str, payload: dict[str, object]) -> None:
        text = json.dumps(payload)
        for ws in list(self.city_watchers.get(city, ())):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.send_text(text), timeout=1.0)
