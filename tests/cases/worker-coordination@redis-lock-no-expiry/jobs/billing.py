"""Monthly billing run."""
from __future__ import annotations

import redis.asyncio as redis


class BillingRun:
    def __init__(self, conn: redis.Redis) -> None:
        self.conn = conn

    async def run(self) -> None:
        async with self.conn.lock("billing:monthly", blocking_timeout=0):  # expect: worker-coordination
            await self._charge_everyone()

    async def run_with_lease(self) -> None:
        async with self.conn.lock("billing:adhoc", timeout=120, blocking_timeout=0):
            await self._charge_everyone()

    async def _charge_everyone(self) -> None:
        return None
