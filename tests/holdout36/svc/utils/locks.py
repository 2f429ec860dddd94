"""Per-entity asyncio locks used to serialise room moves and check-ins in-process."""
from __future__ import annotations

import asyncio
from collections import defaultdict

from svc.redis_client import get_redis

_room_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_reservation_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def room_lock(room_id: int) -> asyncio.Lock:
    return _room_locks[room_id]


def reservation_lock(reservation_id: int) -> asyncio.Lock:
    return _reservation_locks[reservation_id]


class RedisLock:
    """Best-effort distributed lock (SET NX PX with an owner token)."""

    _RELEASE = (
        "if redis.call('get', KEYS[1]) == ARGV[1] then "
        "return redis.call('del', KEYS[1]) else return 0 end"
    )

    def __init__(self, name: str, token: str, ttl_ms: int = 60_000) -> None:
        self.name = f"lock:{name}"
        self.token = token
        self.ttl_ms = ttl_ms
        self.acquired = False

    async def __aenter__(self) -> RedisLock:
        redis = get_redis()
        self.acquired = bool(await redis.set(self.name, self.token, nx=True, px=self.ttl_ms))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.acquired:
            await get_redis().eval(self._RELEASE, 1, self.name, self.token)
