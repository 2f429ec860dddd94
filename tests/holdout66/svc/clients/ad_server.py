"""Ad decision client: asks the ad server which creatives to stitch into an episode."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp

from svc.config import settings
from svc.errors import AdServerError
from svc.logging_setup import trace_headers

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AdDecision:
    slot: str
    campaign_id: int
    creative_url: str
    duration_ms: int
    price_cents: int


class AdServerClient:
    def __init__(self, base_url: str | None = None) -> None:
        self._base_url = (base_url or settings.ad_server_url).rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def decide(self, episode_id: int, slots: list[str], country: str | None) -> list[AdDecision]:
        session = self._get_session()
        params = {"episode": str(episode_id), "slots": ",".join(slots)}
        if country:
            params["country"] = country
        async with session.get(f"{self._base_url}/decide", params=params, headers=trace_headers()) as resp:
            if resp.status >= 500:
                raise AdServerError(f"ad server returned {resp.status}")
            body = await resp.json()
        return [
            AdDecision(
                slot=item["slot"],
                campaign_id=int(item["campaign_id"]),
                creative_url=item["creative_url"],
                duration_ms=int(item["duration_ms"]),
                price_cents=int(item["price_cents"]),
            )
            for item in body.get("decisions", [])
        ]

    async def report_impressions(self, impressions: list[dict]) -> None:
        session = self._get_session()
        timeout = aiohttp.ClientTimeout(total=3)
        try:
            async with session.post(
                f"{self._base_url}/impressions", json={"items": impressions}, timeout=timeout
            ) as resp:
                resp.raise_for_status()
        except (aiohttp.ClientError, TimeoutError):
            log.warning("impression report failed; %d items will be reconciled nightly", len(impressions))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
