"""Client for the crew mobile app backend (availability, published rosters)."""
from __future__ import annotations

from typing import Any

import httpx

from apron.settings import Settings


class CrewAppClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.crew_app_url)

    async def get_availability(self, staff_id: int) -> dict[str, Any]:
        resp = await self._client.get(f"/staff/{staff_id}/availability")
        resp.raise_for_status()
        return resp.json()

    async def get_availability_bulk(self, staff_ids: list[int]) -> dict[int, dict[str, Any]]:
        resp = await self._client.post("/staff/availability:batch", json={"ids": staff_ids})
        resp.raise_for_status()
        return {int(k): v for k, v in resp.json()["availability"].items()}

    async def publish_roster(self, airport: str, shifts: list[dict[str, Any]]) -> None:
        resp = await self._client.post(f"/airports/{airport}/roster", json={"shifts": shifts})
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()
