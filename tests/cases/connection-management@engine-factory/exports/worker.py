"""Claims export jobs and counts their rows in the reporting replica."""
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from exports.db import build_engine


class ExportWorker:
    def __init__(self, engine: AsyncEngine, reporting_url: str) -> None:
        self._engine = engine
        self._reporting_url = reporting_url

    async def run(self) -> None:
        while True:
            try:
                await self._process_next()
            except Exception:
                await asyncio.sleep(5)
            await asyncio.sleep(1)

    async def _process_next(self) -> None:
        async with AsyncSession(self._engine) as session:
            job = (await session.execute(text("SELECT id FROM export_jobs WHERE status = 'queued' LIMIT 1"))).first()
        if job is None:
            return
        await self._process(job.id)

    async def _process(self, job_id: int) -> None:
        engine = build_engine(self._reporting_url)  # expect: connection-management
        async with AsyncSession(engine) as session:
            await session.execute(text("SELECT count(*) FROM exports WHERE job_id = :id"), {"id": job_id})
