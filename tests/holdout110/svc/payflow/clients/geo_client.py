from __future__ import annotations

from dataclasses import dataclass

import aiohttp

from payflow.settings import get_settings


@dataclass(slots=True)
class Place:
    jurisdiction: str
    country: str
    region: str


class JurisdictionClient:
    """Resolves a GPS fix to a tax jurisdiction (state/locality) for clock events."""

    def __init__(self) -> None:
        self._settings = get_settings()
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.jurisdiction_api_url,
            timeout=aiohttp.ClientTimeout(total=4, connect=2),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def lookup(self, latitude: float, longitude: float) -> Place:
        assert self._session is not None
        async with self._session.get(
            "/lookup", params={"lat": f"{latitude:.5f}", "lon": f"{longitude:.5f}"}
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return Place(body["jurisdiction"], body["country"], body["region"])
