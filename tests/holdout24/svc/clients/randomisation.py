"""Client for the central randomisation service (IWRS)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker, CircuitBreakerError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings
from svc.errors import UpstreamUnavailable

log = logging.getLogger(__name__)

randomisation_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


@dataclass(frozen=True, slots=True)
class Allocation:
    allocation_id: str
    arm: str
    kit_number: str | None


class RandomisationClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.randomisation_base_url,
            headers={"X-Api-Key": settings.randomisation_api_key},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry(
        retry=retry_if_exception_type(httpx.TransportError),
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.5, max=4.0),
        reraise=True,
    )
    async def _post_allocation(self, payload: dict[str, object], idempotency_key: str) -> httpx.Response:
        return await randomisation_breaker.call_async(
            self._http.post, "/allocations", json=payload, headers={"Idempotency-Key": idempotency_key}
        )

    async def randomise(self, study_code: str, site_number: str, subject_number: str, strata: dict[str, str]) -> Allocation:
        payload = {"study": study_code, "site": site_number, "subject": subject_number, "strata": strata}
        try:
            resp = await self._post_allocation(payload, f"{study_code}:{subject_number}")
            resp.raise_for_status()
        except (CircuitBreakerError, httpx.HTTPError) as exc:
            log.warning("randomisation unavailable for %s/%s: %s", study_code, subject_number, exc)
            raise UpstreamUnavailable("randomisation service unavailable") from exc
        body = resp.json()
        return Allocation(allocation_id=body["id"], arm=body["arm"], kit_number=body.get("kit"))

    async def unblind(self, study_code: str, subject_number: str, reason: str) -> str:
        resp = await randomisation_breaker.call_async(
            self._http.post, f"/studies/{study_code}/subjects/{subject_number}/unblind", json={"reason": reason}
        )
        resp.raise_for_status()
        return resp.json()["arm"]
