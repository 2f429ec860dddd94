"""The lease loop: hands queued tasks to fetchers within each tenant's concurrency quota."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from crawl.tasks import TaskTable

QUOTA = 4


async def lease_round(db: AsyncSession) -> int:
    table = TaskTable(db)
    leased = 0
    for task in await table.queued():
        active = await table.active_for(task.tenant_id)
        if active >= QUOTA:  # expect: race-condition
            continue
        if await table.lease(task.id):
            leased += 1
        await db.commit()
    return leased


async def lease_inline(db: AsyncSession, tenant_ids: list[int], task_ids: dict[int, int]) -> None:
    for tenant_id in tenant_ids:
        running = (await db.execute(
            text("SELECT count(*) FROM crawl_tasks WHERE tenant_id = :t AND state = 'fetching'"), {"t": tenant_id},
        )).scalar_one()
        if running >= QUOTA:  # expect: race-condition
            continue
        await db.execute(text("UPDATE crawl_tasks SET state = 'fetching' WHERE id = :id"), {"id": task_ids[tenant_id]})
        await db.commit()


async def note_over_quota(db: AsyncSession) -> None:
    table = TaskTable(db)
    for task in await table.queued():
        if await table.active_for(task.tenant_id) < QUOTA:
            continue
        await table.park(task.id)  # sets a note only: not a task moved into the counted states
    await db.commit()
