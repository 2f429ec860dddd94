import asyncio

from redis.asyncio import Redis
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fleet.models import Trip


async def close_idle_trips(sessions: async_sessionmaker[AsyncSession]) -> None:
    while True:
        async with sessions() as session:
            idle = (await session.execute(select(Trip).where(Trip.state == "idle"))).scalars().all()  # expect: worker-coordination
            for trip in idle:
                await session.execute(update(Trip).where(Trip.id == trip.id).values(state="closed"))
            await session.commit()
        await asyncio.sleep(120)


async def prune_trips(sessions: async_sessionmaker[AsyncSession], redis: Redis) -> None:
    while True:
        async with redis.lock("fleet:prune", timeout=300, blocking=False) as held:
            if held:
                async with sessions() as session:
                    await session.execute(delete(Trip).where(Trip.state == "closed"))
                    await session.commit()
        await asyncio.sleep(600)
