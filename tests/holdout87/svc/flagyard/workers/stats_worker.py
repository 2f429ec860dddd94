"""Recomputes conversion statistics for running experiments."""
from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.locks import LockNotAcquired, redis_lock
from ..db.models import Experiment
from ..logging_setup import get_logger
from ..repositories.experiments import ExperimentRepository
from ..repositories.exposures import ExposureRepository
from ..services.stats import compute_variant_stats

logger = get_logger(__name__)

PAGE = 50_000
RUN_INTERVAL_SECONDS = 300


class StatsWorker:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], pool: asyncpg.Pool, client: redis.Redis
    ) -> None:
        self._sessionmaker = sessionmaker
        self._repo = ExposureRepository(pool)
        self._redis = client
        self._executor = ProcessPoolExecutor(max_workers=2)

    async def _exposures(self, experiment: Experiment) -> list[dict]:
        rows: list[dict] = []
        after = 0
        while True:
            page = await self._repo.exposures_for(experiment.id, after, PAGE)
            # Records are not picklable; the process pool needs plain dicts.
            rows.extend({"variant": r["variant"], "user_key": r["user_key"]} for r in page)
            if len(page) < PAGE:
                return rows
            after = page[-1]["id"]

    async def _recompute(self, experiment: Experiment) -> None:
        exposures = await self._exposures(experiment)
        conversions = [dict(r) for r in await self._repo.conversions_for(experiment.id, experiment.metric_key)]
        loop = asyncio.get_running_loop()
        stats = await loop.run_in_executor(self._executor, compute_variant_stats, exposures, conversions)
        await self._repo.store_results(
            experiment.id, [(s.variant, s.exposures, s.conversions, s.rate) for s in stats]
        )

    async def run_once(self) -> None:
        try:
            async with redis_lock(self._redis, "stats-worker", ttl_ms=RUN_INTERVAL_SECONDS * 1000):
                async with self._sessionmaker() as session:
                    experiments = await ExperimentRepository(session).list_running()
                await asyncio.gather(*(self._recompute(e) for e in experiments))
                logger.info("stats_recomputed", experiments=len(experiments))
        except LockNotAcquired:
            logger.info("stats_run_skipped", reason="another replica holds the lock")

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.run_once()
            try:
                await asyncio.wait_for(stop.wait(), timeout=RUN_INTERVAL_SECONDS)
            except asyncio.TimeoutError:
                pass

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
