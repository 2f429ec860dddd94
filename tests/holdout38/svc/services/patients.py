from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, NotFound
from ..models import Patient
from ..repositories.appointments_repo import AppointmentRepository
from ..repositories.patients_repo import PatientRepository
from ..security import hash_password, issue_token, verify_password


class PatientService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = PatientRepository(session)
        self.appointments = AppointmentRepository(session)

    async def register(
        self,
        *,
        email: str,
        password: str,
        first_name: str,
        last_name: str,
        date_of_birth: dt.date,
        phone: str | None = None,
    ) -> Patient:
        patient = Patient(
            email=email.strip().lower(),
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            phone=phone,
            password_hash=await hash_password(password),
        )
        try:
            await self.repo.add(patient)
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise Conflict("an account with this email already exists") from exc
        return patient

    async def login(self, email: str, password: str) -> str | None:
        patient = await self.repo.get_by_email(email)
        if patient is None:
            return None
        if not await verify_password(password, patient.password_hash):
            return None
        return issue_token(patient.id, "patient")

    async def profile(self, patient_id: str) -> dict:
        patient = await self.repo.get(patient_id)
        if patient is None:
            raise NotFound("patient not found")
        upcoming = await self.appointments.for_patient(patient_id, limit=5)
        return {
            "id": patient.id,
            "name": f"{patient.first_name} {patient.last_name}",
            "email": patient.email,
            "insurance": {"payer_id": patient.payer_id, "member_id": patient.member_id},
            "upcoming": [{"id": a.id, "status": a.status.value} for a in upcoming],
        }

    async def update_insurance(self, patient_id: str, payer_id: str, member_id: str) -> None:
        patient = await self.repo.get(patient_id)
        if patient is None:
            raise NotFound("patient not found")
        patient.payer_id = payer_id
        patient.member_id = member_id
        await self.session.commit()

    async def search(self, term: str) -> list[dict]:
        rows = await self.repo.search(term)
        return [{"id": p.id, "name": f"{p.first_name} {p.last_name}", "dob": p.date_of_birth.isoformat()} for p in rows]
