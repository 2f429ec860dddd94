from __future__ import annotations

import logging
import time
from datetime import date
from decimal import Decimal
from typing import Any

import aiohttp

log = logging.getLogger(__name__)

RETRYABLE_STATUS = {429, 502, 503, 504}


class HRSystemError(RuntimeError):
    pass


class HRClient:
    """Client for the upstream HR system of record (employees, managers, pay rates)."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=20, connect=5),
            headers={"X-Api-Key": self._api_key, "Accept": "application/json"},
            connector=aiohttp.TCPConnector(limit=20),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("HRClient.start() was not called")
        return self._session

    async def list_employees(self, updated_since: str | None, cursor: str | None = None) -> dict[str, Any]:
        params = {"limit": "200"}
        if updated_since:
            params["updated_since"] = updated_since
        if cursor:
            params["cursor"] = cursor
        last_error: Exception | None = None
        for attempt in range(4):
            backoff = 0.5 * 2**attempt
            try:
                async with self.session.get(f"{self._base_url}/employees", params=params) as resp:
                    if resp.status in RETRYABLE_STATUS:
                        last_error = HRSystemError(f"HR returned {resp.status}")
                    else:
                        resp.raise_for_status()
                        return await resp.json()
            except aiohttp.ClientConnectionError as exc:
                last_error = exc
            log.info("HR list_employees attempt %d failed, backing off %.1fs", attempt + 1, backoff)
            time.sleep(backoff)
        raise HRSystemError("HR employee listing failed after retries") from last_error

    async def get_profile(self, external_id: str) -> dict[str, Any]:
        async with self.session.get(f"{self._base_url}/employees/{external_id}/profile") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def push_hours(
        self, external_id: str, period_start: date, regular: Decimal, overtime: Decimal
    ) -> None:
        payload = {
            "period_start": period_start.isoformat(),
            "regular_hours": str(regular),
            "overtime_hours": str(overtime),
        }
        async with self.session.put(
            f"{self._base_url}/employees/{external_id}/hours", json=payload
        ) as resp:
            resp.raise_for_status()
