"""Sockets connected to this replica, fed from Redis pub/sub."""
import asyncio

from fastapi import WebSocket
from redis.asyncio import Redis


class LobbyHub:
    def __init__(self) -> None:
        self._sockets: set[WebSocket] = set()
        self.counts: dict[str, int] = {}

    async def join(self, websocket: WebSocket) -> None:
        self._sockets.add(websocket)

    async def leave(self, websocket: WebSocket) -> None:
        self._sockets.discard(websocket)

    async def broadcast(self, message: str) -> None:
        for ws in list(self._sockets):
            try:
                await ws.send_text(message)
            except Exception:
                self._sockets.discard(ws)

    async def listen(self, redis: Redis, pattern: str) -> None:
        pubsub = redis.pubsub()
        await pubsub.psubscribe(pattern)
        async for message in pubsub.listen():
            if message.get("type") == "pmessage":
                await self.broadcast(message["data"])

    async def flush_counts(self, redis: Redis) -> None:
        while True:
            await asyncio.sleep(60)
            for key, value in self.counts.items():
                await redis.incrby(f"lobby:count:{key}", value)
            self.counts.clear()
