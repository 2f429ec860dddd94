"""Push gateway client (one HTTP call per device)."""
from __future__ import annotations

import httpx


class PushGateway:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, token: str, text: str) -> None:
        resp = await self._client.post("/push", json={"token": token, "text": text})
        resp.raise_for_status()
