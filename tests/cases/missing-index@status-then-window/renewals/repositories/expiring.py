"""What the renewal jobs pick up each run."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from renewals.models import Certificate, Domain, Reminder


class ExpiringRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def domains_due(self, horizon: datetime) -> list[Domain]:
        stmt = select(Domain).where(Domain.status == "active")
        stmt = stmt.where(Domain.expires_at <= horizon)  # expect: missing-index
        return list((await self._session.execute(stmt.order_by(Domain.id))).scalars())

    async def reminders_due(self, now: datetime) -> list[Reminder]:
        stmt = select(Reminder).where(Reminder.state == "queued", Reminder.send_at < now)  # expect: missing-index
        return list((await self._session.execute(stmt)).scalars())

    async def certificates_due(self, before: datetime) -> list[Certificate]:
        stmt = select(Certificate).where(Certificate.status == "issued", Certificate.not_after <= before)
        return list((await self._session.execute(stmt)).scalars())

    async def suspended(self) -> list[Domain]:
        stmt = select(Domain).where(Domain.status == "suspended")
        return list((await self._session.execute(stmt)).scalars())

    async def by_name(self, name: str) -> Domain | None:
        stmt = select(Domain).where(Domain.name == name, Domain.status == "active")
        return (await self._session.execute(stmt)).scalar_one_or_none()
