"""Fan-out of one campaign over its subscribers."""
import asyncio

import asyncpg
import httpx


class CampaignSender:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://smtp-relay")
        self._count_lock = asyncio.Lock()
        self._send_slots = asyncio.Semaphore(20)
        self.sent = 0

    async def _subscribers(self, campaign_id: int) -> list[asyncpg.Record]:
        conn = await asyncpg.connect("postgresql://db/mail")
        try:
            return await conn.fetch("SELECT email FROM subscribers WHERE campaign_id = $1", campaign_id)
        finally:
            await conn.close()

    async def send(self, campaign_id: int) -> int:
        subscribers = await self._subscribers(campaign_id)
        await asyncio.gather(*(self._deliver(s["email"]) for s in subscribers))  # expect: backpressure
        return self.sent

    async def _deliver(self, email: str) -> None:
        """The lock only guards the counter: every POST above it starts at once."""
        await self._http.post("/send", json={"to": email})
        async with self._count_lock:
            self.sent += 1

    async def send_bounded(self, campaign_id: int) -> None:
        subscribers = await self._subscribers(campaign_id)
        await asyncio.gather(*(self._deliver_bounded(s["email"]) for s in subscribers))

    async def _deliver_bounded(self, email: str) -> None:
        async with self._send_slots:
            await self._http.post("/send", json={"to": email})
        async with self._count_lock:
            self.sent += 1
