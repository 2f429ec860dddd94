from __future__ import annotations

import datetime as dt
import json

import aiohttp
import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import payer_name, payer_name_put
from ..clients.payer import EligibilityClient
from ..config import settings
from ..db import redis
from ..errors import EligibilityUnavailable, NotFound
from ..models import EligibilityCheck, Patient
from ..observability import ELIGIBILITY_LATENCY, get_logger
from ..repositories.patients_repo import EligibilityRepository
from ..utils.common import utcnow
from ..utils.resilience import CircuitOpen


log = get_logger(__name__)

CACHE_TTL = 6 * 3600


def _cache_key(patient_id: str, payer_id: str) -> str:
    return f"elig:{patient_id}:{payer_id}"


def _summarise(raw: dict) -> dict:
    benefits = raw.get("benefits", [])
    copay = next((b.get("amountCents") for b in benefits if b.get("type") == "copay"), None)
    return {"active": raw.get("coverageStatus") == "active", "copay_cents": copay, "plan": raw.get("planName")}


class EligibilityService:
    def __init__(self, session: AsyncSession, client: EligibilityClient) -> None:
        self.session = session
        self.client = client
        self.repo = EligibilityRepository(session)

    async def _fetch(self, patient: Patient) -> dict:
        with ELIGIBILITY_LATENCY.time():
            try:
                raw = await self.client.check(
                    payer_id=patient.payer_id,
                    member_id=patient.member_id,
                    dob=patient.date_of_birth.isoformat(),
                )
            except aiohttp.ClientError as exc:
                log.warning("eligibility_call_failed", patient_id=patient.id, error=str(exc))
                raise EligibilityUnavailable("payer eligibility service unavailable")
        summary = _summarise(raw)
        await self.repo.add(
            EligibilityCheck(
                patient_id=patient.id,
                payer_id=patient.payer_id,
                active=summary["active"],
                copay_cents=summary["copay_cents"],
                raw=raw,
            )
        )
        await self.session.commit()
        await redis.set(_cache_key(patient.id, patient.payer_id), json.dumps(summary), ex=CACHE_TTL)
        return summary

    async def coverage_summary(self, patient: Patient) -> dict:
        if not patient.payer_id:
            return {"active": False, "self_pay": True}
        cached = await redis.get(_cache_key(patient.id, patient.payer_id))
        if cached:
            return json.loads(cached)
        try:
            return await self._fetch(patient)
        except (EligibilityUnavailable, CircuitOpen):
            stored = await self.repo.latest(patient.id, patient.payer_id, utcnow() - dt.timedelta(days=30))
            if stored is not None:
                return {"active": stored.active, "copay_cents": stored.copay_cents, "stale": True}
            return {"active": None, "unverified": True}

    async def verify_for_booking(self, patient: Patient) -> dict:
        if not patient.payer_id:
            raise NotFound("no insurance on file")
        summary = await self._fetch(patient)
        if not summary["active"]:
            raise EligibilityUnavailable("coverage inactive")
        return summary


_directory = httpx.AsyncClient(base_url=settings.eligibility_base_url, timeout=httpx.Timeout(5.0))


async def resolve_payer_name(payer_id: str) -> str:
    cached = payer_name(payer_id)
    if cached is not None:
        return cached
    resp = await _directory.get(f"/v1/payers/{payer_id}")
    resp.raise_for_status()
    name = resp.json()["name"]
    payer_name_put(payer_id, name)
    return name


async def close_directory() -> None:
    await _directory.aclose()
