"""Fan-out of flag-change notifications to connected SDK websockets.

Every replica subscribes to the flag-change channel and forwards messages to the
sockets it holds locally, so a change made through any replica reaches every SDK.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from starlette.websockets import WebSocket

from ..logging_setup import get_logger
from ..utils.jsonutil import loads

logger = get_logger(__name__)


class HubFull(Exception):
    pass


class Connection:
    def __init__(self, websocket: WebSocket, environment_id: str) -> None:
        self.websocket = websocket
        self.environment_id = environment_id
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def pump(self) -> None:
        while True:
            message = await self.queue.get()
            await self.websocket.send_json(message)


class StreamHub:
    def __init__(self, max_connections: int) -> None:
        self._max = max_connections
        self._by_env: defaultdict[str, set[Connection]] = defaultdict(set)
        self._count = 0

    @property
    def size(self) -> int:
        return self._count

    def register(self, environment_id: str, websocket: WebSocket) -> Connection:
        if self._count >= self._max:
            raise HubFull()
        conn = Connection(websocket, environment_id)
        self._by_env[environment_id].add(conn)
        self._count += 1
        return conn

    def unregister(self, conn: Connection) -> None:
        conns = self._by_env.get(conn.environment_id)
        if conns is None or conn not in conns:
            return
        conns.discard(conn)
        self._count -= 1
        if not conns:
            del self._by_env[conn.environment_id]

    def deliver_local(self, environment_id: str, message: dict[str, Any]) -> int:
        conns = self._by_env.get(environment_id, ())
        for conn in conns:
            conn.queue.put_nowait(message)
        return len(conns)

    async def listen(self, client: redis.Redis, channel: str) -> None:
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(channel)
        async for message in pubsub.listen():
            payload = loads(message["data"])
            delivered = self.deliver_local(payload["environment_id"], payload)
            logger.debug("flag_change_fanout", environment_id=payload["environment_id"], sockets=delivered)
