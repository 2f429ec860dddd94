"""Port agents' network: berth line-ups, port call bookings, husbandry requests."""
from __future__ import annotations

import logging
from datetime import datetime

import aiohttp

from fleetwise.clients.errors import UpstreamError

log = logging.getLogger(__name__)


class AgentsClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {token}"},
            timeout=aiohttp.ClientTimeout(total=15, connect=5),
        )

    async def close(self) -> None:
        await self._session.close()

    async def berth_status(self, port_code: str, agent_ref: str) -> dict:
        async with self._session.get(f"{self._base}/ports/{port_code}/calls/{agent_ref}") as resp:
            if resp.status >= 500:
                raise UpstreamError("agents", f"status {resp.status}")
            resp.raise_for_status()
            return await resp.json()

    async def book_call(self, port_code: str, imo: str, eta: datetime) -> str:
        payload = {"port": port_code, "imo": imo, "eta": eta.isoformat()}
        async with self._session.post(f"{self._base}/calls", json=payload) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["agent_ref"]

    async def notify_eta(self, agent_ref: str, eta: datetime) -> None:
        async with self._session.put(
            f"{self._base}/calls/{agent_ref}/eta", json={"eta": eta.isoformat()}
        ) as resp:
            resp.raise_for_status()
