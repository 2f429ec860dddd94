from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.tenant import AuditEvent, CloudAccount


class AccountRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], pool: asyncpg.Pool) -> None:
        self._sessionmaker = sessionmaker
        self._pool = pool

    async def list_for_tenant(self, tenant_id: int) -> list[CloudAccount]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(CloudAccount).where(CloudAccount.tenant_id == tenant_id).order_by(CloudAccount.id)
            )
            return list(result)

    async def get(self, account_id: int) -> CloudAccount | None:
        async with self._sessionmaker() as session:
            return await session.get(CloudAccount, account_id)

    async def get_many(self, account_ids: Iterable[int]) -> dict[int, CloudAccount]:
        ids = sorted(set(account_ids))
        if not ids:
            return {}
        async with self._sessionmaker() as session:
            result = await session.scalars(select(CloudAccount).where(CloudAccount.id.in_(ids)))
            return {account.id: account for account in result}

    async def list_enabled(self) -> list[CloudAccount]:
        async with self._sessionmaker() as session:
            result = await session.scalars(select(CloudAccount).where(CloudAccount.enabled.is_(True)))
            return list(result)

    async def create(self, tenant_id: int, **fields) -> CloudAccount:
        async with self._sessionmaker() as session:
            account = CloudAccount(tenant_id=tenant_id, **fields)
            session.add(account)
            await session.commit()
            return account

    async def find_by_external_id(self, provider: str, external_id: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, tenant_id, provider, export_prefix FROM cloud_accounts "
                "WHERE provider = $1 AND external_account_id = $2",
                provider,
                external_id,
            )

    async def mark_ingested(self, account_id: int, at: datetime) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(CloudAccount).where(CloudAccount.id == account_id).values(last_ingested_at=at)
            )
            await session.commit()


class AuditRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def record(self, tenant_id: int, action: str, payload: dict) -> None:
        async with self._sessionmaker() as session:
            session.add(AuditEvent(tenant_id=tenant_id, action=action, payload=payload))
            await session.commit()
