import asyncio

import httpx


class Poller:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://feed", timeout=5)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self._http.get("/poll")
            await asyncio.sleep(10)


class Pusher:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://sink", timeout=5)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self._http.post("/push", json={})
            await asyncio.sleep(10)
