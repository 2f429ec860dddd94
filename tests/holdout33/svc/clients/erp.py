"""ERP integration: purchase orders in, inventory snapshots and shipment confirmations out."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import aiohttp

from ..config import Settings
from ..errors import ErpError
from .base import CircuitBreaker, retry_async

log = logging.getLogger(__name__)

RETRYABLE = (aiohttp.ClientConnectionError, asyncio.TimeoutError, ErpError)


async def _check(resp: aiohttp.ClientResponse) -> None:
    if resp.status >= 400:
        body = await resp.text()
        raise ErpError(f"ERP returned {resp.status}", details={"url": str(resp.url), "body": body[:500]})


class ErpClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.erp_base_url.rstrip("/")
        self._token = settings.erp_token
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker(
            "erp", failure_threshold=3, reset_timeout=60.0, tracked=(aiohttp.ClientError, asyncio.TimeoutError, ErpError)
        )

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Token {self._token}", "Accept": "application/json"},
            connector=aiohttp.TCPConnector(limit=20, ttl_dns_cache=300),
            raise_for_status=False,
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("ErpClient.start() has not been awaited")
        return self._session

    async def fetch_purchase_orders(self, since: datetime) -> list[dict[str, Any]]:
        return await self._breaker.call(self._fetch_purchase_orders, since)

    async def _fetch_purchase_orders(self, since: datetime) -> list[dict[str, Any]]:
        url = f"{self._base}/purchase-orders"
        async with self.session.get(url, params={"updated_since": since.isoformat()}) as resp:
            await _check(resp)
            return (await resp.json())["items"]

    async def fetch_po_export_csv(self, since: datetime) -> bytes:
        return await retry_async(self._download_po_export, since, attempts=4, base_delay=1.0, retry_on=RETRYABLE)

    async def _download_po_export(self, since: datetime) -> bytes:
        url = f"{self._base}/exports/purchase-order-lines.csv"
        async with self.session.get(url, params={"since": since.isoformat()}) as resp:
            await _check(resp)
            return await resp.read()

    async def push_inventory_snapshot(self, rows: Sequence[dict[str, Any]]) -> None:
        await self._breaker.call(retry_async, self._post_snapshot, rows, attempts=3, retry_on=RETRYABLE)

    async def _post_snapshot(self, rows: Sequence[dict[str, Any]]) -> None:
        async with self.session.post(f"{self._base}/inventory/snapshots", json={"rows": rows}) as resp:
            await _check(resp)

    async def confirm_shipments(self, confirmations: list[dict[str, Any]]) -> None:
        """Single attempt; the caller owns retry because it also owns the outbox rows."""
        await self._breaker.call(self._post_confirmations, confirmations)

    async def _post_confirmations(self, confirmations: list[dict[str, Any]]) -> None:
        async with self.session.post(f"{self._base}/shipments/confirmations", json={"items": confirmations}) as resp:
            await _check(resp)
