"""Client for the POS bridge that exposes open and closed checks per table."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import aiohttp

from svc.support import async_retry


class PosClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, headers={"X-Api-Key": self._api_key})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @async_retry(attempts=3, backoff=0.5, exceptions=(aiohttp.ClientConnectionError, asyncio.TimeoutError))
    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        if self._session is None:
            raise RuntimeError("PosClient.start() was not called")
        async with self._session.request(method, path, **kwargs) as resp:
            if resp.status == 404:
                return None
            resp.raise_for_status()
            return await resp.json()

    async def get_check(self, table_ref: str) -> dict[str, Any] | None:
        return await self._request("GET", f"/api/tables/{table_ref}/open-check")

    async def get_checks(self, table_refs: Sequence[str]) -> dict[str, dict[str, Any]]:
        data = await self._request("POST", "/api/open-checks/query", json={"tables": list(table_refs)})
        return {check["table"]: check for check in data or []}

    async def iter_closed_checks(self, since: datetime) -> AsyncIterator[dict[str, Any]]:
        cursor: str | None = None
        while True:
            params = {"closed_since": since.isoformat(), "limit": 200}
            if cursor:
                params["cursor"] = cursor
            page = await self._request("GET", "/api/checks", params=params)
            for check in (page or {}).get("items", []):
                yield check
            cursor = (page or {}).get("next")
            if not cursor:
                break
