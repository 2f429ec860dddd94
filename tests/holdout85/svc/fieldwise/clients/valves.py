from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from fieldwise.logging_setup import get_logger
from fieldwise.utils.retry import with_backoff

log = get_logger(__name__)


class ValveGatewayClient:
    """Pushes open/close commands to the field valve controllers via the vendor gateway."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={"Authorization": f"Bearer {self._token}"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None, "ValveGatewayClient.start() not called"
        return self._session

    async def push_command(self, valve_id: str, action: str, duration_min: int) -> bool:
        payload = {"valve": valve_id, "action": action, "duration_min": duration_min}
        async with self.session.post(f"{self._base}/v2/commands", json=payload) as resp:
            if resp.status != 200:
                return False
            body = await resp.json()
            return body.get("accepted", False)

    async def get_status(self, valve_id: str) -> dict[str, Any]:
        async def _call() -> dict[str, Any]:
            async with self.session.get(f"{self._base}/v2/valves/{valve_id}") as resp:
                resp.raise_for_status()
                return await resp.json()

        return await with_backoff(_call, attempts=3, retry_on=(aiohttp.ClientError, asyncio.TimeoutError))
