"""Courier integration over aiohttp."""
from __future__ import annotations

import logging

import aiohttp

log = logging.getLogger(__name__)


class CourierLink:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=8))

    async def set_pickup_window(self, depot: str, window: dict) -> None:
        async with self._session.put(f"{self._base}/depots/{depot}/window", json=window) as resp:
            if resp.status >= 400:
                log.warning("pickup window for %s not accepted (%s)", depot, resp.status)

    async def book_collection(self, parcel_id: str, depot: str) -> None:
        payload = {"parcel": parcel_id, "depot": depot}
        async with self._session.post(f"{self._base}/collections", json=payload) as resp:  # expect: no-retry
            if resp.status >= 300:
                log.error("collection for %s refused: %s", parcel_id, resp.status)


class InvoiceFeed:
    """Look-alike: the event is sent once, but an error answer raises to the caller."""

    def __init__(self, base_url: str) -> None:
        self._http = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=8))

    async def invoice_issued(self, number: str) -> None:
        async with self._http.post("/invoices", json={"number": number}) as resp:
            if resp.status >= 300:
                log.error("invoice %s refused: %s", number, resp.status)
                resp.raise_for_status()
