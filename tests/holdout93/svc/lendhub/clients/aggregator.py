"""Bank-data aggregator client (account, balance and income verification)."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

from ..settings import Settings

log = logging.getLogger(__name__)


class AggregatorError(Exception):
    pass


class AggregatorClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.aggregator_base_url,
            headers={"X-Api-Key": self._settings.aggregator_api_key},
            timeout=aiohttp.ClientTimeout(total=None),
        )

    async def accounts(self, link_id: str) -> list[dict[str, Any]]:
        assert self._session is not None
        async with self._session.get(f"/links/{link_id}/accounts") as resp:
            if resp.status >= 400:
                raise AggregatorError(f"accounts {resp.status}")
            body = await resp.json()
        return body["accounts"]

    async def income_streams(self, link_id: str) -> list[dict[str, Any]]:
        assert self._session is not None
        async with self._session.post(f"/links/{link_id}/income/verify", json={"months": 24}) as resp:
            if resp.status >= 400:
                raise AggregatorError(f"income {resp.status}")
            body = await resp.json()
        return body["streams"]

    async def statement_pdf(self, link_id: str, account_id: str) -> bytes:
        async with aiohttp.ClientSession(
            base_url=self._settings.aggregator_base_url,
            timeout=aiohttp.ClientTimeout(total=60),
        ) as session:
            async with session.get(
                f"/links/{link_id}/accounts/{account_id}/statement",
                headers={"X-Api-Key": self._settings.aggregator_api_key},
            ) as resp:
                resp.raise_for_status()
                return await resp.read()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
