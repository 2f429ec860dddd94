"""Calls queued while a client was offline are replayed once it reconnects."""
import asyncio
import logging
from collections import deque

import aiohttp

log = logging.getLogger(__name__)


class Replayer:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session
        self.pending: dict[str, deque] = {}

    async def _post(self, path: str, body: dict) -> None:
        async with self._session.post(f"https://api.exchange.example{path}", json=body) as resp:
            resp.raise_for_status()

    async def replay(self) -> None:
        """Works through what was queued; a failed call is logged and the next one is tried."""
        for account, calls in self.pending.items():
            while calls:
                path, body = calls.popleft()
                try:
                    await self._post(path, body)
                except Exception as exc:
                    log.error("replay for %s failed: %s", account, exc)

    async def forward_forever(self, inbox: asyncio.Queue) -> None:
        while True:  # expect: no-recovery
            try:
                await self._post("/orders", {"batch": True})
            except aiohttp.ClientError:
                log.exception("forwarding failed")


def start(replayer: Replayer, inbox: asyncio.Queue) -> None:
    asyncio.create_task(replayer.replay())
    asyncio.create_task(replayer.forward_forever(inbox))
