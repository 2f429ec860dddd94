"""Client for the insurance partner's eligibility API."""
from __future__ import annotations

from datetime import date, timedelta

import httpx
from aiobreaker import CircuitBreaker

from svc.config import Settings
from svc.schemas import EligibilityResult

payer_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class EligibilityClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.insurance_base_url,
            headers={"X-Api-Key": settings.insurance_api_key},
            timeout=None,
        )

    async def check(self, payer_id: str, member_id: str, service_date: date) -> EligibilityResult:
        payload = {
            "payer": payer_id,
            "member": member_id,
            "serviceDate": service_date.isoformat(),
            "serviceType": "telehealth",
        }
        response = await self._client.post("/eligibility", json=payload)
        response.raise_for_status()
        body = response.json()
        return EligibilityResult(
            eligible=body.get("status") == "active",
            plan_name=body.get("plan", {}).get("name"),
            copay_cents=body.get("copay", {}).get("amountCents"),
        )

    @payer_breaker
    async def list_payers(self) -> list[dict]:
        response = await self._client.get("/payers", timeout=10.0)
        response.raise_for_status()
        return response.json()["payers"]

    async def aclose(self) -> None:
        await self._client.aclose()
