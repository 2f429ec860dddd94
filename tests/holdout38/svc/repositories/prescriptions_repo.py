from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Prescription


class PrescriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, rx_id: str) -> Prescription | None:
        return await self.session.get(Prescription, rx_id)

    async def for_patient(self, patient_id: str) -> list[Prescription]:
        stmt = select(Prescription).where(Prescription.patient_id == patient_id).order_by(Prescription.sent_at.desc())
        return list((await self.session.execute(stmt)).scalars())

    async def by_external_ref(self, external_ref: str) -> Prescription | None:
        stmt = select(Prescription).where(Prescription.external_ref == external_ref)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def claim_pending(self, limit: int) -> list[Prescription]:
        stmt = (
            select(Prescription)
            .where(Prescription.status == "queued")
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def mark_sent(self, rx_id: str, external_ref: str, at: dt.datetime) -> None:
        await self.session.execute(
            update(Prescription)
            .where(Prescription.id == rx_id)
            .values(status="sent", external_ref=external_ref, sent_at=at)
        )

    async def set_status(self, rx_id: str, status: str) -> None:
        await self.session.execute(update(Prescription).where(Prescription.id == rx_id).values(status=status))

    async def add(self, rx: Prescription) -> Prescription:
        self.session.add(rx)
        await self.session.flush()
        return rx
