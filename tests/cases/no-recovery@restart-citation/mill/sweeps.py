"""Periodic sweeps whose one step per round is a single line."""
import asyncio
import logging

from mill import store

log = logging.getLogger(__name__)


async def expire_forever(every: float = 300.0) -> None:
    while True:
        await store.pool.execute("DELETE FROM holds WHERE until < to_timestamp($1)", store.clock())  # expect: no-recovery
        await asyncio.sleep(every)


class Compactor:
    async def compact(self, horizon: float) -> int:
        return await store.pool.fetchval("SELECT compact_before(to_timestamp($1))", horizon)


async def compact_forever(compactor: Compactor | None = None) -> None:
    compactor = compactor or Compactor()
    while True:
        await compactor.compact(horizon=store.clock() - 86400)  # expect: no-recovery
        await asyncio.sleep(3600)


async def expire_carefully(every: float = 300.0) -> None:
    while True:
        try:
            await store.pool.execute("DELETE FROM holds WHERE until < to_timestamp($1)", store.clock())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("hold expiry failed")
        await asyncio.sleep(every)
