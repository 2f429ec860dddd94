"""OCPI 2.2.1 client for the roaming hub: real-time token authorisation, tariffs, CDRs, EVSE status."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from svc.config import settings
from svc.errors import RoamingUnavailable
from svc.utils.resilience import CircuitBreaker, retry_async
from svc.utils.timeutil import isoformat_z, utcnow

log = logging.getLogger(__name__)

_TRANSIENT = (aiohttp.ClientError, asyncio.TimeoutError)


class RoamingHubClient:
    def __init__(self) -> None:
        self._base = settings.roaming_base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("roaming-hub", fail_max=5, reset_timeout=30.0)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={
                "Authorization": f"Token {settings.roaming_token}",
                "OCPI-from-party-id": settings.roaming_party_id,
                "OCPI-from-country-code": settings.roaming_country_code,
            },
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("roaming client not started")
        return self._session

    async def authorize_token(self, uid: str, *, location_id: str) -> dict[str, Any]:
        """Real-time authorisation of a partner's token presented at one of our charge points."""
        url = f"{self._base}/tokens/{uid}/authorize"
        for attempt in range(3):
            try:
                async with self.session.post(url, params={"type": "RFID"}, json={"location_id": location_id}) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                    return body.get("data", {})
            except _TRANSIENT as exc:
                if attempt == 2:
                    raise RoamingUnavailable(f"token authorisation failed: {exc}") from exc
                await asyncio.sleep(0.25 * 2**attempt)
        raise AssertionError("unreachable")

    async def list_partners(self) -> list[dict[str, Any]]:
        async with self._breaker:
            async with self.session.get(f"{self._base}/hubclientinfo") as resp:
                resp.raise_for_status()
                return (await resp.json()).get("data", [])

    async def fetch_tariffs(self, party_id: str) -> list[dict[str, Any]]:
        return await retry_async(self._fetch_tariffs_once, party_id, attempts=3, retry_on=_TRANSIENT)

    async def _fetch_tariffs_once(self, party_id: str) -> list[dict[str, Any]]:
        async with self._breaker:
            async with self.session.get(f"{self._base}/tariffs", params={"party_id": party_id}) as resp:
                resp.raise_for_status()
                return (await resp.json()).get("data", [])

    async def push_cdr(self, cdr: dict[str, Any]) -> None:
        try:
            async with self._breaker:
                async with self.session.post(f"{self._base}/cdrs", json=cdr) as resp:
                    resp.raise_for_status()
        except _TRANSIENT as exc:
            raise RoamingUnavailable(f"CDR push failed: {exc}") from exc

    async def push_evse_status(self, location_id: str, evse_uid: str, status: str) -> None:
        body = {"status": status, "last_updated": isoformat_z(utcnow())}
        try:
            async with self._breaker:
                async with self.session.patch(f"{self._base}/locations/{location_id}/{evse_uid}", json=body) as resp:
                    resp.raise_for_status()
        except _TRANSIENT as exc:
            raise RoamingUnavailable(f"EVSE status update failed: {exc}") from exc
