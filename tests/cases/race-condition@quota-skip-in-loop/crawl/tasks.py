"""Crawl tasks: queued, then leased by a fetcher; each tenant may run a few at once."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


class TaskTable:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def queued(self) -> list:
        rows = await self.db.execute(text("SELECT id, tenant_id FROM crawl_tasks WHERE state = 'queued' LIMIT 50"))
        return list(rows)

    async def active_for(self, tenant_id: int) -> int:
        result = await self.db.execute(
            text("SELECT count(*) FROM crawl_tasks WHERE tenant_id = :t AND state IN ('leased', 'fetching')"),
            {"t": tenant_id},
        )
        return int(result.scalar_one())

    async def lease(self, task_id: int) -> bool:
        result = await self.db.execute(
            text("UPDATE crawl_tasks SET state = 'leased' WHERE id = :id AND state = 'queued' RETURNING id"),
            {"id": task_id},
        )
        return result.scalar_one_or_none() is not None

    async def park(self, task_id: int) -> None:
        await self.db.execute(text("UPDATE crawl_tasks SET note = 'over quota' WHERE id = :id"), {"id": task_id})
