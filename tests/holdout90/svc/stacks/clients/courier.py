"""Courier van routing provider: pickup runs between branches."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class CourierClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key

    async def book_pickup(self, from_code: str, to_code: str, items: int) -> str:
        async with httpx.AsyncClient(timeout=10.0) as client:
            resp = await client.post(
                f"{self._base_url}/runs",
                json={"from": from_code, "to": to_code, "items": items},
                headers={"X-Api-Key": self._api_key},
            )
            resp.raise_for_status()
            return resp.json()["run_id"]

    async def schedule(self, http: httpx.AsyncClient) -> list[dict]:
        resp = await http.get(f"{self._base_url}/schedule", headers={"X-Api-Key": self._api_key})
        resp.raise_for_status()
        return resp.json()["runs"]
