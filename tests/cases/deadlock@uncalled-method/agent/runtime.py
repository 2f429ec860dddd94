"""Sandbox runtimes: actions go through `run` today; `run_async` was an experiment left in place."""
from __future__ import annotations

import threading

import httpx


class Runtime:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._action_lock = threading.Lock()
        self._client = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def run(self, action: dict) -> dict:
        with self._action_lock:  # expect: deadlock
            response = await self._client.post("/run", json=action)
        return response.json()

    async def run_async(self, action: dict) -> dict:
        with self._action_lock:  # expect: deadlock
            response = await self._client.post("/run_async", json=action)
        return response.json()
