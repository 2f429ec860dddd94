"""Push notifications to mobile and console clients."""

from __future__ import annotations

import httpx


class PushClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url

    async def send(self, player_id: int, title: str, body: str) -> None:
        async with httpx.AsyncClient(base_url=self._base_url) as client:
            try:
                response = await client.post("/v1/push", json={"player_id": player_id, "title": title, "body": body})
                response.raise_for_status()
            except httpx.HTTPError:
                return
