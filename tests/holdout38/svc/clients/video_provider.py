from __future__ import annotations

import httpx

from ..utils.resilience import with_backoff


class VideoProviderClient:
    """Mints short-lived media tokens for the SFU; signalling itself stays on our websockets."""

    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://sfu.videocloud.example", timeout=None)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post_token(self, room_id: str, participant_id: str) -> dict:
        resp = await self._client.post("/tokens", json={"room": room_id, "identity": participant_id, "ttl": 3600})
        resp.raise_for_status()
        return resp.json()

    async def mint_token(self, room_id: str, participant_id: str) -> dict:
        return await with_backoff(lambda: self._post_token(room_id, participant_id), attempts=5)

    async def ice_servers(self) -> list[dict]:
        resp = await self._client.get("/ice-servers")
        resp.raise_for_status()
        return resp.json()["iceServers"]
