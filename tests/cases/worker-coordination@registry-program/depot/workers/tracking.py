import asyncio

from sqlalchemy import update

from depot.models import Shipment
from depot.workers import Context


class TrackingFeed:
    """Applies carrier scans from a Redis stream."""

    name = "tracking"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._stop = asyncio.Event()
        self._last_id = "$"

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            response = await self._ctx.redis.xread({"scans": self._last_id}, count=100, block=5000)  # expect: worker-coordination
            for _stream, entries in response:
                for entry_id, fields in entries:
                    self._last_id = entry_id
                    await self._apply(fields)

    async def _apply(self, fields: dict) -> None:
        async with self._ctx.sessions() as session:
            await session.execute(update(Shipment).where(Shipment.id == int(fields["id"])).values(state=fields["state"]))
            await session.commit()


class ReturnsFeed:
    """Returns read through a consumer group: each entry goes to one copy."""

    name = "returns"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            response = await self._ctx.redis.xreadgroup("depot", "worker", {"returns": ">"}, count=100, block=5000)
            for _stream, entries in response:
                for entry_id, fields in entries:
                    await self._apply(fields)
                    await self._ctx.redis.xack("returns", "depot", entry_id)

    async def _apply(self, fields: dict) -> None:
        async with self._ctx.sessions() as session:
            await session.execute(update(Shipment).where(Shipment.id == int(fields["id"])).values(state="returned"))
            await session.commit()
