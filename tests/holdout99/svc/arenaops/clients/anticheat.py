from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from arenaops.settings import Settings


class AntiCheatClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.anticheat_base_url,
            headers={"Authorization": f"Token {settings.anticheat_token}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def fetch_reports(self, since: datetime, cursor: str | None = None) -> dict[str, Any]:
        params = {"since": since.isoformat()}
        if cursor:
            params["cursor"] = cursor
        resp = await self._http.get("/v3/reports", params=params)
        resp.raise_for_status()
        return resp.json()

    async def player_trust(self, puuid: str) -> dict[str, Any]:
        resp = await self._http.get(f"/v3/players/{puuid}/trust")
        resp.raise_for_status()
        return resp.json()
