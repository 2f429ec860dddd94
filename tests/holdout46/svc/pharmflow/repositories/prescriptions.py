from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Patient, Prescription

class PrescriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, rx_id: int) -> Prescription | None:
        return await self.session.get(Prescription, rx_id)

    async def get_many(self, ids: Sequence[int]) -> dict[int, Prescription]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(Prescription).where(Prescription.id.in_(ids)))
        return {rx.id: rx for rx in rows}

    async def add(self, rx: Prescription) -> Prescription:
        self.session.add(rx)
        await self.session.flush()
        return rx

    async def pending_for_state(self, state: str, limit: int = 100) -> list[Prescription]:
        stmt = (
            select(Prescription)
            .where(Prescription.status == "pending", Prescription.pharmacy_id.is_(None))
            .options(selectinload(Prescription.patient), selectinload(Prescription.prescriber))
            .order_by(Prescription.created_at)
            .limit(limit)
        )
        rows = await self.session.scalars(stmt)
        return [rx for rx in rows if rx.prescriber.state == state]

    async def queue_for_pharmacy(self, pharmacy_id: int, *, after_id: int = 0, limit: int = 50) -> list[Prescription]:
        stmt = (
            select(Prescription)
            .where(Prescription.pharmacy_id == pharmacy_id, Prescription.status == "claimed", Prescription.id > after_id)
            .options(selectinload(Prescription.patient))
            .order_by(Prescription.id)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def for_patient(self, patient_id: int) -> list[Prescription]:
        rows = await self.session.scalars(select(Prescription).where(Prescription.patient_id == patient_id))
        return list(rows)

    async def by_drug_name(self, fragment: str) -> list[Prescription]:
        stmt = select(Prescription).where(Prescription.drug_name.ilike(f"%{fragment}%")).order_by(Prescription.created_at.desc())
        return list(await self.session.scalars(stmt))

    async def try_claim(self, rx_id: int, pharmacy_id: int) -> bool:
        stmt = (
            update(Prescription)
            .where(Prescription.id == rx_id, Prescription.status == "pending")
            .values(status="claimed", pharmacy_id=pharmacy_id)
            .returning(Prescription.id)
        )
        result = await self.session.execute(stmt)
        return result.scalar_one_or_none() is not None


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, patient_id: int) -> Patient | None:
        return await self.session.get(Patient, patient_id)

    async def get_many(self, ids: list[int]) -> dict[int, Patient]:
        rows = await self.session.scalars(select(Patient).where(Patient.id.in_(ids)))
        return {p.id: p for p in rows}

    async def by_member(self, member_id: str) -> Patient | None:
        return await self.session.scalar(select(Patient).where(Patient.member_id == member_id))
