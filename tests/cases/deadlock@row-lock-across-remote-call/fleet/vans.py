"""Assigning drivers to vans."""
import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fleet.clients import Telematics, notify_dispatch
from fleet.models import Van


class VanStore:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def find(self, van_id: int, *, lock: bool = False) -> Van | None:
        query = select(Van).where(Van.id == van_id)
        if lock:
            query = query.with_for_update()
        return await self.db.scalar(query)


async def assign(db: AsyncSession, telematics: Telematics, van_id: int, driver: str) -> None:
    van = await VanStore(db).find(van_id, lock=True)
    await telematics.pair(van.id, driver)  # expect: deadlock
    van.driver = driver
    await db.commit()


async def assign_then_pair(db: AsyncSession, telematics: Telematics, van_id: int, driver: str) -> None:
    van = await VanStore(db).find(van_id, lock=True)
    van.driver = driver
    await db.commit()
    await telematics.pair(van_id, driver)


async def assign_unlocked_read(db: AsyncSession, telematics: Telematics, van_id: int, driver: str) -> None:
    van = await VanStore(db).find(van_id)
    await telematics.pair(van.id, driver)
    van.driver = driver
    await db.commit()


async def release(pool: asyncpg.Pool, van_id: int) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.fetchrow("SELECT id FROM vans WHERE id = $1 FOR UPDATE", van_id)
            await notify_dispatch(van_id)  # expect: deadlock
            await conn.execute("UPDATE vans SET driver = NULL WHERE id = $1", van_id)


async def release_outside_transaction(pool: asyncpg.Pool, van_id: int) -> None:
    async with pool.acquire() as conn:
        await conn.fetchrow("SELECT id FROM vans WHERE id = $1 FOR UPDATE", van_id)
        await notify_dispatch(van_id)
        await conn.execute("UPDATE vans SET driver = NULL WHERE id = $1", van_id)


async def page_idle_drivers(db: AsyncSession, telematics: Telematics) -> None:
    async with db.begin():
        idle = await db.scalars(select(Van).where(Van.driver.is_(None)).limit(20).with_for_update(skip_locked=True))
        for van in idle:
            await telematics.pair(van.id, "standby")
            van.driver = "standby"
