"""Per-room fan-out of chat messages to the queues of connected sockets."""
from __future__ import annotations

import asyncio
import json

import redis.asyncio as redis


class RoomHub:
    """Fed directly by the socket that posts: only this process's members hear it."""

    def __init__(self) -> None:
        self._members: dict[str, list[asyncio.Queue]] = {}  # expect: horizontal-scaling-blocker

    def join(self, room: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=50)
        self._members.setdefault(room, []).append(queue)
        return queue

    def leave(self, room: str, queue: asyncio.Queue) -> None:
        members = self._members.get(room, [])
        if queue in members:
            members.remove(queue)

    async def post(self, room: str, text: str) -> None:
        for queue in self._members.get(room, []):
            if not queue.full():
                queue.put_nowait(text)


class NoticeHub:
    """Fed only by a Redis subscription every process runs: each process serves its own members."""

    def __init__(self) -> None:
        self._members: dict[str, list[asyncio.Queue]] = {}

    def join(self, room: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=50)
        self._members.setdefault(room, []).append(queue)
        return queue

    def leave(self, room: str, queue: asyncio.Queue) -> None:
        members = self._members.get(room, [])
        if queue in members:
            members.remove(queue)

    async def deliver(self, room: str, text: str) -> None:
        for queue in self._members.get(room, []):
            if not queue.full():
                queue.put_nowait(text)

    async def listen(self, client: redis.Redis) -> None:
        pubsub = client.pubsub()
        await pubsub.psubscribe("notices:*")
        async for message in pubsub.listen():
            if message["type"] == "pmessage":
                payload = json.loads(message["data"])
                await self.deliver(payload["room"], payload["text"])
