from __future__ import annotations

import logging
from typing import Any

import aiohttp

from ..errors import ControllerUnavailable
from ..settings import Settings

log = logging.getLogger(__name__)


class ControllerHttpClient:
    """Vendor cloud API for controllers that are not on the campus MQTT broker."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.controller_api_base.rstrip("/")
        self._headers = {"Authorization": f"Bearer {settings.controller_api_key}"}
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=5)
        self._session = aiohttp.ClientSession(headers=self._headers, timeout=timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("ControllerHttpClient.start() was not awaited")
        return self._session

    async def send_command(self, serial: str, channel: int, command: str, duration_s: int = 5) -> dict[str, Any]:
        url = f"{self._base}/controllers/{serial}/doors/{channel}/commands"
        async with self.session.post(url, json={"command": command, "duration": duration_s}) as resp:
            if resp.status >= 500:
                raise ControllerUnavailable(f"controller {serial} returned {resp.status}")
            resp.raise_for_status()
            return await resp.json()

    async def get_door_status(self, serial: str, channel: int) -> dict[str, Any]:
        url = f"{self._base}/controllers/{serial}/doors/{channel}/status"
        async with self.session.get(url) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def push_credentials(self, serial: str, upserts: list[dict], deletes: list[str], revision: int) -> None:
        url = f"{self._base}/controllers/{serial}/credentials"
        body = {"upsert": upserts, "delete": deletes, "revision": revision}
        async with self.session.put(url, json=body) as resp:
            if resp.status >= 500:
                raise ControllerUnavailable(f"controller {serial} returned {resp.status}")
            resp.raise_for_status()

    async def list_credentials(self, serial: str) -> list[str]:
        url = f"{self._base}/controllers/{serial}/credentials"
        async with self.session.get(url, params={"fields": "badge_number"}) as resp:
            resp.raise_for_status()
            data = await resp.json()
            return [item["badge_number"] for item in data["items"]]
