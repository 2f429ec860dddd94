"""Credit bureau client: pulls tenant-screening reports."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import settings
from svc.errors import UpstreamUnavailable

log = logging.getLogger(__name__)

credit_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))
transient = retry(
    retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)),
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.5, max=4),
    reraise=True,
)


@dataclass(frozen=True)
class CreditReport:
    reference: str
    score: int
    delinquencies: int
    evictions: int


class CreditBureauClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.credit_api_url,
            headers={"Authorization": f"Bearer {settings.credit_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )

    async def close(self) -> None:
        await self._http.aclose()

    @credit_breaker
    @transient
    async def pull_report(self, applicant_ref: str, ssn_hash: str, *, consent_token: str) -> CreditReport:
        resp = await self._http.post("/reports", json={"subject": applicant_ref, "ssn_hash": ssn_hash, "consent": consent_token})
        resp.raise_for_status()
        body = resp.json()
        return CreditReport(body["reference"], body["score"], body.get("delinquencies", 0), body.get("evictions", 0))

    @credit_breaker
    @transient
    async def fetch_report(self, reference: str) -> CreditReport:
        resp = await self._http.get(f"/reports/{reference}")
        resp.raise_for_status()
        body = resp.json()
        return CreditReport(body["reference"], body["score"], body.get("delinquencies", 0), body.get("evictions", 0))

    async def fetch_reports(self, references: list[str]) -> dict[str, CreditReport]:
        try:
            resp = await self._http.post("/reports:batchGet", json={"references": references})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("credit batch lookup failed for %d references", len(references), exc_info=True)
            raise UpstreamUnavailable("credit bureau unavailable") from exc
        return {
            item["reference"]: CreditReport(item["reference"], item["score"], item.get("delinquencies", 0), item.get("evictions", 0))
            for item in resp.json()["reports"]
        }
