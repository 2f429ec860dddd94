"""Registry REST API: availability, pricing and DS record publication."""
from __future__ import annotations

import asyncio
import random
from decimal import Decimal
from typing import Any

import aiohttp

from zonekeep.core.errors import RegistryError
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings

log = get_logger("clients.registry_rest")

RETRYABLE = (aiohttp.ClientConnectionError, asyncio.TimeoutError)


class RegistryRestClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.registry_rest_url.rstrip("/")
        self._auth = aiohttp.BasicAuth(settings.registry_client_id, settings.registry_password)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(auth=self._auth, raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        assert self._session is not None
        for attempt in range(4):
            try:
                async with self._session.get(f"{self._base}{path}", params=params) as resp:
                    return await resp.json()
            except RETRYABLE:
                if attempt == 3:
                    raise
                await asyncio.sleep(0.2 * 2 ** attempt + random.random() / 10)
        raise RegistryError("unreachable")

    async def check(self, names: list[str]) -> dict[str, bool]:
        data = await self._get_json("/domains/check", {"names": ",".join(names)})
        return {item["name"]: bool(item["available"]) for item in data["results"]}

    async def price(self, tld: str, operation: str) -> Decimal:
        data = await self._get_json(f"/tlds/{tld}/prices", {"op": operation})
        return Decimal(str(data["amount"]))

    async def publish_ds(self, domain: str, ds_records: list[dict[str, Any]]) -> None:
        assert self._session is not None
        async with self._session.put(f"{self._base}/domains/{domain}/ds", json={"ds": ds_records}) as resp:
            await resp.read()
