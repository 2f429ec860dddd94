from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import defaultdict
from typing import Any
from uuid import UUID

from fastapi import WebSocket
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


class AdjusterConnection:
    """One adjuster socket with its own bounded outbound queue and writer task."""

    def __init__(self, websocket: WebSocket, maxsize: int = 100) -> None:
        self.websocket = websocket
        self.outbound: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=maxsize)

    def offer(self, message: dict[str, Any]) -> bool:
        try:
            self.outbound.put_nowait(message)
        except asyncio.QueueFull:
            logger.warning("adjuster socket is not keeping up; dropping %s", message.get("type"))
            return False
        return True

    async def pump(self) -> None:
        while True:
            message = await self.outbound.get()
            await asyncio.wait_for(self.websocket.send_json(message), timeout=5.0)


class AdjusterHub:
    """Delivers claim status updates to adjusters.

    Each replica holds only its own sockets; updates travel over a redis channel so
    that whichever replica an adjuster is connected to receives them.
    """

    def __init__(self, redis: Redis, channel: str, max_per_adjuster: int) -> None:
        self._redis = redis
        self._channel = channel
        self._max_per_adjuster = max_per_adjuster
        self._connections: dict[UUID, set[AdjusterConnection]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def register(self, adjuster_id: UUID, conn: AdjusterConnection) -> bool:
        async with self._lock:
            conns = self._connections[adjuster_id]
            if len(conns) >= self._max_per_adjuster:
                return False
            conns.add(conn)
            return True

    def unregister(self, adjuster_id: UUID, conn: AdjusterConnection) -> None:
        conns = self._connections.get(adjuster_id)
        if conns is not None:
            conns.discard(conn)
            if not conns:
                del self._connections[adjuster_id]

    async def publish(self, adjuster_id: UUID, message: dict[str, Any]) -> None:
        await self._redis.publish(self._channel, json.dumps({"adjuster_id": str(adjuster_id), "message": message}))

    def _deliver_local(self, adjuster_id: UUID, message: dict[str, Any]) -> int:
        delivered = 0
        for conn in self._connections.get(adjuster_id, ()):
            delivered += conn.offer(message)
        return delivered

    async def run_listener(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    backoff = 1.0
                    while True:
                        raw = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                        if raw is None:
                            continue
                        envelope = json.loads(raw["data"])
                        self._deliver_local(UUID(envelope["adjuster_id"]), envelope["message"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("status listener lost its subscription; resubscribing in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def close_all(self) -> None:
        snapshot = [conn for conns in self._connections.values() for conn in conns]
        self._connections.clear()
        await asyncio.gather(*(c.websocket.close(code=1001) for c in snapshot), return_exceptions=True)


class ClaimWatchers:
    """Claimant-portal sockets following a single claim's progress."""

    def __init__(self) -> None:
        self._watchers: dict[UUID, list[WebSocket]] = {}
        self._lock = threading.Lock()
        self._send_locks: defaultdict[UUID, threading.Lock] = defaultdict(threading.Lock)

    def add(self, claim_id: UUID, websocket: WebSocket) -> None:
        with self._lock:
            self._watchers.setdefault(claim_id, []).append(websocket)

    async def notify(self, claim_id: UUID, payload: dict[str, Any]) -> None:
        """Send in order: updates for one claim must not overtake each other."""
        with self._send_locks[claim_id]:
            for websocket in self._watchers.get(claim_id, []):
                await websocket.send_json(payload)
