from __future__ import annotations

from typing import Any

import aiohttp
import httpx


class FraudClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Api-Key": self._api_key})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def score(self, payload: dict[str, Any]) -> dict[str, Any]:
        assert self._session is not None
        async with self._session.post(f"{self._base_url}/v2/score", json=payload) as resp:
            resp.raise_for_status()
            return await resp.json()


VERIFY_URL = "https://challenges.example/siteverify"


async def verify_captcha(secret: str, token: str, remote_ip: str | None) -> bool:
    async with httpx.AsyncClient(timeout=3.0) as client:
        response = await client.post(VERIFY_URL, data={"secret": secret, "response": token, "remoteip": remote_ip})
    if response.status_code != 200:
        return False
    return bool(response.json().get("success"))
