from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fieldops.cache.keys import board_channel
from fieldops.repositories.technicians import TechnicianRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.services.work_orders import serialise_work_order


class BoardService:
    """Dispatcher board: a day's lanes per technician plus live events over redis pub/sub."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], redis_client: redis.Redis) -> None:
        self._sessionmaker = sessionmaker
        self._redis = redis_client
        self._versions: dict[int, int] = {}
        self._snapshots: dict[tuple[int, str, int], dict] = {}

    async def snapshot(self, account_id: int, day: date) -> dict:
        version = self._versions.get(account_id, 0)
        cache_key = (account_id, day.isoformat(), version)
        if cache_key in self._snapshots:
            return self._snapshots[cache_key]
        async with self._sessionmaker() as session:
            orders = await WorkOrderRepository(session).on_day(account_id, day)
            technicians = await TechnicianRepository(session).active_for_account(account_id)
        lanes: dict[int | None, list[dict]] = {}
        for wo in orders:
            lane = lanes.setdefault(wo.technician_id, [])
            lane.append(serialise_work_order(wo))
            lane.sort(key=lambda row: row["scheduled_for"] or "")
        names = {t.id: t.name for t in technicians}
        result = {
            "day": day.isoformat(),
            "lanes": [{"technician_id": tid, "name": names.get(tid, "Unassigned"), "jobs": jobs} for tid, jobs in lanes.items()],
        }
        self._snapshots[cache_key] = result
        return result

    async def publish(self, account_id: int, event: dict) -> None:
        self._versions[account_id] = self._versions.get(account_id, 0) + 1
        try:
            await self._redis.publish(board_channel(account_id), json.dumps(event, default=str))
        except redis.RedisError:
            pass

    async def events(self, account_id: int) -> AsyncIterator[dict]:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(board_channel(account_id))
        try:
            async for message in pubsub.listen():
                if message["type"] == "message":
                    yield json.loads(message["data"])
        finally:
            await pubsub.unsubscribe(board_channel(account_id))
            await pubsub.aclose()
