from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dispensary.db.models import Allergy, Patient
from dispensary.repositories.base import BaseRepository


class PatientRepository(BaseRepository[Patient]):
    model = Patient

    async def with_allergies(self, patient_id: int) -> Patient | None:
        result = await self.session.execute(
            select(Patient).options(selectinload(Patient.allergies)).where(Patient.id == patient_id)
        )
        return result.scalar_one_or_none()

    async def search(self, term: str) -> list[Patient]:
        result = await self.session.execute(
            select(Patient).where(Patient.last_name.ilike(f"%{term}%")).order_by(Patient.last_name)
        )
        return list(result.scalars())

    async def find_by_name_dob(self, last_name: str, date_of_birth: date) -> list[Patient]:
        result = await self.session.execute(
            select(Patient)
            .where(Patient.last_name == last_name, Patient.date_of_birth == date_of_birth)
            .limit(20)
        )
        return list(result.scalars())

    async def allergies_for(self, patient_id: int) -> list[Allergy]:
        result = await self.session.execute(select(Allergy).where(Allergy.patient_id == patient_id))
        return list(result.scalars())

    async def add_allergy(self, patient_id: int, substance_code: str, reaction: str | None) -> Allergy:
        allergy = Allergy(patient_id=patient_id, substance_code=substance_code, reaction=reaction)
        self.session.add(allergy)
        await self.session.flush()
        return allergy
