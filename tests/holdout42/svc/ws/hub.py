from __future__ import annotations

import asyncio
from collections import defaultdict
import copy
from dataclasses import dataclass, field
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.websockets import WebSocket

from svc.config import settings
from svc.utils.metrics import WS_CONNECTIONS

logger = logging.getLogger(__name__)


class TooManyConnections(Exception):
    pass


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    account_id: int
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


class DashboardHub:
    """Fans live consumption events out to the dashboard sockets held by this replica.

    Events arrive over redis pub/sub, so every replica sees every event and only
    delivers to its own sockets.
    """

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._conns: dict[int, set[Connection]] = defaultdict(set)
        self._lock = asyncio.Lock()
        self._pump_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._pump_task = asyncio.create_task(self._pump_forever(), name="dashboard-hub-pump")

    async def stop(self) -> None:
        if self._pump_task is not None:
            self._pump_task.cancel()

    async def join(self, account_id: int, websocket: WebSocket) -> Connection:
        conn = Connection(websocket, account_id)
        async with self._lock:
            if len(self._conns[account_id]) >= settings.ws_max_per_account:
                raise TooManyConnections(account_id)
            self._conns[account_id].add(conn)
        WS_CONNECTIONS.inc()
        return conn

    async def leave(self, conn: Connection) -> None:
        async with self._lock:
            bucket = self._conns.get(conn.account_id)
            if bucket is not None:
                bucket.discard(conn)
                if not bucket:
                    del self._conns[conn.account_id]
        WS_CONNECTIONS.dec()

    async def _pump_forever(self) -> None:
        backoff = 1.0
        while True:
            try:
                await self._pump()
                backoff = 1.0
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                logger.warning("hub pub/sub lost (%s); reconnecting in %.0fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _pump(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("live:*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                channel = message["channel"]
                if channel.startswith("live:snapshot:"):
                    continue
                account_id = int(channel.split(":", 1)[1])
                payload = json.loads(message["data"])
                async with self._lock:
                    targets = list(self._conns.get(account_id, ()))
                for conn in targets:
                    conn.queue.put_nowait(copy.deepcopy(payload))
        finally:
            await pubsub.aclose()
