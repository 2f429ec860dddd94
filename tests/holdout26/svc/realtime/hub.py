"""Fan-out of live bid events to websocket clients.

Every replica subscribes to the redis channels of the lots its clients watch
and forwards messages to its own sockets.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque

from redis.asyncio.client import PubSub
from starlette.websockets import WebSocket

from svc.cache.redis import stream_redis

log = logging.getLogger(__name__)


class Client:
    def __init__(self, ws: WebSocket, account_id: int) -> None:
        self.ws = ws
        self.account_id = account_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=256)
        self.last_seen = time.monotonic()


class BidHub:
    def __init__(self, max_connections: int) -> None:
        self.max_connections = max_connections
        self._rooms: dict[int, set[Client]] = {}
        self._clients: dict[WebSocket, Client] = {}
        self._rooms_lock = asyncio.Lock()
        self._conn_lock = asyncio.Lock()
        self._pubsub: PubSub = stream_redis.pubsub()
        self.seller_sockets: dict[int, WebSocket] = {}
        self.seller_events: asyncio.Queue[dict] = asyncio.Queue()
        self._bid_times: dict[int, deque[float]] = {}

    @property
    def connection_count(self) -> int:
        return len(self._clients)

    async def join(self, lot_id: int, client: Client) -> None:
        async with self._rooms_lock:
            async with self._conn_lock:
                self._clients[client.ws] = client
            room = self._rooms.setdefault(lot_id, set())
            room.add(client)
            if len(room) == 1:
                await self._pubsub.subscribe(f"lot:{lot_id}:bids")

    async def watch(self, lot_id: int, client: Client) -> None:
        """Join without taking the rooms lock; used by the lightweight viewer widget."""
        if lot_id not in self._rooms:
            await self._pubsub.subscribe(f"lot:{lot_id}:bids")
            self._rooms[lot_id] = set()
        self._rooms[lot_id].add(client)

    async def leave(self, lot_id: int, client: Client) -> None:
        async with self._rooms_lock:
            async with self._conn_lock:
                self._clients.pop(client.ws, None)
            room = self._rooms.get(lot_id)
            if room is not None:
                room.discard(client)
                if not room:
                    del self._rooms[lot_id]
                    await self._pubsub.unsubscribe(f"lot:{lot_id}:bids")

    async def drop_idle(self, max_idle_s: float) -> int:
        cutoff = time.monotonic() - max_idle_s
        dropped = 0
        async with self._conn_lock:
            idle = [c for c in self._clients.values() if c.last_seen < cutoff]
            async with self._rooms_lock:
                for room in self._rooms.values():
                    room.difference_update(idle)
            for client in idle:
                self._clients.pop(client.ws, None)
                dropped += 1
        for client in idle:
            await client.ws.close(code=1001)
        return dropped

    def allow_bid(self, account_id: int, per_minute: int = 30) -> bool:
        now = time.monotonic()
        times = self._bid_times.setdefault(account_id, deque())
        while times and now - times[0] > 60:
            times.popleft()
        if len(times) >= per_minute:
            return False
        times.append(now)
        return True

    def fan_out(self, lot_id: int, message: str) -> None:
        for client in list(self._rooms.get(lot_id, ())):
            try:
                client.outbox.put_nowait(message)
            except asyncio.QueueFull:
                log.info("dropping slow client %s on lot %s", client.account_id, lot_id)
                asyncio.get_running_loop().call_soon(self._clients.pop, client.ws, None)

    async def relay(self) -> None:
        async for message in self._pubsub.listen():
            if message["type"] != "message":
                continue
            channel = message["channel"]
            lot_id = int(channel.split(":")[1])
            self.fan_out(lot_id, message["data"])

    async def push_seller_events(self) -> None:
        while True:
            event = await self.seller_events.get()
            ws = self.seller_sockets.get(event.get("seller_id", -1))
            if ws is None:
                continue
            try:
                await asyncio.wait_for(ws.send_text(json.dumps(event)), timeout=5)
            except Exception:
                log.exception("seller event delivery failed")

    async def broadcast_notice(self, text: str) -> None:
        payload = json.dumps({"type": "notice", "text": text})
        for client in list(self._clients.values()):
            await client.ws.send_text(payload)
