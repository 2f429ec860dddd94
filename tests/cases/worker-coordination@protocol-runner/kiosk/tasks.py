from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from kiosk.models import Ticket


class ArchiveTickets:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def perform(self) -> None:
        cutoff = 30
        await self._archive(cutoff)  # expect: worker-coordination
        await self._purge()

    async def _archive(self, days: int) -> None:
        async with self._sessions() as session:
            await session.execute(update(Ticket).where(Ticket.age > days).values(archived=True))
            await session.commit()

    async def _purge(self) -> None:
        async with self._sessions() as session:
            await session.execute(delete(Ticket).where(Ticket.archived.is_(True)))
            await session.commit()
