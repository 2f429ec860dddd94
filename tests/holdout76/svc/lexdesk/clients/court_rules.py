"""Court calendars and case lookups from the court-rules data service."""
from __future__ import annotations

import asyncio
import logging
from datetime import date

import httpx

from lexdesk.settings import Settings

log = logging.getLogger(__name__)


class CourtRulesClient:
    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base_url = settings.court_rules_url
        self._http = http

    async def fetch_holidays(self, court_code: str, year: int) -> list[date]:
        last_exc: Exception | None = None
        for attempt in range(3):
            try:
                resp = await self._http.get(f"{self._base_url}/courts/{court_code}/holidays", params={"year": year})
                resp.raise_for_status()
                return [date.fromisoformat(d) for d in resp.json()["holidays"]]
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                last_exc = exc
                log.info("holiday fetch for %s attempt %d failed: %s", court_code, attempt + 1, exc)
                await asyncio.sleep(0.5 * 2**attempt)
        assert last_exc is not None
        raise last_exc

    async def case_lookup(self, court_code: str, case_number: str) -> dict | None:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=10) as client:
            resp = await client.get(f"/courts/{court_code}/cases", params={"number": case_number})
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json()
