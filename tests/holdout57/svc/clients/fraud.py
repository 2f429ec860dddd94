"""Client for the external fraud-scoring service (aiohttp)."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import aiohttp

from svc.config import Settings
from svc.infra.circuit import CircuitBreaker
from svc.infra.metrics import EXTERNAL_CALLS

log = logging.getLogger(__name__)


class FraudServiceError(Exception):
    pass


@dataclass(frozen=True)
class FraudScore:
    score: float
    band: str
    reasons: tuple[str, ...]


class FraudClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.fraud_base_url.rstrip("/")
        self._api_key = settings.fraud_api_key
        self._timeout = aiohttp.ClientTimeout(total=settings.fraud_timeout_seconds, connect=2)
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("fraud", failure_threshold=5, reset_after=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=self._timeout,
            headers={"X-Api-Key": self._api_key},
            connector=aiohttp.TCPConnector(limit=50, ttl_dns_cache=300),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def score_claim(self, payload: dict) -> FraudScore:
        return await self._breaker.call(lambda: self._post_score(payload))

    async def _post_score(self, payload: dict) -> FraudScore:
        assert self._session is not None
        try:
            async with self._session.post(f"{self._base_url}/v2/score", json=payload) as resp:
                if resp.status >= 500:
                    EXTERNAL_CALLS.labels("fraud", "server_error").inc()
                    raise FraudServiceError(f"fraud service returned {resp.status}")
                resp.raise_for_status()
                body = await resp.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            EXTERNAL_CALLS.labels("fraud", "transport_error").inc()
            raise FraudServiceError("fraud service unreachable") from exc
        EXTERNAL_CALLS.labels("fraud", "ok").inc()
        return FraudScore(score=float(body["score"]), band=body["band"], reasons=tuple(body.get("reasons", ())))

    async def report_outcome(self, claim_number: str, outcome: str) -> None:
        assert self._session is not None
        async with self._session.post(
            f"{self._base_url}/v2/outcomes", json={"claim_number": claim_number, "outcome": outcome}
        ) as resp:
            resp.raise_for_status()
