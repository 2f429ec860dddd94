"""Pharmacist-to-pharmacist chat rooms, fanned out across replicas through redis pub/sub."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from typing import Any

import asyncpg
import redis.asyncio as aioredis
from starlette.websockets import WebSocket

from dispensary.cache.redis_client import CHAT_CHANNEL
from dispensary.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

SEND_TIMEOUT_SECONDS = 2.0


class ChatHub:
    def __init__(self, redis: aioredis.Redis, pool: asyncpg.Pool) -> None:
        self._redis = redis
        self._pool = pool
        self._members: dict[str, set[WebSocket]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._listener = asyncio.create_task(self._run_listener(), name="chat-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    def join(self, room: str, websocket: WebSocket) -> None:
        self._members[room].add(websocket)

    def leave(self, room: str, websocket: WebSocket) -> None:
        members = self._members.get(room)
        if members is not None:
            members.discard(websocket)
            if not members:
                self._members.pop(room, None)

    async def _run_listener(self) -> None:
        while True:
            try:
                await self._consume()
            except Exception:
                logger.exception("chat listener failed; resubscribing")

    async def _consume(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(CHAT_CHANNEL.format(room="*"))
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                room = message["channel"].split(":", 2)[2]
                await self._deliver(room, message["data"])
        finally:
            await pubsub.aclose()

    async def _deliver(self, room: str, data: str) -> None:
        for websocket in list(self._members.get(room, ())):
            try:
                await asyncio.wait_for(websocket.send_text(data), timeout=SEND_TIMEOUT_SECONDS)
            except (asyncio.TimeoutError, RuntimeError):
                logger.info("dropping slow or closed chat member in %s", room)
                self.leave(room, websocket)

    async def post(self, room: str, sender: str, body: str) -> None:
        created_at = utcnow()
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO chat_messages (room, sender, body, created_at) VALUES ($1, $2, $3, $4)",
                room,
                sender,
                body,
                created_at,
            )
        message = {"room": room, "sender": sender, "body": body, "at": created_at.isoformat()}
        await self._redis.publish(CHAT_CHANNEL.format(room=room), json.dumps(message))

    async def history(self, room: str, limit: int = 50) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT sender, body, created_at FROM chat_messages WHERE room = $1 "
                "ORDER BY created_at DESC LIMIT $2",
                room,
                limit,
            )
        return [
            {"sender": r["sender"], "body": r["body"], "at": r["created_at"].isoformat()} for r in reversed(rows)
        ]
