"""Client for the SECS/GEM gateway REST facade (remote commands, recipe download, live status)."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

from fabline.core.errors import GatewayError
from fabline.utils.retry import with_retry

logger = logging.getLogger(__name__)


class SecsGemGateway:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self.base_url,
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
            raise_for_status=True,
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("gateway client not started")
        return self._session

    async def live_status(self, tool_name: str) -> dict[str, Any]:
        async def _get() -> dict[str, Any]:
            async with self.session.get(f"/tools/{tool_name}/status") as resp:
                return await resp.json()

        try:
            return await with_retry(_get, attempts=3, retry_on=(aiohttp.ClientError,))
        except aiohttp.ClientError as exc:
            raise GatewayError(f"status of {tool_name} unavailable") from exc

    async def download_recipe(self, tool_name: str, ppid: str, body: bytes) -> None:
        async def _put() -> None:
            async with self.session.put(f"/tools/{tool_name}/recipes/{ppid}", data=body):
                return None

        await with_retry(_put, attempts=3, retry_on=(aiohttp.ClientConnectionError,))

    async def send_remote_command(self, tool_name: str, rcmd: str, params: dict[str, Any]) -> dict:
        """S2F41 host command; the gateway answers with HCACK."""
        async with self.session.post(
            f"/tools/{tool_name}/rcmd", json={"rcmd": rcmd, "params": params}
        ) as resp:
            reply = await resp.json()
        if reply.get("hcack") not in (0, 4):
            raise GatewayError(f"{rcmd} rejected by {tool_name}: HCACK={reply.get('hcack')}")
        return reply
