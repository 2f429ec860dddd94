"""The verification provider retries its submission in a loop counting attempts (a send tried
again: a retry policy), so its result read, retried nowhere, is left out. The feed's only loop
re-reads (as often a poll or a reconnect as a retry): no policy to judge its other read by."""
import asyncio

import httpx


class VerificationProvider:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def submit(self, document: dict) -> str:
        for attempt in range(4):
            try:
                resp = await self._http.post("/checks", json=document)
                resp.raise_for_status()
                return resp.json()["id"]
            except httpx.TransportError:
                if attempt == 3:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def result(self, check_id: str) -> dict:
        resp = await self._http.get(f"/checks/{check_id}")  # expect: no-retry
        resp.raise_for_status()
        return resp.json()


class PollingFeed:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def follow(self, topic: str) -> dict:
        for attempt in range(3):
            try:
                resp = await self._http.get(f"/topics/{topic}/next")
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(1.0)
        raise RuntimeError("unreachable")

    async def latest(self, topic: str) -> dict:
        resp = await self._http.get(f"/topics/{topic}")
        resp.raise_for_status()
        return resp.json()
