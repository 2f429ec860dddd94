"""Push notifications over HTTP."""
from __future__ import annotations

import httpx


class Pusher:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def send(self, player_id: int, text: str) -> None:
        await self._http.post("/v1/push", json={"player_id": player_id, "text": text})

    async def send_many(self, player_ids: list[int], text: str) -> None:
        await self._http.post("/v1/push/batch", json={"player_ids": player_ids, "text": text})

    async def ping(self) -> None:
        await self._http.post("/v1/ping", json={"ok": True})
