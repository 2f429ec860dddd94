"""Client for the fraud-scoring service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

fraud_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


@dataclass(frozen=True)
class FraudResult:
    score: float
    model_version: str
    reasons: tuple[str, ...]


class FraudClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"x-api-key": api_key}, timeout=None)

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    @fraud_breaker
    async def score(self, claim_id: int, features: dict[str, Any]) -> FraudResult:
        resp = await self._http.post("/v2/score", json={"claim_id": claim_id, "features": features})
        resp.raise_for_status()
        body = resp.json()
        return FraudResult(
            score=float(body["score"]),
            model_version=str(body["model_version"]),
            reasons=tuple(body.get("reasons", ())),
        )

    async def aclose(self) -> None:
        await self._http.aclose()
