from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from telco.models import SimProfile, Subscriber


class SubscriberRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, subscriber_id: int) -> Subscriber | None:
        return await self._session.get(Subscriber, subscriber_id)

    async def get_by_msisdn(self, msisdn: str) -> Subscriber | None:
        result = await self._session.execute(select(Subscriber).where(Subscriber.msisdn == msisdn))
        return result.scalar_one_or_none()

    async def get_by_imsi(self, imsi: str) -> Subscriber | None:
        result = await self._session.execute(select(Subscriber).where(Subscriber.imsi == imsi))
        return result.scalar_one_or_none()

    async def by_msisdns(self, msisdns: Sequence[str]) -> dict[str, Subscriber]:
        if not msisdns:
            return {}
        result = await self._session.execute(select(Subscriber).where(Subscriber.msisdn.in_(set(msisdns))))
        return {sub.msisdn: sub for sub in result.scalars()}

    async def list_active(self, plan_code: str | None = None, after_id: int = 0, limit: int = 500) -> list[Subscriber]:
        stmt = select(Subscriber).where(Subscriber.status == "active", Subscriber.id > after_id)
        if plan_code:
            stmt = stmt.where(Subscriber.plan_code == plan_code)
        result = await self._session.execute(stmt.order_by(Subscriber.id).limit(limit))
        return list(result.scalars())

    async def add(self, subscriber: Subscriber) -> Subscriber:
        self._session.add(subscriber)
        await self._session.flush()
        return subscriber

    async def set_status(self, subscriber_id: int, status: str) -> None:
        await self._session.execute(
            update(Subscriber).where(Subscriber.id == subscriber_id).values(status=status)
        )

    async def claim_sim(self, iccid: str) -> SimProfile | None:
        result = await self._session.execute(
            select(SimProfile).where(SimProfile.iccid == iccid, SimProfile.state == "available").with_for_update()
        )
        return result.scalar_one_or_none()

    async def sim_by_eid(self, eid: str) -> list[SimProfile]:
        result = await self._session.execute(select(SimProfile).where(SimProfile.eid == eid))
        return list(result.scalars())


async def search_msisdn_fragment(pool: asyncpg.Pool, fragment: str, limit: int = 50) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch(
            "SELECT id, msisdn, status, plan_code FROM subscribers WHERE msisdn LIKE '%' || $1 ORDER BY id LIMIT $2",
            fragment, limit,
        )


async def search_msisdn_prefix(pool: asyncpg.Pool, prefix: str, limit: int = 50) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch(
            "SELECT id, msisdn, status, plan_code FROM subscribers WHERE msisdn >= $1 AND msisdn < $1 || 'a' ORDER BY msisdn LIMIT $2",
            prefix, limit,
        )
