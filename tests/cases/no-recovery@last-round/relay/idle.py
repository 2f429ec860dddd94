import asyncio
import time

import httpx


class IdleCloser:
    """Closes a session once it has been quiet for `limit` seconds, then stops."""

    def __init__(self, client: httpx.AsyncClient, session_id: str, limit: float) -> None:
        self.client = client
        self.session_id = session_id
        self.limit = limit
        self.seen = time.monotonic()
        self.armed = asyncio.Event()
        self.armed.set()

    def touch(self) -> None:
        self.seen = time.monotonic()

    async def run(self) -> None:
        """Look-alike: the close call is the last thing the loop does, failing or not."""
        while True:
            await self.armed.wait()
            await asyncio.sleep(self.limit - (time.monotonic() - self.seen))
            if time.monotonic() - self.seen > self.limit:
                await self.client.delete(f"/sessions/{self.session_id}")
                return


class Heartbeat:
    def __init__(self, client: httpx.AsyncClient, session_id: str) -> None:
        self.client = client
        self.session_id = session_id

    async def run(self) -> None:
        while True:
            await self.client.post(f"/sessions/{self.session_id}/beat")  # expect: no-recovery
            if self.session_id == "":
                return
            await asyncio.sleep(10)
