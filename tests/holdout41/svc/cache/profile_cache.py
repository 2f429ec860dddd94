"""Two-level profile cache: in-process LRU in front of redis, backed by Postgres."""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from typing import Generic, TypeVar

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.repositories import users_repo


K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Small in-process LRU with per-entry expiry."""

    def __init__(self, maxsize: int = 1024, ttl: float = 30.0) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self.ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def delete(self, key: K) -> None:
        self._data.pop(key, None)

    def __len__(self) -> int:
        return len(self._data)


log = logging.getLogger(__name__)

PROFILE_TTL = 300


class ProfileCache:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._local: TTLCache[int, dict] = TTLCache(maxsize=5000, ttl=10.0)

    @staticmethod
    def _key(user_id: int) -> str:
        return f"profile:v2:{user_id}"

    async def get(self, session: AsyncSession, user_id: int) -> dict | None:
        hit = self._local.get(user_id)
        if hit is not None:
            return hit
        try:
            raw = await self._redis.get(self._key(user_id))
        except redis.RedisError as exc:
            log.warning("profile cache read failed, falling back to db: %s", exc)
            raw = None
        if raw is not None:
            profile = json.loads(raw)
            self._local.set(user_id, profile)
            return profile
        user = await users_repo.get(session, user_id)
        if user is None:
            return None
        profile = users_repo.to_public(user)
        self._local.set(user_id, profile)
        try:
            await self._redis.set(self._key(user_id), json.dumps(profile), ex=PROFILE_TTL)
        except redis.RedisError as exc:
            log.warning("profile cache write failed: %s", exc)
        return profile

    async def get_many(self, session: AsyncSession, user_ids: list[int]) -> dict[int, dict]:
        out: dict[int, dict] = {}
        missing: list[int] = []
        for uid in dict.fromkeys(user_ids):
            cached = self._local.get(uid)
            if cached is None:
                missing.append(uid)
            else:
                out[uid] = cached
        if missing:
            raws = await self._redis.mget([self._key(uid) for uid in missing])
            still_missing = []
            for uid, raw in zip(missing, raws):
                if raw is None:
                    still_missing.append(uid)
                else:
                    out[uid] = json.loads(raw)
            if still_missing:
                users = await users_repo.get_many(session, still_missing)
                async with self._redis.pipeline(transaction=False) as pipe:
                    for uid, user in users.items():
                        out[uid] = users_repo.to_public(user)
                        pipe.set(self._key(uid), json.dumps(out[uid]), ex=PROFILE_TTL)
                    await pipe.execute()
        return out

    async def invalidate(self, user_id: int) -> None:
        self._local.delete(user_id)
        await self._redis.delete(self._key(user_id))
