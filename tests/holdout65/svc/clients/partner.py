"""Outbound calls to booking partners (marketplaces, concierge apps)."""
from __future__ import annotations

import json
import logging

import aiohttp
import httpx

from svc.config import settings
from svc.utils.signing import sign_payload

log = logging.getLogger(__name__)


class PartnerClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, sock_read=10))

    async def push_availability(self, partner: str, url: str, slots: list[dict]) -> None:
        assert self._session is not None
        body = json.dumps({"slots": slots}).encode()
        secret = settings.partner_secrets.get(partner, "")
        headers = {"Content-Type": "application/json", "X-Signature": sign_payload(secret, body)}
        async with self._session.put(url, data=body, headers=headers) as resp:
            if resp.status >= 400:
                log.warning("partner %s availability push failed: %s", partner, resp.status)

    async def confirm_booking(self, partner: str, callback_url: str, booking_id: int, reference: str, status: str) -> None:
        body = json.dumps({"reference": reference, "booking_id": booking_id, "status": status}).encode()
        secret = settings.partner_secrets.get(partner, "")
        async with httpx.AsyncClient(timeout=settings.partner_callback_timeout_s) as client:
            resp = await client.post(callback_url, content=body, headers={"X-Signature": sign_payload(secret, body)})
        if resp.status_code >= 300:
            log.error("partner %s rejected confirmation for %s: %s", partner, reference, resp.status_code)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
