"""Patient persistence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Patient


class PatientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_email(self, email: str) -> Patient | None:
        return await self._session.scalar(select(Patient).where(Patient.email == email.lower()))

    async def get_or_create(
        self,
        email: str,
        full_name: str,
        phone: str | None = None,
        **insurance: str | None,
    ) -> Patient:
        existing = await self.by_email(email)
        if existing is not None:
            return existing
        patient = Patient(
            email=email.lower(),
            full_name=full_name,
            phone=phone,
            payer_id=insurance.get("payer_id"),
            member_id=insurance.get("member_id"),
        )
        try:
            async with self._session.begin_nested():
                self._session.add(patient)
        except IntegrityError:
            winner = await self.by_email(email)
            if winner is None:
                raise
            return winner
        return patient
