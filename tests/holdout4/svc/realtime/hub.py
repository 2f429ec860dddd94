"""Fan-out of channel events to the websockets connected to this replica.

Every replica subscribes to the channel pattern in Redis; a publish from any
replica reaches the sockets held by all of them.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from starlette.websockets import WebSocket

log = logging.getLogger(__name__)

CHANNEL_PATTERN = "chan:*"
OUTBOX_SIZE = 256


class Connection:
    def __init__(self, websocket: WebSocket, user_id: int, workspace_id: int) -> None:
        self.websocket = websocket
        self.user_id = user_id
        self.workspace_id = workspace_id
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=OUTBOX_SIZE)
        self.dropped = False

    async def close_slow(self) -> None:
        self.dropped = True
        await self.websocket.close(code=1013, reason="consumer too slow")

    async def writer(self) -> None:
        while not self.dropped:
            frame = await self.outbox.get()
            await self.websocket.send_text(frame)


class ConnectionHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._local: dict[int, set[Connection]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="hub-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)

    def register(self, channel_id: int, conn: Connection) -> None:
        self._local[channel_id].add(conn)

    def unregister(self, channel_id: int, conn: Connection) -> None:
        members = self._local.get(channel_id)
        if members is None:
            return
        members.discard(conn)
        if not members:
            self._local.pop(channel_id, None)

    def local_connection_count(self) -> int:
        return sum(len(conns) for conns in self._local.values())

    async def publish(self, channel_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"chan:{channel_id}", json.dumps(event, separators=(",", ":")))

    async def _listen(self) -> None:
        backoff = 0.5
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(CHANNEL_PATTERN)
                backoff = 0.5
                async for message in pubsub.listen():
                    if message.get("type") != "pmessage":
                        continue
                    channel_id = int(str(message["channel"]).split(":", 1)[1])
                    await self._deliver_local(channel_id, str(message["data"]))
            except asyncio.CancelledError:
                await pubsub.aclose()
                raise
            except (RedisConnectionError, OSError):
                log.warning("pub/sub connection lost, reconnecting in %.1fs", backoff)
                await pubsub.aclose()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            except Exception:
                log.exception("pub/sub listener failed, restarting in %.1fs", backoff)
                await pubsub.aclose()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _deliver_local(self, channel_id: int, frame: str) -> None:
        for conn in list(self._local.get(channel_id, ())):
            try:
                conn.outbox.put_nowait(frame)
            except asyncio.QueueFull:
                log.warning("dropping slow consumer user=%s channel=%s", conn.user_id, channel_id)
                self.unregister(channel_id, conn)
                await conn.close_slow()
