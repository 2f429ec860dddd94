"""Recurring greenhouse routines on one base class: the base loops, subclasses say what a round does."""
import asyncio
import logging

from greenhouse import store

log = logging.getLogger(__name__)


class Routine:
    every_seconds = 60.0

    async def step(self) -> None:
        raise NotImplementedError

    async def loop(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                await self.step()
            except Exception:
                log.exception("routine %s failed", type(self).__name__)
            try:
                await asyncio.wait_for(stopping.wait(), timeout=self.every_seconds)
            except asyncio.TimeoutError:
                pass


class Irrigation(Routine):
    every_seconds = 300.0

    async def step(self) -> None:
        beds = await store.dry_beds()  # expect: worker-coordination
        for bed in beds:
            await store.log_watering(bed["id"])


class SensorPurge(Routine):
    every_seconds = 3600.0

    async def step(self) -> None:  # expect: worker-coordination
        conn = await store.pool()
        removed = await conn.execute("DELETE FROM readings WHERE taken_at < now() - interval '30 days'")
        log.info("purged %s", removed)


class HarvestForecast(Routine):
    """Leased: one replica recomputes the forecast each round."""

    async def step(self) -> None:
        if not await store.redis.set("gh:forecast", "1", nx=True, ex=50):
            return
        await (await store.pool()).execute("REFRESH MATERIALIZED VIEW harvest_forecast")


class HeartbeatLog(Routine):
    """Only logs this process's own liveness."""

    async def step(self) -> None:
        log.info("routines alive")
