from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import BaseModel

from svc.config import Settings
from svc.errors import UpstreamError
from svc.resilience import CircuitBreaker, retry_transient

logger = logging.getLogger(__name__)


class Applicant(BaseModel):
    external_user_id: str
    first_name: str
    last_name: str
    date_of_birth: str
    country: str


class KycClient:
    """Client for the identity-verification provider."""

    def __init__(self, http: httpx.AsyncClient, breaker: CircuitBreaker) -> None:
        self._http = http
        self._breaker = breaker

    @classmethod
    def create(cls, settings: Settings) -> KycClient:
        http = httpx.AsyncClient(
            base_url=settings.kyc_base_url,
            headers={"Authorization": f"Bearer {settings.kyc_api_key}"},
        )
        return cls(http, CircuitBreaker("kyc", fail_max=5, reset_timeout=30.0))

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = await self._http.request(method, path, **kwargs)
        if response.status_code >= 500:
            raise UpstreamError(f"kyc provider returned {response.status_code}")
        response.raise_for_status()
        return response

    @retry_transient
    async def submit_applicant(self, applicant: Applicant, idempotency_key: str) -> str:
        headers = {"Idempotency-Key": idempotency_key}
        response = await self._breaker.call(self._request, "POST", "/applicants", json=applicant.model_dump(), headers=headers)
        return str(response.json()["id"])

    @retry_transient
    async def get_applicant(self, provider_ref: str) -> dict[str, Any]:
        response = await self._breaker.call(self._request, "GET", f"/applicants/{provider_ref}")
        return dict(response.json())

    async def get_verification_status(self, provider_ref: str) -> str:
        response = await self._breaker.call(self._request, "GET", f"/applicants/{provider_ref}/status")
        return str(response.json()["review_status"])

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    hit: bool
    score: float
    list_name: str | None


class SanctionsClient:
    """Screens counterparties against sanctions and PEP lists before money moves."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._headers = {"Authorization": f"Token {api_key}"}
        self._breaker = CircuitBreaker("sanctions", fail_max=5, reset_timeout=30.0)

    async def _post(self, client: httpx.AsyncClient, payload: dict[str, str]) -> httpx.Response:
        response = await client.post("/screenings", json=payload)
        if response.status_code >= 500:
            raise UpstreamError(f"screening returned {response.status_code}")
        response.raise_for_status()
        return response

    @retry_transient
    async def screen(self, full_name: str, country: str | None = None) -> ScreeningResult:
        async with httpx.AsyncClient(base_url=self._base_url, headers=self._headers, timeout=4.0) as client:
            response = await self._breaker.call(self._post, client, {"name": full_name, "country": country or ""})
        body = response.json()
        return ScreeningResult(hit=bool(body["hit"]), score=float(body["score"]), list_name=body.get("list"))
