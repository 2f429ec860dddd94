"""Drug database service: products, monographs and interaction checks."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from dispensary.errors import UpstreamUnavailable
from dispensary.settings import Settings
from dispensary.utils.resilience import CircuitBreaker, CircuitOpen

logger = logging.getLogger(__name__)


class DrugDbClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.drugdb_base_url
        self._api_key = settings.drugdb_api_key
        self._session: aiohttp.ClientSession | None = None
        self.breaker = CircuitBreaker("drugdb", failure_threshold=5, reset_after=30.0)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            headers={"Authorization": f"Bearer {self._api_key}"},
            timeout=aiohttp.ClientTimeout(total=8, connect=2),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get_json(self, path: str, params: dict[str, str] | None = None) -> Any:
        assert self._session is not None, "DrugDbClient.start() was not called"
        try:
            self.breaker.before_call()
        except CircuitOpen as exc:
            raise UpstreamUnavailable("drug database circuit open") from exc
        try:
            async with self._session.get(path, params=params) as response:
                response.raise_for_status()
                data = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            self.breaker.record_failure()
            raise UpstreamUnavailable(f"drug database call failed: {path}") from exc
        self.breaker.record_success()
        return data

    async def product(self, drug_code: str) -> dict[str, Any]:
        return await self._get_json(f"/v3/products/{drug_code}")

    async def monograph(self, drug_code: str) -> dict[str, Any]:
        return await self._get_json(f"/v3/products/{drug_code}/monograph")

    async def interactions_bulk(self, drug_code: str, others: list[str]) -> list[dict[str, Any]]:
        if not others:
            return []
        data = await self._get_json(
            "/v3/interactions", params={"drug": drug_code, "against": ",".join(sorted(set(others)))}
        )
        return data["interactions"]

    async def ingredients(self, drug_code: str) -> list[str]:
        data = await self._get_json(f"/v3/products/{drug_code}/ingredients")
        return [item["substance_code"] for item in data["items"]]
