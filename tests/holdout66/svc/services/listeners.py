"""Live listener counts pushed to creators over websockets."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict

from fastapi import WebSocket
from redis.asyncio import Redis

log = logging.getLogger(__name__)

LIVE_KEY = "live:{show_id}"
LIVE_WINDOW_SECONDS = 120
OUTBOX_SIZE = 32


class LiveConnection:
    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.outbox: asyncio.Queue[dict] = asyncio.Queue(maxsize=OUTBOX_SIZE)

    def offer(self, message: dict) -> bool:
        try:
            self.outbox.put_nowait(message)
            return True
        except asyncio.QueueFull:
            return False

    async def pump(self) -> None:
        while True:
            message = await self.outbox.get()
            await asyncio.wait_for(self.websocket.send_json(message), timeout=5)


class ListenerHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._counts: dict[int, int] = defaultdict(int)

    def register(self, show_id: int, websocket: WebSocket) -> None:
        self._connections[show_id].add(websocket)

    def unregister(self, show_id: int, websocket: WebSocket) -> None:
        conns = self._connections.get(show_id)
        if conns is None:
            return
        conns.discard(websocket)
        if not conns:
            self._connections.pop(show_id, None)

    def active_shows(self) -> list[int]:
        return list(self._connections)

    def total_listeners_today(self, show_id: int) -> int:
        return self._counts[show_id]

    def connection_count(self, show_id: int) -> int:
        return len(self._connections.get(show_id, ()))

    async def listener_started(self, show_id: int, listener_key: str) -> None:
        self._counts[show_id] += 1
        await self._redis.zadd(LIVE_KEY.format(show_id=show_id), {listener_key: time.time()})

    async def live_count(self, show_id: int) -> int:
        key = LIVE_KEY.format(show_id=show_id)
        cutoff = time.time() - LIVE_WINDOW_SECONDS
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", cutoff)
            pipe.zcard(key)
            _, count = await pipe.execute()
        return int(count)

    async def broadcast(self, show_id: int, message: dict) -> None:
        for websocket in tuple(self._connections.get(show_id, ())):
            await websocket.send_json(message)


class BoundedListenerHub(ListenerHub):
    """Variant used by the studio dashboard: every socket has its own bounded outbox."""

    def __init__(self, redis: Redis) -> None:
        super().__init__(redis)
        self._outboxes: dict[WebSocket, LiveConnection] = {}

    def attach(self, show_id: int, conn: LiveConnection) -> None:
        self.register(show_id, conn.websocket)
        self._outboxes[conn.websocket] = conn

    def detach(self, show_id: int, conn: LiveConnection) -> None:
        self.unregister(show_id, conn.websocket)
        self._outboxes.pop(conn.websocket, None)

    async def broadcast(self, show_id: int, message: dict) -> None:
        for websocket in list(self._connections.get(show_id, ())):
            conn = self._outboxes.get(websocket)
            if conn is not None and not conn.offer(message):
                log.info("dropping live update for a slow studio client on show %s", show_id)


TICK = 5.0


async def tick_once(public_hub: ListenerHub, studio_hub: BoundedListenerHub) -> None:
    for show_id in public_hub.active_shows():
        count = await public_hub.live_count(show_id)
        await public_hub.broadcast(show_id, {"type": "live", "listeners": count})
    for show_id in studio_hub.active_shows():
        count = await studio_hub.live_count(show_id)
        await studio_hub.broadcast(show_id, {"type": "live", "listeners": count, "at": int(time.time())})


async def run_live_ticker(public_hub: ListenerHub, studio_hub: BoundedListenerHub, redis: Redis, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await tick_once(public_hub, studio_hub)
        except Exception:
            log.exception("live ticker iteration failed")
        redis.set("live:ticker:heartbeat", int(time.time()), ex=30)
        await asyncio.sleep(TICK)
