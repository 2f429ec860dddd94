from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.repositories import likes_repo, posts_repo

log = logging.getLogger(__name__)

LIKE_KEY = "likes:{post_id}"
LIKE_TTL = 86_400
TRENDING_RECENT = "trending:likes:recent"


class LikeService:
    def __init__(self, session: AsyncSession, client: redis.Redis) -> None:
        self.session = session
        self.redis = client

    async def like(self, user_id: int, post_id: int) -> bool:
        post = await posts_repo.get(self.session, post_id)
        if post is None:
            raise LookupError(post_id)
        added = await likes_repo.add(self.session, user_id, post_id)
        if not added:
            return False
        await posts_repo.bump_like_count(self.session, post_id, 1)
        await self.session.commit()
        key = LIKE_KEY.format(post_id=post_id)
        await self.redis.incr(key)
        self.redis.expire(key, LIKE_TTL)
        await self.redis.zincrby(TRENDING_RECENT, 1, post_id)
        return True

    async def unlike(self, user_id: int, post_id: int) -> bool:
        removed = await likes_repo.remove(self.session, user_id, post_id)
        if not removed:
            return False
        await posts_repo.bump_like_count(self.session, post_id, -1)
        await self.session.commit()
        key = LIKE_KEY.format(post_id=post_id)
        current = await self.redis.get(key)
        if current is not None:
            await self.redis.set(key, max(int(current) - 1, 0), keepttl=True)
        return True

    async def count(self, post_id: int) -> int:
        cached = await self.redis.get(LIKE_KEY.format(post_id=post_id))
        if cached is not None:
            return int(cached)
        post = await posts_repo.get(self.session, post_id)
        return post.like_count if post else 0


class ViewCounter:
    """Buffers post view counts in memory and flushes them to redis periodically."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._pending: Counter[int] = Counter()

    def record(self, post_id: int) -> None:
        with self._lock:
            self._pending[post_id] += 1

    def _drain(self) -> Counter[int]:
        with self._lock:
            pending, self._pending = self._pending, Counter()
        return pending

    async def flush(self) -> int:
        with self._flush_lock:
            pending = self._drain()
            if not pending:
                return 0
            async with self._redis.pipeline(transaction=False) as pipe:
                for post_id, n in pending.items():
                    pipe.hincrby("post:views", str(post_id), n)
                await pipe.execute()
            return len(pending)

    async def run(self, interval: float = 5.0) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await self.flush()
            except redis.RedisError:
                log.warning("view counter flush failed; counts for this interval are lost", exc_info=True)
