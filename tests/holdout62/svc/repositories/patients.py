"""Owners and pets."""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import InsurancePolicy, MedicalRecord, Owner, Pet


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_pet(self, pet_id: int) -> Pet | None:
        return await self.session.get(Pet, pet_id)

    async def get_owner(self, owner_id: int) -> Owner | None:
        return await self.session.get(Owner, owner_id)

    async def pets_by_ids(self, pet_ids: list[int]) -> dict[int, Pet]:
        if not pet_ids:
            return {}
        stmt = select(Pet).where(Pet.id.in_(pet_ids)).options(selectinload(Pet.owner))
        return {p.id: p for p in (await self.session.scalars(stmt)).all()}

    async def by_microchip(self, chip: str) -> Pet | None:
        return await self.session.scalar(select(Pet).where(Pet.microchip == chip))

    async def search_owners(self, q: str, limit: int = 25) -> list[Owner]:
        pattern = f"%{q.lower()}%"
        stmt = (
            select(Owner)
            .where(or_(func.lower(Owner.full_name).like(pattern), func.lower(Owner.email).like(pattern)))
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def owner_by_email(self, email: str) -> Owner | None:
        return await self.session.scalar(select(Owner).where(Owner.email == email))

    async def pets_for_owner(self, owner_id: int) -> list[Pet]:
        return list((await self.session.scalars(select(Pet).where(Pet.owner_id == owner_id))).all())

    async def records_for_pet(self, pet_id: int, limit: int = 100) -> list[MedicalRecord]:
        stmt = (
            select(MedicalRecord)
            .where(MedicalRecord.pet_id == pet_id)
            .order_by(MedicalRecord.recorded_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def active_policy(self, pet_id: int) -> InsurancePolicy | None:
        stmt = select(InsurancePolicy).where(InsurancePolicy.pet_id == pet_id, InsurancePolicy.active.is_(True))
        return await self.session.scalar(stmt)

    async def add_record(self, record: MedicalRecord) -> MedicalRecord:
        self.session.add(record)
        await self.session.flush()
        return record
