"""Online presence: heartbeats into a Redis sorted set, fan-out through the presence hub."""
from __future__ import annotations

import logging
import threading
import time

from redis.asyncio import Redis

from svc.realtime.presence_hub import PresenceHub

logger = logging.getLogger(__name__)

ONLINE_KEY = "presence:online"
STATUS_KEY = "presence:status:{player_id}"
ONLINE_WINDOW_SECONDS = 90


class PresenceService:
    def __init__(self, redis: Redis, hub: PresenceHub) -> None:
        self._redis = redis
        self._hub = hub
        self._lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._local_online: dict[int, float] = {}
        self._heartbeats = 0

    async def heartbeat(self, player_id: int, status: str = "online") -> None:
        with self._lock:
            first_seen = player_id not in self._local_online
            self._local_online[player_id] = time.monotonic()
            await self._redis.zadd(ONLINE_KEY, {str(player_id): time.time()})
        self._count_heartbeat()
        await self._redis.set(STATUS_KEY.format(player_id=player_id), status, ex=ONLINE_WINDOW_SECONDS)
        if first_seen:
            await self._hub.publish(player_id, status)

    def _count_heartbeat(self) -> None:
        with self._stats_lock:
            self._heartbeats += 1

    async def go_offline(self, player_id: int) -> None:
        self._local_online.pop(player_id, None)
        await self._redis.zrem(ONLINE_KEY, str(player_id))
        await self._redis.delete(STATUS_KEY.format(player_id=player_id))
        await self._hub.publish(player_id, "offline")

    async def statuses(self, player_ids: list[int]) -> dict[int, str]:
        cutoff = time.time() - ONLINE_WINDOW_SECONDS
        pipe = self._redis.pipeline(transaction=False)
        for pid in player_ids:
            pipe.zscore(ONLINE_KEY, str(pid))
        scores = await pipe.execute()
        return {
            pid: "online" if score is not None and score >= cutoff else "offline"
            for pid, score in zip(player_ids, scores)
        }

    async def sweep_stale(self) -> list[int]:
        cutoff = time.time() - ONLINE_WINDOW_SECONDS
        stale = await self._redis.zrangebyscore(ONLINE_KEY, "-inf", cutoff)
        if stale:
            await self._redis.zremrangebyscore(ONLINE_KEY, "-inf", cutoff)
        return [int(member) for member in stale]
