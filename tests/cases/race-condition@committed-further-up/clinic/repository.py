from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Patient, Referral


class ClinicRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def referral(self, referral_id: int) -> Referral | None:
        return await self.session.get(Referral, referral_id)

    async def referral_locked(self, referral_id: int) -> Referral | None:
        result = await self.session.execute(select(Referral).where(Referral.id == referral_id).with_for_update())
        return result.scalar_one_or_none()

    async def patient(self, patient_id: int) -> Patient | None:
        return await self.session.get(Patient, patient_id)
