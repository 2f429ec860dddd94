"""Vehicle data vendors: licence-plate recognition and the national keeper registry."""
from __future__ import annotations

import base64
import logging
from dataclasses import dataclass

import aiohttp
import httpx

from ..config import Settings


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlateRead:
    plate: str
    confidence: float
    region: str | None


class LprClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.lpr_base_url,
            headers={"X-Api-Key": self._settings.lpr_api_key},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=None, sock_read=None),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def recognise(self, image: bytes, *, country_hint: str = "nl") -> list[PlateRead]:
        assert self._session is not None
        body = {"image": base64.b64encode(image).decode(), "country": country_hint}
        async with self._session.post("/v3/recognise", json=body) as resp:
            resp.raise_for_status()
            data = await resp.json()
        reads = []
        for cand in data.get("candidates", [])[:5]:
            reads.append(PlateRead(cand["plate"], float(cand["score"]), cand.get("region")))
        return reads


@dataclass(frozen=True)
class Keeper:
    plate: str
    name: str
    address: str
    postcode: str


class VehicleRegistry:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.registry_base_url
        self._owners: dict[str, Keeper] = {}

    async def owner_of(self, plate: str) -> Keeper | None:
        if plate in self._owners:
            return self._owners[plate]
        async with httpx.AsyncClient(base_url=self._base, timeout=5.0) as client:
            resp = await client.get(f"/keepers/{plate}")
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        body = resp.json()
        keeper = Keeper(plate, body["name"], body["address"], body["postcode"])
        self._owners[plate] = keeper
        return keeper
