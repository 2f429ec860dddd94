"""Client SDK: keeps a shop session alive from the user's own process (no server here)."""
from __future__ import annotations

import asyncio

import httpx

_last_beat: float = 0.0
_failures: list[str] = []


class Heartbeat:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._beat_forever())

    async def _beat_forever(self) -> None:
        global _last_beat
        while True:
            try:
                response = await self._http.post("/sessions/beat")
                _last_beat = response.elapsed.total_seconds()
            except httpx.HTTPError as exc:
                _failures.append(str(exc))
            await asyncio.sleep(30)
