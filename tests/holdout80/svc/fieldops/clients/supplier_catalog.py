from __future__ import annotations

import asyncio
import time

import aiohttp
import requests

from fieldops.logging_setup import get_logger

logger = get_logger(__name__)


class SupplierCatalogClient:
    """Parts supplier API: live availability and the paged catalog."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": api_key},
            timeout=aiohttp.ClientTimeout(total=30, sock_connect=5),
        )

    async def close(self) -> None:
        await self._session.close()

    async def _get_json(self, path: str, params: dict | None = None) -> dict:
        delay = 1.0
        for attempt in range(3):
            try:
                async with self._session.get(f"{self._base_url}{path}", params=params) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except (aiohttp.ClientError, asyncio.TimeoutError):
                if attempt == 2:
                    raise
                logger.info("supplier call failed, backing off", path=path, attempt=attempt)
                time.sleep(delay)
                delay *= 2
        raise RuntimeError("unreachable")

    async def availability(self, supplier_skus: list[str]) -> dict[str, int]:
        body = await self._get_json("/v1/availability", params={"skus": ",".join(supplier_skus)})
        return {row["sku"]: row["available"] for row in body["items"]}

    async def submit_purchase_order(self, po_number: str, lines: list[dict]) -> str:
        async with self._session.post(
            f"{self._base_url}/v1/orders", json={"po_number": po_number, "lines": lines}
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["order_id"]

    async def catalog_page(self, cursor: str | None) -> dict:
        params = {"cursor": cursor} if cursor else None
        return await self._get_json("/v1/catalog", params=params)


def download_feed(url: str, api_key: str) -> bytes:
    """Fetch the nightly full-catalog XML. Synchronous; callers run it off the loop."""
    resp = requests.get(url, headers={"X-Api-Key": api_key})
    resp.raise_for_status()
    return resp.content
