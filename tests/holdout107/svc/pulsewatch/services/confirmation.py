from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from redis.asyncio import Redis


@dataclass(slots=True)
class RegionVote:
    monitor_id: UUID
    region: str
    confirm_regions: int


class ConfirmationService:
    """Tracks which regions currently see a monitor failing.

    An incident is only opened once ``confirm_regions`` distinct regions have
    reported a failure inside the confirmation window.
    """

    def __init__(self, redis: Redis, window_s: int) -> None:
        self._redis = redis
        self._window_s = window_s

    @staticmethod
    def _key(monitor_id: UUID) -> str:
        return f"pw:confirm:{monitor_id}"

    async def record_failures(self, votes: list[RegionVote]) -> set[UUID]:
        if not votes:
            return set()
        pipe = self._redis.pipeline(transaction=False)
        for vote in votes:
            key = self._key(vote.monitor_id)
            pipe.sadd(key, vote.region)
            pipe.expire(key, self._window_s)
            pipe.scard(key)
        results = await pipe.execute()
        confirmed: set[UUID] = set()
        for index, vote in enumerate(votes):
            regions_failing = results[index * 3 + 2]
            if regions_failing >= vote.confirm_regions:
                confirmed.add(vote.monitor_id)
        return confirmed

    async def record_recoveries(self, monitor_ids: list[UUID], region: str) -> None:
        if not monitor_ids:
            return
        pipe = self._redis.pipeline(transaction=False)
        for monitor_id in monitor_ids:
            pipe.srem(self._key(monitor_id), region)
        await pipe.execute()

    async def failing_regions(self, monitor_id: UUID) -> set[str]:
        return set(await self._redis.smembers(self._key(monitor_id)))

    async def failing_regions_many(self, monitor_ids: list[UUID]) -> dict[UUID, set[str]]:
        if not monitor_ids:
            return {}
        pipe = self._redis.pipeline(transaction=False)
        for monitor_id in monitor_ids:
            pipe.smembers(self._key(monitor_id))
        results = await pipe.execute()
        return {monitor_id: set(members) for monitor_id, members in zip(monitor_ids, results)}
