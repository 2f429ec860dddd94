"""Workers whose `__init__` overrides the base's without repeating its annotation."""
from __future__ import annotations

from jobs.base import PollingWorker

LOCK_KEY = "lock:reconcile"
LEASE_KEY = "lock:settle"


class ReconcileWorker(PollingWorker):
    def __init__(self, container) -> None:
        super().__init__(container)
        self._redis = container.redis

    async def tick(self) -> None:
        acquired = await self._redis.set(LOCK_KEY, "me", nx=True)  # expect: worker-coordination
        if not acquired:
            return
        try:
            await self._work()
        finally:
            await self._redis.delete(LOCK_KEY)

    async def _work(self) -> None:
        return None


class SettleWorker(PollingWorker):
    def __init__(self, container) -> None:
        super().__init__(container)
        self._redis = container.redis

    async def tick(self) -> None:
        acquired = await self._redis.set(LEASE_KEY, "me", nx=True, ex=600)
        if not acquired:
            return
        try:
            return None
        finally:
            await self._redis.delete(LEASE_KEY)
