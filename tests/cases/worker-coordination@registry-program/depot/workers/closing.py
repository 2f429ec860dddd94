import asyncio
from datetime import date

from sqlalchemy import update

from depot.models import Shipment
from depot.workers import Context


class MonthlyClose:
    """Closes the month under a Redis lock one copy wins, then marks the month done."""

    name = "closing"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def close_month(self) -> None:
        async with self._ctx.redis.lock("depot:closing", timeout=3600, blocking=False) as held:
            if held:
                async with self._ctx.sessions() as session:
                    await session.execute(update(Shipment).where(Shipment.state == "delivered").values(state="billed"))
                    await session.commit()

    async def run(self) -> None:
        while not self._stop.is_set():
            done_key = f"closing:done:{date.today():%Y-%m}"
            if not await self._ctx.redis.exists(done_key):
                await self.close_month()
                await self._ctx.redis.set(done_key, "1", ex=40 * 86400)
            await asyncio.sleep(3600)
