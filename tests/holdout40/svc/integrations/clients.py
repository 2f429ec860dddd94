"""Small HTTP clients: fleet configuration, airport weather, SMS gateway."""
from __future__ import annotations

import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)


class FleetClient:
    def __init__(self, base_url: str, timeout: float) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)

    async def close(self) -> None:
        await self._client.aclose()

    async def cabin_layout(self, aircraft_type: str, tail_number: str | None) -> dict[str, Any]:
        params = {"tail": tail_number} if tail_number else {}
        resp = await self._client.get(f"/layouts/{aircraft_type}", params=params)
        resp.raise_for_status()
        return resp.json()


class WeatherClient:
    """METAR/TAF lookups used to annotate flight status with airport conditions."""

    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)

    async def close(self) -> None:
        await self._client.aclose()

    async def conditions(self, station: str) -> dict[str, Any] | None:
        try:
            resp = await self._client.get(f"/metar/{station}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("weather lookup for %s failed: %s", station, exc)
            return None
        return resp.json()


class SmsGateway:
    def __init__(self, base_url: str, token: str, timeout: float = 5.0) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Token {token}"},
            timeout=timeout,
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, phone: str, text: str) -> str:
        resp = await self._client.post("/messages", json={"to": phone, "body": text[:480]})
        resp.raise_for_status()
        return resp.json()["id"]
