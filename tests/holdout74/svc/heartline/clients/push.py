"""Push notification provider client (aiohttp)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from ..settings import Settings


@dataclass
class PushResult:
    delivered: int = 0
    invalid_tokens: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> PushResult:
        return cls(delivered=int(body.get("delivered", 0)), invalid_tokens=list(body.get("invalid_tokens", ())))


class PushClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.push_url,
            headers={"Authorization": f"Bearer {self._settings.push_api_key}"},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("PushClient.start() was not awaited")
        return self._session

    async def send(self, tokens: list[str], notification: dict[str, Any]) -> PushResult:
        attempt = 0
        while True:
            try:
                async with self.session.post("/v3/send", json={"tokens": tokens, "notification": notification}) as resp:
                    resp.raise_for_status()
                    return PushResult.from_json(await resp.json())
            except aiohttp.ClientResponseError as exc:
                if exc.status < 500 or attempt >= 2:
                    raise
            attempt += 1
            time.sleep(0.25 * 2 ** attempt)

    async def send_batch(self, messages: list[dict[str, Any]]) -> PushResult:
        async with self.session.post("/v3/batch", json={"messages": messages}) as resp:
            resp.raise_for_status()
            return PushResult.from_json(await resp.json())
