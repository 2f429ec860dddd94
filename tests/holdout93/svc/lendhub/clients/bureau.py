"""Tri-merge credit bureau gateway client.

Pulls are billed per borrower per bureau, and the gateway enforces a per-account
rate limit, so every pull goes through the limiter below.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

import httpx
import requests

from ..settings import Settings
from ..utils.resilience import CircuitBreaker, with_retry

log = logging.getLogger(__name__)


class BureauRateLimited(Exception):
    pass


class BureauError(Exception):
    pass


class BureauClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.bureau_base_url,
            timeout=httpx.Timeout(45.0, connect=5.0),
        )
        self._breaker = CircuitBreaker("bureau", failure_threshold=3, reset_after=60)
        self._recent_pulls: deque[float] = deque()
        self._token: str | None = None
        self._token_expires = 0.0

    def _check_rate(self) -> None:
        now = time.monotonic()
        while self._recent_pulls and now - self._recent_pulls[0] > 60:
            self._recent_pulls.popleft()
        if len(self._recent_pulls) >= self._settings.bureau_max_pulls_per_minute:
            raise BureauRateLimited("bureau pull budget exhausted for this minute")
        self._recent_pulls.append(now)

    async def _access_token(self) -> str:
        if self._token and time.time() < self._token_expires - 30:
            return self._token
        resp = requests.post(
            f"{self._settings.bureau_base_url}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(self._settings.bureau_client_id, self._settings.bureau_client_secret),
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        self._token = body["access_token"]
        self._token_expires = time.time() + int(body.get("expires_in", 3600))
        return self._token

    async def pull_tri_merge(self, borrower: dict[str, Any], request_id: str) -> dict[str, Any]:
        self._check_rate()
        token = await self._access_token()

        async def _do() -> dict[str, Any]:
            resp = await self._http.post(
                "/reports/tri-merge",
                json={"applicant": borrower, "bureaus": ["EFX", "EXP", "TUC"]},
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": request_id},
            )
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: with_retry(_do, attempts=3))

    async def reissue(self, bureau_reference: str) -> dict[str, Any]:
        token = await self._access_token()
        resp = await self._http.get(
            f"/reports/{bureau_reference}", headers={"Authorization": f"Bearer {token}"}
        )
        resp.raise_for_status()
        return resp.json()

    async def aclose(self) -> None:
        await self._http.aclose()
