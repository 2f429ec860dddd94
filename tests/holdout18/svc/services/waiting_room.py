"""Queue-it style waiting room in front of high-demand on-sales.

Buyers join a per-event queue (a redis sorted set); a single admission leader
pops a batch every few seconds and publishes admission tokens through the
``QueueHub`` so whichever replica holds the buyer's socket can deliver it.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import threading
import time
from collections import Counter
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

from svc.config import settings
from svc.errors import QueueNotAdmitted

logger = logging.getLogger(__name__)

ACTIVE_EVENTS_KEY = "wr:active-events"
QUEUE_CHANNEL = "tix:queue:events"


def queue_key(event_id: int) -> str:
    return f"wr:{event_id}:queue"


def seq_key(event_id: int) -> str:
    return f"wr:{event_id}:seq"


class _Subscriber:
    __slots__ = ("ws", "outbox")

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=64)


class QueueHub:
    """Per-replica fan-out of waiting-room updates published on redis.

    Every replica subscribes to the same channel and delivers to the sockets it
    holds, so an admission decided anywhere reaches the right browser.
    """

    def __init__(self, redis: Redis, max_connections: int) -> None:
        self._redis = redis
        self._max = max_connections
        self._subs: dict[str, _Subscriber] = {}

    @property
    def count(self) -> int:
        return len(self._subs)

    def has_room(self) -> bool:
        return len(self._subs) < self._max

    def register(self, session_id: str, ws: WebSocket) -> _Subscriber:
        sub = _Subscriber(ws)
        self._subs[session_id] = sub
        return sub

    def unregister(self, session_id: str) -> None:
        self._subs.pop(session_id, None)

    async def publish(self, session_id: str, payload: dict[str, Any]) -> None:
        await self._redis.publish(QUEUE_CHANNEL, json.dumps({"sid": session_id, **payload}))

    async def publish_many(self, messages: list[tuple[str, dict[str, Any]]]) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for session_id, payload in messages:
                pipe.publish(QUEUE_CHANNEL, json.dumps({"sid": session_id, **payload}))
            await pipe.execute()

    def _deliver(self, message: dict[str, Any]) -> None:
        sub = self._subs.get(message.get("sid", ""))
        if sub is None:
            return
        try:
            sub.outbox.put_nowait(message)
        except asyncio.QueueFull:
            logger.info("dropping queue update for slow client %s", message.get("sid"))

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(QUEUE_CHANNEL)
        try:
            async for raw in pubsub.listen():
                if raw.get("type") != "message":
                    continue
                self._deliver(json.loads(raw["data"]))
        finally:
            await pubsub.aclose()

    async def run(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception:
                logger.exception("queue hub listener stopped; resubscribing")


class WaitingRoom:
    def __init__(self, redis: Redis, lock_redis: Redis, hub: QueueHub) -> None:
        self._redis = redis
        self._lock_redis = lock_redis
        self._hub = hub
        self._stats_lock = threading.Lock()
        self._counters: Counter[str] = Counter()
        self._admit_lock = asyncio.Lock()
        self._token_lock = asyncio.Lock()
        self._signing_key = settings.token_secret.encode()
        self._stopping = asyncio.Event()

    def _event_key(self, event_id: int) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", self._signing_key, f"wr-event:{event_id}".encode(), 200_000)

    def _sign(self, key: bytes, message: str) -> str:
        mac = hmac.new(key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    async def issue_token(self, event_id: int, session_id: str) -> str:
        expires = int(time.time()) + settings.hold_ttl_seconds * 2
        message = f"{event_id}.{session_id}.{expires}"
        return f"{message}.{self._sign(self._event_key(event_id), message)}"

    def verify_token(self, event_id: int, session_id: str, token: str) -> None:
        try:
            ev, sid, expires, sig = token.split(".")
        except ValueError as exc:
            raise QueueNotAdmitted("malformed admission token") from exc
        message = f"{ev}.{sid}.{expires}"
        expected = self._sign(self._event_key(event_id), message)
        if ev != str(event_id) or sid != session_id or int(expires) < time.time():
            raise QueueNotAdmitted("admission token is not valid for this session")
        if not hmac.compare_digest(expected, sig):
            raise QueueNotAdmitted("admission token signature mismatch")

    async def _count(self, name: str) -> None:
        with self._stats_lock:
            self._counters[name] += 1
            await self._redis.hincrby("wr:stats", name, 1)

    def local_counters(self) -> dict[str, int]:
        return dict(self._counters)

    async def join(self, event_id: int, session_id: str) -> int:
        seq = await self._redis.incr(seq_key(event_id))
        await self._redis.zadd(queue_key(event_id), {session_id: seq}, nx=True)
        await self._redis.sadd(ACTIVE_EVENTS_KEY, event_id)
        rank = await self._redis.zrank(queue_key(event_id), session_id)
        await self._count("joined")
        return (rank or 0) + 1

    async def position(self, event_id: int, session_id: str) -> int | None:
        rank = await self._redis.zrank(queue_key(event_id), session_id)
        return None if rank is None else rank + 1

    async def _admit_event(self, event_id: int) -> int:
        popped = await self._redis.zpopmin(queue_key(event_id), settings.waiting_room_batch)
        if not popped:
            return 0
        async with self._admit_lock:
            async with self._token_lock:
                tokens = [(sid, await self.issue_token(event_id, sid)) for sid, _ in popped]
        await self._hub.publish_many(
            [(sid, {"type": "admitted", "event_id": event_id, "token": token}) for sid, token in tokens]
        )
        return len(tokens)

    async def rotate_signing_key(self, new_secret: str) -> None:
        async with self._admit_lock:
            self._signing_key = new_secret.encode()

    async def run_admission(self) -> None:
        """Admission loop; only the replica holding the leader lock admits."""
        failures = 0
        while not self._stopping.is_set():
            try:
                lock = self._lock_redis.lock("wr:admission-leader", timeout=settings.waiting_room_interval * 3)
                if await lock.acquire(blocking=False):
                    try:
                        for raw in await self._redis.smembers(ACTIVE_EVENTS_KEY):
                            await self._admit_event(int(raw))
                    finally:
                        try:
                            await lock.release()
                        except LockError:
                            logger.warning("admission leader lock expired during a round")
                failures = 0
            except RedisError:
                failures += 1
                logger.exception("admission round failed (%d in a row)", failures)
                await asyncio.sleep(min(60.0, 2.0**failures))
            await asyncio.sleep(settings.waiting_room_interval)

    def stop(self) -> None:
        self._stopping.set()
