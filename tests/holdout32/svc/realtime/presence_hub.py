"""Redis pub/sub fan-out for presence and spectator events."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)

PRESENCE_CHANNEL = "presence:events"
SPECTATE_PATTERN = "spectate:*"


class _RedisFanout:
    channel_pattern: str = ""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen(), name=f"fanout:{self.channel_pattern}")

    async def stop(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def _listen(self) -> None:
        backoff = 1.0
        while not self._closing:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.psubscribe(self.channel_pattern)
                    backoff = 1.0
                    while True:
                        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                        if message is None:
                            continue
                        await self._dispatch(message["channel"], json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError):
                logger.exception("fan-out %s lost its subscription; retrying in %.0fs", self.channel_pattern, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _dispatch(self, channel: str, event: dict[str, Any]) -> None:
        raise NotImplementedError


class PresenceHub(_RedisFanout):
    channel_pattern = PRESENCE_CHANNEL

    def __init__(self, redis: Redis) -> None:
        super().__init__(redis)
        self._watchers: dict[int, set[WebSocket]] = defaultdict(set)

    def watch(self, websocket: WebSocket, player_ids: list[int]) -> None:
        for pid in player_ids:
            self._watchers[pid].add(websocket)

    def unwatch(self, websocket: WebSocket) -> None:
        for pid in [pid for pid, sockets in self._watchers.items() if websocket in sockets]:
            self._watchers[pid].discard(websocket)
            if not self._watchers[pid]:
                del self._watchers[pid]

    async def publish(self, player_id: int, status: str) -> None:
        await self._redis.publish(PRESENCE_CHANNEL, json.dumps({"player_id": player_id, "status": status}))

    async def _dispatch(self, channel: str, event: dict[str, Any]) -> None:
        targets = list(self._watchers.get(int(event["player_id"]), ()))
        if targets:
            await asyncio.gather(*(self._send(ws, event) for ws in targets))

    async def _send(self, websocket: WebSocket, event: dict[str, Any]) -> None:
        try:
            await asyncio.wait_for(websocket.send_json({"type": "presence", **event}), timeout=2.0)
        except Exception:
            logger.debug("dropping presence watcher after a failed send")
            self.unwatch(websocket)


class SpectatorFeed(_RedisFanout):
    """Match events published by game servers on ``spectate:<match_id>``."""

    channel_pattern = SPECTATE_PATTERN

    def __init__(self, redis: Redis) -> None:
        super().__init__(redis)
        self._queues: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def add(self, match_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self._queues[match_id].add(queue)

    def remove(self, match_id: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        queues = self._queues.get(match_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._queues[match_id]

    async def publish(self, match_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"spectate:{match_id}", json.dumps(event))

    async def _dispatch(self, channel: str, event: dict[str, Any]) -> None:
        match_id = int(channel.split(":", 1)[1])
        for queue in list(self._queues.get(match_id, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)
