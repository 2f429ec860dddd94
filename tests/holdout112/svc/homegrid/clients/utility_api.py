from __future__ import annotations

from typing import Any

import aiohttp

from homegrid.config import Settings
from homegrid.utils.resilience import CircuitBreaker


class UtilityApiClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.utility_api_url.rstrip("/")
        self._headers = {"X-Api-Key": settings.utility_api_key}
        self._timeout = aiohttp.ClientTimeout(total=15, connect=5)
        self._session: aiohttp.ClientSession | None = None
        self.breaker = CircuitBreaker("utility-api", failure_threshold=5, reset_after=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout, headers=self._headers)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get_json(self, path: str) -> Any:
        assert self._session is not None
        async with self._session.get(f"{self._base}{path}") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def fetch_events(self, utility_id: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        path: str | None = f"/v2/utilities/{utility_id}/events?status=upcoming"
        pages = 0
        while path is not None and pages < 20:
            page = await self.breaker.call(lambda p=path: self._get_json(p))
            events.extend(page.get("items", []))
            path = page.get("next")
            pages += 1
        return events

    async def acknowledge_event(self, utility_id: str, external_id: str, enrolled: int) -> None:
        async with aiohttp.ClientSession(timeout=self._timeout, headers=self._headers) as session:
            async with session.post(
                f"{self._base}/v2/utilities/{utility_id}/events/{external_id}/ack",
                json={"enrolled_households": enrolled},
            ) as resp:
                resp.raise_for_status()

    async def report_performance(self, utility_id: str, external_id: str, delivered_kw: float) -> None:
        assert self._session is not None

        async def _post() -> None:
            async with self._session.post(
                f"{self._base}/v2/utilities/{utility_id}/events/{external_id}/performance",
                json={"delivered_kw": round(delivered_kw, 3)},
            ) as resp:
                resp.raise_for_status()

        await self.breaker.call(_post)

    async def upload_settlement(self, utility_id: str, period: str, csv_body: bytes) -> str:
        assert self._session is not None
        async with self._session.put(
            f"{self._base}/v2/utilities/{utility_id}/settlement/{period}",
            data=csv_body,
            headers={"Content-Type": "text/csv"},
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return str(body["receipt"])
