from __future__ import annotations

import logging
import time
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)


class SponsorError(Exception):
    pass


class CircuitOpen(SponsorError):
    pass


class CircuitBreaker:
    def __init__(self, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def allow(self) -> bool:
        if self._opened_at is None:
            return True
        if time.monotonic() - self._opened_at >= self._reset_after:
            return True  # half-open: let one call through
        return False

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()


class SponsorClient:
    """Sponsor pharmacovigilance gateway: expedited reports and listing uploads."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url
        self._token = token
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"})
        self._breaker = CircuitBreaker()

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry(
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=0.5, max=8),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        resp = await self._http.post(path, json=payload)
        resp.raise_for_status()
        return resp.json()

    async def notify_expedited(self, case: dict[str, Any]) -> str:
        if not self._breaker.allow():
            raise CircuitOpen("sponsor safety gateway is unavailable")
        try:
            body = await self._post("/expedited-reports", case)
        except httpx.HTTPError as exc:
            self._breaker.record_failure()
            raise SponsorError(f"expedited report rejected: {exc}") from exc
        self._breaker.record_success()
        return body["case_ref"]

    async def page_medical_monitor(self, study_code: str, message: str) -> None:
        resp = await self._http.post(f"/studies/{study_code}/medical-monitor/pages", json={"message": message})
        resp.raise_for_status()

    async def upload_listing(self, study_code: str, filename: str, content: bytes) -> None:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=60.0) as client:
            resp = await client.put(
                f"/studies/{study_code}/listings/{filename}",
                content=content,
                headers={"Authorization": f"Bearer {self._token}", "Content-Type": "application/zip"},
            )
            resp.raise_for_status()
        log.info("uploaded listing %s for %s", filename, study_code)
