from __future__ import annotations

import aiohttp

from ..config import settings
from ..utils.resilience import CircuitBreaker


class EligibilityClient:
    """270/271 eligibility over the clearinghouse's JSON facade."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("eligibility", failure_threshold=5, reset_after=60)

    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=settings.eligibility_base_url,
                headers={"X-Api-Key": settings.eligibility_api_key},
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _check(self, payload: dict) -> dict:
        session = self._ensure_session()
        async with session.post("/v1/eligibility", json=payload) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def check(self, *, payer_id: str, member_id: str, dob: str, service_type: str = "30") -> dict:
        payload = {"payerId": payer_id, "memberId": member_id, "dateOfBirth": dob, "serviceTypeCodes": [service_type]}
        return await self._breaker.call(lambda: self._check(payload))


class ClaimsGateway:
    def __init__(self) -> None:
        self._timeout = aiohttp.ClientTimeout(total=20, connect=5)
        self._http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._http = aiohttp.ClientSession(base_url=settings.claims_base_url, timeout=self._timeout)

    async def close(self) -> None:
        if self._http:
            await self._http.close()

    async def submit(self, claim: dict) -> str:
        assert self._http is not None, "gateway not started"
        async with self._http.post("/v1/professional-claims", json=claim) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["claimId"]

    async def status(self, payer_claim_id: str) -> dict:
        assert self._http is not None, "gateway not started"
        async with self._http.get(f"/v1/professional-claims/{payer_claim_id}") as resp:
            resp.raise_for_status()
            return await resp.json()
