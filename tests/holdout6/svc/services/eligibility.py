"""Insurance eligibility checks on the booking path."""
from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import asyncpg

from svc.clients.insurance import EligibilityClient
from svc.db.models import Patient
from svc.schemas import EligibilityResult

logger = logging.getLogger(__name__)

_eligibility_cache: dict[tuple[str, str, date], EligibilityResult] = {}


class EligibilityService:
    def __init__(self, client: EligibilityClient, pool: asyncpg.Pool) -> None:
        self._client = client
        self._pool = pool

    async def check(self, patient: Patient, service_date: date) -> EligibilityResult:
        if not patient.payer_id or not patient.member_id:
            return EligibilityResult(eligible=True, plan_name="self-pay")
        key = (patient.payer_id, patient.member_id, service_date)
        cached = _eligibility_cache.get(key)
        if cached is not None:
            return cached
        result = await self._client.check(patient.payer_id, patient.member_id, service_date)
        _eligibility_cache[key] = result
        await self._record(patient.id, patient.payer_id, result)
        return result

    async def _record(self, patient_id: int, payer_id: str, result: EligibilityResult) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                """
                INSERT INTO eligibility_checks (patient_id, payer_id, eligible, checked_at)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (patient_id, payer_id)
                DO UPDATE SET eligible = EXCLUDED.eligible, checked_at = EXCLUDED.checked_at
                """,
                patient_id,
                payer_id,
                result.eligible,
                datetime.now(UTC),
            )
