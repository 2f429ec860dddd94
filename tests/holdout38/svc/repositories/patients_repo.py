from __future__ import annotations

from collections.abc import Sequence
import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import EligibilityCheck, Patient


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, patient_id: str) -> Patient | None:
        return await self.session.get(Patient, patient_id)

    async def get_by_email(self, email: str) -> Patient | None:
        stmt = select(Patient).where(func.lower(Patient.email) == email.strip().lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, patient_ids: Sequence[str]) -> dict[str, Patient]:
        if not patient_ids:
            return {}
        stmt = select(Patient).where(Patient.id.in_(set(patient_ids)))
        rows = (await self.session.execute(stmt)).scalars().all()
        return {p.id: p for p in rows}

    async def by_last_name(self, last_name: str, limit: int = 50) -> list[Patient]:
        stmt = (
            select(Patient)
            .where(Patient.last_name == last_name)
            .order_by(Patient.first_name)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def search(self, term: str) -> list[Patient]:
        pattern = f"%{term}%"
        stmt = select(Patient).where(or_(Patient.first_name.ilike(pattern), Patient.last_name.ilike(pattern)))
        return list((await self.session.execute(stmt)).scalars())

    async def add(self, patient: Patient) -> Patient:
        self.session.add(patient)
        await self.session.flush()
        return patient


class EligibilityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, patient_id: str, payer_id: str, newer_than: dt.datetime) -> EligibilityCheck | None:
        stmt = (
            select(EligibilityCheck)
            .where(EligibilityCheck.patient_id == patient_id, EligibilityCheck.payer_id == payer_id)
            .where(EligibilityCheck.checked_at >= newer_than)
            .order_by(EligibilityCheck.checked_at.desc())
            .limit(1)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, check: EligibilityCheck) -> EligibilityCheck:
        self.session.add(check)
        await self.session.flush()
        return check
