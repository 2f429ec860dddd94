"""Loops of the depot service."""
import asyncio

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from depot.models import Parcel

TAKE_BATCH = text(
    """
    UPDATE parcels SET state = 'routing' WHERE id IN (
        SELECT id FROM parcels WHERE state = 'new' ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
    RETURNING id
    """
)


async def expire_holds(sessions: async_sessionmaker[AsyncSession]) -> None:  # expect: worker-coordination
    while True:
        async with sessions() as session:
            await session.execute(update(Parcel).where(Parcel.state == "held").values(state="returned"))
            await session.commit()
        await asyncio.sleep(600)


async def route_new(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Each replica takes its own rows: SKIP LOCKED hands them out."""
    while True:
        async with sessions() as session:
            taken = (await session.execute(TAKE_BATCH)).scalars().all()
            await session.commit()
        if not taken:
            await asyncio.sleep(5)
