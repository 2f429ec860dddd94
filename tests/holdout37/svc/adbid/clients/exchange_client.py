"""Outbound calls to ad exchanges: billing notices (burl) and seat reports."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class ExchangeClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(timeout=None, http2=True, follow_redirects=False)

    async def fire_billing_notice(self, burl: str) -> bool:
        resp = await self._client.get(burl)
        if resp.status_code >= 400:
            log.warning("billing notice rejected: %s %s", resp.status_code, burl)
            return False
        return True

    async def seat_report(self, report_url: str, token: str) -> list[dict]:
        resp = await self._client.get(report_url, headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        return resp.json()["rows"]

    async def aclose(self) -> None:
        await self._client.aclose()
