"""Depot workers handed to a restarting wrapper, one per item of a list."""
import asyncio
import logging
from typing import Awaitable, Callable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from depot.models import Parcel

log = logging.getLogger(__name__)


async def supervise(factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
        except Exception:
            log.exception("depot worker crashed")
        await asyncio.sleep(delay)
        delay = min(delay * 2, 60.0)


class StaleParcels:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def run(self) -> None:
        while True:
            async with self.sessions() as session:
                stale = (await session.execute(select(Parcel).where(Parcel.status == "scanned"))).scalars().all()  # expect: worker-coordination
                for parcel in stale:
                    await session.execute(update(Parcel).where(Parcel.id == parcel.id).values(status="lost"))
                await session.commit()
            await asyncio.sleep(900)


class RouteWarmer:
    """Only fills this process's memory: every process needs its own copy."""

    def __init__(self) -> None:
        self.routes: dict[str, list[str]] = {}

    async def run(self) -> None:
        while True:
            self.routes = {"north": ["a", "b"], "south": ["c"]}
            await asyncio.sleep(300)
