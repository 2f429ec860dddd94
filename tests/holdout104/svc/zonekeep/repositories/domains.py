from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from zonekeep.models import Domain


class DomainRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, domain_id: int) -> Domain | None:
        return await self._session.get(Domain, domain_id)

    async def get_by_name(self, name: str) -> Domain | None:
        stmt = select(Domain).where(Domain.name == name)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def find_by_name_ci(self, name: str) -> Domain | None:
        stmt = select(Domain).where(func.lower(Domain.name) == name.lower())
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def lock_for_update(self, domain_id: int) -> Domain | None:
        stmt = select(Domain).where(Domain.id == domain_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_for_account(self, account_id: int, limit: int = 100, offset: int = 0) -> list[Domain]:
        stmt = (
            select(Domain)
            .where(Domain.account_id == account_id)
            .order_by(Domain.name)
            .limit(limit)
            .offset(offset)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def list_with_zones(self, account_id: int) -> list[Domain]:
        stmt = (
            select(Domain)
            .options(selectinload(Domain.zone))
            .where(Domain.account_id == account_id)
            .order_by(Domain.name)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def list_expiring(self, horizon: datetime, auto_renew_only: bool = False) -> list[Domain]:
        stmt = select(Domain).where(Domain.status == "active")
        stmt = stmt.where(Domain.expires_at <= horizon)
        if auto_renew_only:
            stmt = stmt.where(Domain.auto_renew.is_(True))
        return list((await self._session.execute(stmt.order_by(Domain.id))).scalars())

    async def add(self, domain: Domain) -> Domain:
        self._session.add(domain)
        await self._session.flush()
        return domain
