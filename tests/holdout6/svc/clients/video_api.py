"""Client for the third-party video vendor (rooms and participant tokens)."""
from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime

import aiohttp

from svc.config import Settings


class VideoApiClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.video_base_url
        self._api_key = settings.video_api_key
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = threading.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _fetch_token(self) -> tuple[str, float]:
        assert self._session is not None
        async with self._session.post("/oauth/token", json={"apiKey": self._api_key}) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["accessToken"], time.monotonic() + body["expiresIn"] - 30

    async def _bearer(self) -> str:
        with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expiry:
                self._token, self._token_expiry = await self._fetch_token()
            return self._token

    async def create_room(self, booking_id: int, starts_at: datetime) -> dict:
        assert self._session is not None
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        body = {"name": f"booking-{booking_id}", "startsAt": starts_at.isoformat(), "maxParticipants": 3}
        async with self._session.post("/rooms", json=body, headers=headers) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def participant_token(self, room_id: str, identity: str, ttl_seconds: int) -> dict:
        assert self._session is not None
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        body = {"identity": identity, "ttl": ttl_seconds}
        for attempt in range(3):
            try:
                async with self._session.post(f"/rooms/{room_id}/tokens", json=body, headers=headers) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError):
                if attempt == 2:
                    raise
                await asyncio.sleep(0.25 * 2**attempt)
        raise RuntimeError("unreachable")
