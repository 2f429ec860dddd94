"""Client for the ad-decision service (dynamic ad insertion)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx

from podhost.config import Settings
from podhost.utils.resilience import CircuitBreaker
from podhost.utils.logging import outbound_headers

log = logging.getLogger(__name__)


@dataclass(slots=True)
class AdSlot:
    position: str
    offset_ms: int
    creative_url: str
    campaign_id: str
    duration_ms: int


@dataclass(slots=True)
class AdDecision:
    slots: list[AdSlot] = field(default_factory=list)
    fill_reason: str = "filled"


class AdDecisionClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.ad_decision_url,
            timeout=httpx.Timeout(settings.ad_decision_timeout, connect=0.3),
            limits=httpx.Limits(max_connections=300, max_keepalive_connections=100),
        )
        self._companion_breaker = CircuitBreaker("ads-companion", failure_threshold=10, reset_after=20)

    async def decide(self, *, episode_id: int, show_id: int, country: str | None, app: str, markers: list[str]) -> AdDecision:
        payload = {
            "episode": episode_id,
            "show": show_id,
            "geo": country,
            "app": app,
            "markers": markers,
        }
        resp = await self._client.post("/v1/decide", json=payload)
        resp.raise_for_status()
        body = resp.json()
        slots = [
            AdSlot(
                position=item["position"],
                offset_ms=int(item["offset_ms"]),
                creative_url=item["creative"],
                campaign_id=item["campaign"],
                duration_ms=int(item.get("duration_ms", 30000)),
            )
            for item in body.get("slots", [])
        ]
        return AdDecision(slots=slots, fill_reason=body.get("reason", "filled"))

    async def companions(self, episode_id: int) -> list[dict]:
        async def _fetch() -> list[dict]:
            resp = await self._client.get(
                f"/v1/companions/{episode_id}", headers=outbound_headers()
            )
            resp.raise_for_status()
            return resp.json().get("banners", [])

        return await self._companion_breaker.call(_fetch)

    async def aclose(self) -> None:
        await self._client.aclose()
