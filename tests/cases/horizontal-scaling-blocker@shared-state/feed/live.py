"""Live feeds: posts go to followers' sockets; announcements come over Redis pub/sub."""
import asyncio
import json

import redis.asyncio as redis
from fastapi import WebSocket


class FeedHub:
    """Follower sockets of this process; new posts are pushed by the fan-out worker."""

    def __init__(self) -> None:
        self._sockets: dict[str, set[WebSocket]] = {}  # expect: horizontal-scaling-blocker
        self._posts: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    def follow(self, author: str, websocket: WebSocket) -> None:
        self._sockets.setdefault(author, set()).add(websocket)

    def publish(self, post: dict) -> None:
        self._posts.put_nowait(post)

    async def fan_out(self) -> None:
        while True:
            post = await self._posts.get()
            await self.push(post)

    async def push(self, post: dict) -> None:
        for websocket in list(self._sockets.get(post["author"], ())):
            await websocket.send_json(post)


class AnnouncementHub:
    """Announcement sockets of this process, fed from a channel every replica subscribes to."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._sockets: set[WebSocket] = set()

    def join(self, websocket: WebSocket) -> None:
        self._sockets.add(websocket)

    async def relay(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe("announcements")
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
            if message:
                await self.broadcast(json.loads(message["data"]))

    async def broadcast(self, payload: dict) -> None:
        for websocket in list(self._sockets):
            await websocket.send_json(payload)
