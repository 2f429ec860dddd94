from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.cache.redis_client import PATIENT_PROFILE_KEY
from dispensary.db.models import Patient
from dispensary.errors import NotFound
from dispensary.repositories.patients import PatientRepository

logger = logging.getLogger(__name__)


def serialize_patient(patient: Patient) -> dict[str, Any]:
    return {
        "id": patient.id,
        "chain_patient_no": patient.chain_patient_no,
        "name": f"{patient.first_name} {patient.last_name}",
        "date_of_birth": patient.date_of_birth.isoformat(),
        "phone": patient.phone,
        "sms_opt_in": patient.sms_opt_in,
        "allergies": [
            {"substance_code": a.substance_code, "reaction": a.reaction} for a in patient.allergies
        ],
    }


class PatientService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis: aioredis.Redis) -> None:
        self._sessions = sessions
        self._redis = redis

    async def profile(self, patient_id: int) -> dict[str, Any]:
        key = PATIENT_PROFILE_KEY.format(patient_id=patient_id)
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)
        async with self._sessions() as session:
            patient = await PatientRepository(session).with_allergies(patient_id)
        if patient is None:
            raise NotFound(f"patient {patient_id} not found")
        profile = serialize_patient(patient)
        await self._redis.set(key, json.dumps(profile))
        return profile

    async def add_allergy(self, patient_id: int, substance_code: str, reaction: str | None) -> int:
        async with self._sessions() as session, session.begin():
            repo = PatientRepository(session)
            await repo.get_or_raise(patient_id)
            allergy = await repo.add_allergy(patient_id, substance_code, reaction)
        logger.info("allergy %s recorded for patient %s", substance_code, patient_id)
        return allergy.id

    async def update_contact(self, patient_id: int, phone: str | None, sms_opt_in: bool) -> None:
        async with self._sessions() as session, session.begin():
            patient = await PatientRepository(session).get_or_raise(patient_id)
            patient.phone = phone
            patient.sms_opt_in = sms_opt_in
        await self._redis.delete(PATIENT_PROFILE_KEY.format(patient_id=patient_id))

    async def search(self, term: str) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            patients = await PatientRepository(session).search(term)
        return [
            {"id": p.id, "name": f"{p.first_name} {p.last_name}", "date_of_birth": p.date_of_birth.isoformat()}
            for p in patients
        ]
