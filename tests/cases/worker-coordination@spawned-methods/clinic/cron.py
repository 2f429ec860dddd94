"""Recurring chores of the clinic API, started with the app."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clinic.db import Appointment, Session

log = logging.getLogger(__name__)

Chore = Callable[[], Awaitable[None]]


class Chores:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._running: list[asyncio.Task] = []

    def begin(self, listener: Chore) -> None:
        self._repeat("no-shows", self._mark_no_shows, 120)
        self._repeat("reminders-gc", self._drop_old_reminders, 600)
        self._running.append(asyncio.create_task(self._forever(listener)))

    def _repeat(self, label: str, chore: Chore, seconds: float) -> None:
        self._running.append(asyncio.create_task(self._cycle(label, chore, seconds)))

    async def _cycle(self, label: str, chore: Chore, seconds: float) -> None:
        while True:
            try:
                await chore()
            except Exception:
                log.exception("chore %s failed", label)
            await asyncio.sleep(seconds)

    async def _forever(self, listener: Chore) -> None:
        while True:
            await listener()

    async def _mark_no_shows(self) -> None:
        async with Session() as session:
            await close_missed(session)  # expect: worker-coordination

    async def _drop_old_reminders(self) -> None:
        """One replica at a time: the lock expires before the next round."""
        async with self._redis.lock("clinic:reminders-gc", timeout=500, blocking=False):
            await self._redis.delete("reminders:old")


async def close_missed(session: AsyncSession) -> None:
    await session.execute(update(Appointment).where(Appointment.state == "booked").values(state="no_show"))
    await session.commit()
