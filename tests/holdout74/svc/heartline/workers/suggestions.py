"""Recomputes each active user's ranked suggestion list into Redis for the discovery feed."""
from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
from datetime import timedelta
from operator import itemgetter

from redis.exceptions import LockError, RedisError
from sqlalchemy.exc import SQLAlchemyError

from ..cache import suggestions_key
from ..models.user import User
from ..utils.common import utcnow
from ..utils.geo import bounding_box, haversine_km
from ..wiring import Container

log = logging.getLogger(__name__)

LEADER_LOCK = "lock:worker:suggestions"
SUGGESTIONS_PER_USER = 200
SUGGESTIONS_TTL_SECONDS = 6 * 3600


class SuggestionWorker:
    name = "suggestions"

    def __init__(self, container: Container) -> None:
        self.users = container.users
        self.swipes = container.swipes
        self.redis = container.redis
        self.interval = container.settings.worker_interval_seconds
        self.default_radius = container.settings.feed_radius_km_default

    async def run_forever(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self.interval)

    async def run_once(self) -> None:
        lock = self.redis.lock(LEADER_LOCK, timeout=self.interval * 2, blocking=False)
        if not await lock.acquire():
            log.debug("suggestion recompute already running on another replica")
            return
        try:
            processed = 0
            async for batch in self.users.iter_active_ids(since=utcnow() - timedelta(days=7)):
                processed += await self._recompute_batch(batch)
            log.info("recomputed suggestions for %d users", processed)
        finally:
            with contextlib.suppress(LockError):
                await lock.release()

    async def _recompute_batch(self, ids: list[int]) -> int:
        done = 0
        for user in await self.users.get_by_ids(ids):
            try:
                await self._recompute_user(user)
                done += 1
            except (SQLAlchemyError, RedisError):
                continue
        return done

    async def _recompute_user(self, user: User) -> None:
        if user.lat is None or user.lon is None:
            return
        origin = (user.lat, user.lon)
        radius = user.max_distance_km or self.default_radius
        nearby = await self.users.candidates_near(user, bounding_box(origin, radius), limit=1000)
        already = await self.swipes.swiped_ids(user.id)
        mine = set(user.interests)
        scores: dict[int, float] = {}
        for candidate in nearby:
            if candidate.id in already:
                continue
            shared = len(mine.intersection(candidate.interests))
            scores[candidate.id] = shared * 2.0 - haversine_km(origin, (candidate.lat, candidate.lon)) / 10.0
        best = heapq.nlargest(SUGGESTIONS_PER_USER, scores.items(), key=itemgetter(1))
        key = suggestions_key(user.id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            if best:
                pipe.rpush(key, *(str(candidate_id) for candidate_id, _ in best))
                pipe.expire(key, SUGGESTIONS_TTL_SECONDS)
            await pipe.execute()
