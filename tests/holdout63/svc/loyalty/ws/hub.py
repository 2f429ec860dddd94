"""Per-replica registry of app websocket sessions, fed by the redis balance channel."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

import redis.asyncio as redis
from starlette.websockets import WebSocket

from loyalty.redis_client import BALANCE_CHANNEL
from loyalty.utils.metrics import WS_CONNECTIONS

if TYPE_CHECKING:
    from loyalty.config import Settings

log = logging.getLogger(__name__)

OUTBOX_SIZE = 64


class TooManyConnections(Exception):
    pass


class Session:
    def __init__(self, member_id: int, websocket: WebSocket) -> None:
        self.member_id = member_id
        self.websocket = websocket
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=OUTBOX_SIZE)
        self.dropped = 0

    def offer(self, message: str) -> None:
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped += 1


class BalanceHub:
    def __init__(self, client: redis.Redis, max_per_member: int) -> None:
        self._redis = client
        self._max_per_member = max_per_member
        self._sessions: defaultdict[int, set[Session]] = defaultdict(set)
        self._listener: asyncio.Task[None] | None = None

    @classmethod
    def from_settings(cls, client: redis.Redis, settings: Settings) -> BalanceHub:
        return cls(client, settings.max_ws_connections_per_member)

    def register(self, session: Session) -> None:
        current = self._sessions[session.member_id]
        if len(current) >= self._max_per_member:
            raise TooManyConnections(session.member_id)
        current.add(session)
        WS_CONNECTIONS.labels("balance").inc()

    def unregister(self, session: Session) -> None:
        current = self._sessions.get(session.member_id)
        if current is None or session not in current:
            return
        current.discard(session)
        if not current:
            del self._sessions[session.member_id]
        WS_CONNECTIONS.labels("balance").dec()

    def deliver(self, member_id: int, message: str) -> None:
        for session in tuple(self._sessions.get(member_id, ())):
            session.offer(message)

    async def start(self) -> None:
        self._listener = asyncio.create_task(self._listen(), name="balance-hub-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(BALANCE_CHANNEL)
                    backoff = 1.0
                    while True:
                        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                        if message is None:
                            continue
                        data = json.loads(message["data"])
                        self.deliver(int(data["member_id"]), message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("balance hub listener failed; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
