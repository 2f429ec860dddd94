"""Swiftpost partner API (rates and tracking for parcels handed over to Swiftpost)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import aiohttp

from svc.resilience import pause_before_retry


class SwiftpostClient:
    code = "swiftpost"

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Partner-Token": self._token})

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("SwiftpostClient.start() was not called")
        return self._session

    async def quote(self, origin_postcode: str, destination_postcode: str, weight_grams: int) -> Decimal:
        params = {"from": origin_postcode, "to": destination_postcode, "grams": str(weight_grams)}
        for attempt in range(3):
            try:
                async with self.session.get(f"{self._base_url}/rates", params=params) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                    return Decimal(str(body["amount"]))
            except aiohttp.ClientError:
                if attempt == 2:
                    raise
                pause_before_retry(attempt)
        raise RuntimeError("unreachable")

    async def tracking_events(self, reference: str) -> list[dict[str, Any]]:
        async with self.session.get(f"{self._base_url}/parcels/{reference}/events") as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["events"]

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
