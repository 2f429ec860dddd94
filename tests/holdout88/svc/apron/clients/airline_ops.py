"""Client for the airline operations feed (schedule and movement updates)."""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

import httpx

from apron.errors import ExternalServiceError
from apron.settings import Settings

log = logging.getLogger(__name__)


class AirlineOpsClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.airline_ops_url,
            headers={"Authorization": f"Bearer {settings.airline_ops_token}"},
            timeout=None,
        )

    async def fetch_movements(self, airport: str, since: datetime | None) -> list[dict[str, Any]]:
        params: dict[str, str] = {"airport": airport}
        if since is not None:
            params["since"] = since.isoformat()
        resp = await self._client.get("/movements", params=params)
        if resp.status_code >= 500:
            raise ExternalServiceError(f"ops feed returned {resp.status_code}")
        resp.raise_for_status()
        return resp.json()["movements"]

    async def fetch_ssim(self, day: date) -> str:
        resp = await self._client.get(f"/schedules/{day.isoformat()}.ssim")
        resp.raise_for_status()
        return resp.text

    async def aclose(self) -> None:
        await self._client.aclose()
