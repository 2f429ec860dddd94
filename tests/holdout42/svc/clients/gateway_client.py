from __future__ import annotations

import logging
from typing import Any

import aiohttp

from svc.config import settings
from svc.errors import GatewayUnreachable

logger = logging.getLogger(__name__)


class GatewayClient:
    """Pulls on-demand register reads from field gateways over their local HTTPS API."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(sock_connect=5),
            connector=aiohttp.TCPConnector(limit=100, ssl=False),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _url(self, gateway_host: str, path: str) -> str:
        return f"https://{gateway_host}:{settings.gateway_port}{path}"

    async def read_register(self, gateway_host: str, serial: str) -> dict[str, Any]:
        assert self._session is not None, "GatewayClient.start() not called"
        try:
            async with self._session.get(self._url(gateway_host, f"/meters/{serial}/register")) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientError as exc:
            raise GatewayUnreachable(f"{gateway_host}: {exc}") from exc

    async def ping(self, gateway_host: str) -> bool:
        assert self._session is not None
        try:
            async with self._session.get(
                self._url(gateway_host, "/health"), timeout=aiohttp.ClientTimeout(total=3)
            ) as resp:
                return resp.status == 200
        except (aiohttp.ClientError, TimeoutError):
            return False
