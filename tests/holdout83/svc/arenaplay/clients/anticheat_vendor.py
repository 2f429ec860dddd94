from __future__ import annotations

import logging
from typing import Any

import aiohttp

from arenaplay.settings import Settings

logger = logging.getLogger(__name__)


class GuardlineClient:
    """Guardline behavioural-analysis API."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=self._settings.anticheat_url,
                timeout=aiohttp.ClientTimeout(total=60, connect=5),
                headers={"X-Api-Key": self._settings.anticheat_key},
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def analyze_match(self, match_id: str, telemetry: dict[str, Any]) -> dict[str, Any]:
        session = self._get_session()
        async with session.post("/v3/analyze", json={"match_id": match_id, "telemetry": telemetry}) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def submit_evidence(self, report_id: int, accused_id: int, samples: list[list[float]]) -> str:
        session = self._get_session()
        payload = {"report": report_id, "subject": accused_id, "samples": samples}
        async with session.post("/v3/evidence", json=payload) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return body["case_id"]
