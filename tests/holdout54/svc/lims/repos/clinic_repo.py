"""Clinic directory (SQLAlchemy async ORM) with a redis read-through cache."""
from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Clinic

CLINIC_CFG_TTL_S = 600


def _clinic_dict(clinic: Clinic) -> dict[str, Any]:
    return {
        "id": clinic.id,
        "code": clinic.code,
        "name": clinic.name,
        "delivery_channel": clinic.delivery_channel,
        "hl7_endpoint": clinic.hl7_endpoint,
        "fhir_endpoint": clinic.fhir_endpoint,
        "on_call_phone": clinic.on_call_phone,
        "billing_account": clinic.billing_account,
        "active": clinic.active,
    }


class ClinicRepo:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self.redis = redis

    async def get(self, clinic_id: int) -> Clinic | None:
        return await self._session.get(Clinic, clinic_id)

    async def get_many(self, clinic_ids: set[int]) -> dict[int, Clinic]:
        if not clinic_ids:
            return {}
        rows = (await self._session.execute(select(Clinic).where(Clinic.id.in_(clinic_ids)))).scalars()
        return {c.id: c for c in rows}

    async def by_code(self, code: str) -> Clinic | None:
        return (await self._session.execute(select(Clinic).where(Clinic.code == code))).scalar_one_or_none()

    async def delivery_config(self, clinic_id: int) -> dict[str, Any] | None:
        cached = await self.redis.get(f"clinic:cfg:{clinic_id}")
        if cached is not None:
            return json.loads(cached)
        clinic = await self.get(clinic_id)
        if clinic is None:
            return None
        payload = json.dumps(_clinic_dict(clinic))
        await self.redis.set(f"clinic:cfg:{clinic_id}", payload)
        return json.loads(payload)

    async def update_endpoints(self, clinic_id: int, hl7: str | None, fhir: str | None, channel: str) -> None:
        await self._session.execute(
            update(Clinic)
            .where(Clinic.id == clinic_id)
            .values(hl7_endpoint=hl7, fhir_endpoint=fhir, delivery_channel=channel)
        )
        await self._session.commit()

    async def update_on_call(self, clinic_id: int, phone: str) -> None:
        await self._session.execute(update(Clinic).where(Clinic.id == clinic_id).values(on_call_phone=phone))
        await self._session.commit()
        await self.redis.delete(f"clinic:cfg:{clinic_id}")

    async def phone_directory(self, clinic_id: int) -> dict[str, Any]:
        cached = await self.redis.get(f"clinic:phones:{clinic_id}")
        if cached is not None:
            return json.loads(cached)
        clinic = await self.get(clinic_id)
        directory = {"on_call": clinic.on_call_phone if clinic else None}
        await self.redis.set(f"clinic:phones:{clinic_id}", json.dumps(directory), ex=CLINIC_CFG_TTL_S)
        return directory
