from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Carrier


class CarrierRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, carrier_id: uuid.UUID) -> Carrier | None:
        return await self.session.get(Carrier, carrier_id)

    async def get_many(self, carrier_ids: list[uuid.UUID]) -> dict[uuid.UUID, Carrier]:
        if not carrier_ids:
            return {}
        rows = await self.session.scalars(select(Carrier).where(Carrier.id.in_(set(carrier_ids))))
        return {c.id: c for c in rows}

    async def by_mc_number(self, mc_number: str) -> Carrier | None:
        return await self.session.scalar(select(Carrier).where(Carrier.mc_number == mc_number))

    async def by_dot(self, dot_number: str) -> Carrier | None:
        return await self.session.scalar(select(Carrier).where(Carrier.dot_number == dot_number))

    async def due_for_refresh(self, checked_before: datetime, limit: int = 1000) -> list[Carrier]:
        stmt = (
            select(Carrier)
            .where((Carrier.compliance_checked_at.is_(None)) | (Carrier.compliance_checked_at < checked_before))
            .where(Carrier.suspended.is_(False))
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def record_compliance(
        self,
        carrier_id: uuid.UUID,
        *,
        authority_active: bool,
        insurance_expires_at: datetime | None,
        cargo_coverage_cents: int,
        checked_at: datetime,
    ) -> None:
        await self.session.execute(
            update(Carrier)
            .where(Carrier.id == carrier_id)
            .values(
                authority_active=authority_active,
                insurance_expires_at=insurance_expires_at,
                cargo_coverage_cents=cargo_coverage_cents,
                compliance_checked_at=checked_at,
            )
        )

    async def record_compliance_many(self, rows: list[dict]) -> None:
        if rows:
            await self.session.execute(update(Carrier), rows)

    async def set_suspended(self, carrier_id: uuid.UUID, suspended: bool) -> None:
        await self.session.execute(update(Carrier).where(Carrier.id == carrier_id).values(suspended=suspended))

    def add(self, carrier: Carrier) -> None:
        self.session.add(carrier)
