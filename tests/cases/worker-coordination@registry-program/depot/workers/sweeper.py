import asyncio

from sqlalchemy import select, update

from depot.models import Shipment
from depot.workers import Context


class StaleSweeper:
    """Closes shipments left open; picked by name: `python -m depot.workers sweeper`."""

    name = "sweeper"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            async with self._ctx.sessions() as session:
                stale = (await session.execute(select(Shipment).where(Shipment.state == "open"))).scalars().all()  # expect: worker-coordination
                for shipment in stale:
                    await session.execute(update(Shipment).where(Shipment.id == shipment.id).values(state="closed"))
                await session.commit()
            await asyncio.sleep(300)


class ArchiveSweeper:
    """The same shape, but no program registers it: nothing runs it."""

    name = "archive"

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():
            async with self._ctx.sessions() as session:
                old = (await session.execute(select(Shipment).where(Shipment.state == "closed"))).scalars().all()
                for shipment in old:
                    await session.execute(update(Shipment).where(Shipment.id == shipment.id).values(state="archived"))
                await session.commit()
            await asyncio.sleep(3600)
