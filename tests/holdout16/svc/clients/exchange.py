"""HTTP clients for the partner ad exchanges' management APIs."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

logger = logging.getLogger(__name__)


class ExchangeClient:
    """Campaign sync, creative audit and deal lookups.

    The primary exchange exposes a modern REST API; private deals still come from the
    legacy exchange's deal desk.
    """

    def __init__(self, cfg: Settings) -> None:
        self._mgmt = aiohttp.ClientSession(
            base_url=cfg.exchange_base_url,
            timeout=aiohttp.ClientTimeout(total=cfg.exchange_mgmt_timeout, connect=2.0),
            headers={"Authorization": f"Bearer {cfg.exchange_token}"},
        )
        self._legacy = aiohttp.ClientSession(base_url=cfg.legacy_exchange_url)
        self._pixel_timeout = cfg.win_notice_timeout

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.2, max=2.0),
        retry=retry_if_exception_type(aiohttp.ClientConnectionError),
        reraise=True,
    )
    async def upsert_campaign(self, payload: dict[str, Any]) -> None:
        async with self._mgmt.put(f"/v1/campaigns/{payload['external_id']}", json=payload) as resp:
            resp.raise_for_status()

    async def creative_audit_status(self, external_id: str) -> str:
        async with self._mgmt.get(f"/v1/creatives/{external_id}/audit") as resp:
            resp.raise_for_status()
            body = await resp.json()
        return str(body["status"])

    async def creative_audit_statuses(self, external_ids: list[str]) -> dict[str, str]:
        async with self._mgmt.post("/v1/creatives/audit:batchGet", json={"ids": external_ids}) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return {item["id"]: item["status"] for item in body["results"]}

    async def fetch_deals(self, seat_id: str) -> list[dict[str, Any]]:
        async with self._legacy.get("/api/deals", params={"seat": seat_id}) as resp:
            resp.raise_for_status()
            deals: list[dict[str, Any]] = await resp.json()
        return deals

    async def fire_tracking_pixel(self, url: str) -> None:
        """Call an advertiser's third-party impression tracker after a win."""
        async with httpx.AsyncClient(timeout=self._pixel_timeout, follow_redirects=True) as client:
            response = await client.get(url)
        if response.status_code >= 400:
            logger.info("tracking pixel %s answered %s", url, response.status_code)

    async def close(self) -> None:
        await self._mgmt.close()
        await self._legacy.close()
