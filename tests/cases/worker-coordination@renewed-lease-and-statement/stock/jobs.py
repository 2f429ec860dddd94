import asyncio
from datetime import date

import redis.asyncio as aioredis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from stock.leader import try_lead
from stock.models import Lot


async def quarantine_expired(sessions: async_sessionmaker) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(Lot).where(Lot.expires < date.today()).values(quarantined=True)
        )


async def flag_expiring(sessions: async_sessionmaker) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(Lot).where(Lot.expires < date.today()).values(flagged=True)
        )


async def sweep_loop(sessions: async_sessionmaker) -> None:
    while True:
        try:
            await quarantine_expired(sessions)  # expect: worker-coordination
        except Exception:
            pass
        await asyncio.sleep(3600)


async def flag_loop_when_leader(sessions: async_sessionmaker, redis: aioredis.Redis, me: str) -> None:
    while True:
        if await try_lead(redis, "flagger", me, 90):
            try:
                await flag_expiring(sessions)
            except Exception:
                pass
        await asyncio.sleep(60)
