"""WebSocket subscriber registries: live scores (per match) and odds (all matches)."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis
from starlette.websockets import WebSocket

from svc.config import settings
from svc.resilience import Supervisor

logger = logging.getLogger(__name__)

ODDS_CHANNEL = "odds-updates"


class ConnectionLimitReached(Exception):
    pass


class LiveHub:
    """Score subscribers per match. The ingest service calls ``broadcast`` after each update."""

    def __init__(self) -> None:
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._last_seen: dict[int, float] = {}

    def count(self) -> int:
        return sum(len(conns) for conns in self._connections.values())

    def join(self, match_id: int, ws: WebSocket) -> None:
        self._connections[match_id].add(ws)
        self._last_seen[id(ws)] = time.monotonic()

    def touch(self, ws: WebSocket) -> None:
        conn_key = id(ws)
        self._last_seen[conn_key] = time.monotonic()

    def leave(self, match_id: int, ws: WebSocket) -> None:
        conns = self._connections.get(match_id)
        if conns is None:
            return
        conns.discard(ws)
        if not conns:
            del self._connections[match_id]

    async def broadcast(self, match_id: int, payload: dict[str, Any]) -> int:
        message = json.dumps({"type": "score", **payload})
        sent = 0
        for ws in list(self._connections.get(match_id, ())):
            await ws.send_text(message)
            sent += 1
        return sent

    async def sweep_idle(self) -> int:
        """Close sockets that have not pinged within the idle timeout."""
        cutoff = time.monotonic() - settings.ws_idle_timeout
        stale = [
            (match_id, ws)
            for match_id, conns in self._connections.items()
            for ws in conns
            if self._last_seen.get(id(ws), 0.0) < cutoff
        ]
        for match_id, ws in stale:
            self.leave(match_id, ws)
            try:
                await asyncio.wait_for(ws.close(code=1001), timeout=2.0)
            except Exception:
                logger.debug("close of idle socket failed", exc_info=True)
        return len(stale)


class OddsHub:
    """Odds subscribers on this replica. Updates arrive through Redis pub/sub so every replica sees them."""

    def __init__(self, redis: Redis, supervisor: Supervisor) -> None:
        self._redis = redis
        self._supervisor = supervisor
        self._lock = asyncio.Lock()
        self._queues: dict[str, asyncio.Queue[str]] = {}

    def start(self) -> None:
        self._supervisor.spawn("odds-hub-listener", self._listen)

    def count(self) -> int:
        return len(self._queues)

    async def register(self, conn_id: str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=settings.ws_queue_size)
        async with self._lock:
            if len(self._queues) >= settings.ws_max_connections:
                raise ConnectionLimitReached(conn_id)
            self._queues[conn_id] = queue
        return queue

    def unregister(self, conn_id: str) -> None:
        self._queues.pop(conn_id, None)

    async def publish(self, payload: str) -> None:
        await self._redis.publish(ODDS_CHANNEL, payload)

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(ODDS_CHANNEL)
        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is not None:
                    self._fan_out(message["data"])
        finally:
            await pubsub.aclose()

    def _fan_out(self, data: str) -> None:
        for queue in self._queues.values():
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(data)
