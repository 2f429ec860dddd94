"""Image moderation API client."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..settings import Settings
from ..utils.resilience import CircuitBreaker, retry_async

BLOCKING_LABELS = {"nudity": 0.80, "minors": 0.30, "violence": 0.85, "hate_symbols": 0.70}


@dataclass(frozen=True)
class Verdict:
    approved: bool
    labels: dict[str, float]


class ModerationClient:
    def __init__(self, settings: Settings, breaker: CircuitBreaker) -> None:
        self._client = httpx.AsyncClient(base_url=settings.moderation_url, headers={"X-Api-Key": settings.moderation_api_key}, timeout=None)
        self._breaker = breaker

    async def classify(self, image_url: str) -> Verdict:
        return await self._breaker.call(retry_async, self._classify_once, image_url, attempts=3)

    async def _classify_once(self, image_url: str) -> Verdict:
        response = await self._client.post(
            "/v2/images:classify",
            json={"url": image_url, "models": sorted(BLOCKING_LABELS)},
        )
        response.raise_for_status()
        scores = {label: float(score) for label, score in response.json()["scores"].items()}
        approved = all(scores.get(label, 0.0) < limit for label, limit in BLOCKING_LABELS.items())
        return Verdict(approved=approved, labels=scores)

    async def aclose(self) -> None:
        await self._client.aclose()
