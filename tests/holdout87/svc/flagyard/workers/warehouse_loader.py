"""Nightly export of experiment results to the customer's data warehouse."""
from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.warehouse import WarehouseClient
from ..db.models import Experiment
from ..logging_setup import get_logger
from ..repositories.experiments import ExperimentRepository
from ..repositories.exposures import ExposureRepository
from ..settings import Settings

logger = get_logger(__name__)

TABLE = "experiment_results"
CONCURRENCY = 4


class WarehouseLoader:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], pool: asyncpg.Pool, settings: Settings) -> None:
        self._sessionmaker = sessionmaker
        self._repo = ExposureRepository(pool)
        self._client = WarehouseClient(settings.warehouse_url, settings.warehouse_key)
        self._sem = asyncio.Semaphore(CONCURRENCY)

    async def _export_one(self, experiment: Experiment) -> bool:
        async with self._sem:
            try:
                rows = [{"experiment": experiment.key, **row} for row in await self._repo.results_for(experiment.id)]
                self._client.upload_rows(TABLE, rows)
            except Exception:
                return False
        return True

    async def run_once(self) -> int:
        await asyncio.to_thread(self._client.ensure_table, TABLE)
        async with self._sessionmaker() as session:
            experiments = await ExperimentRepository(session).list_running()
        outcomes = await asyncio.gather(*(self._export_one(e) for e in experiments))
        exported = sum(outcomes)
        logger.info("warehouse_export_finished", exported=exported, total=len(experiments))
        return exported

    def close(self) -> None:
        self._client.close()
