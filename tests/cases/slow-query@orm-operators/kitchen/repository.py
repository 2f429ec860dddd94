from datetime import date
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Ticket


async def search(session: AsyncSession, text: str) -> Sequence[Ticket]:
    pattern = f"%{text}%"
    stmt = (
        select(Ticket)
        .where(Ticket.title.ilike(pattern) | Ticket.note.ilike(pattern))  # expect: slow-query
        .limit(20)
    )
    return (await session.scalars(stmt)).all()


async def search_prefix(session: AsyncSession, text: str) -> Sequence[Ticket]:
    # look-alike: a prefix match, which an index can serve
    stmt = select(Ticket).where(Ticket.code.like(f"{text}%") & (Ticket.state == "open")).limit(20)
    return (await session.scalars(stmt)).all()


async def closed_on(session: AsyncSession, station_id: int, day: date) -> Sequence[Ticket]:
    stmt = select(Ticket).where(
        Ticket.station_id == station_id,
        Ticket.state == "closed",
        func.date(Ticket.opened_at) == day,  # expect: slow-query
    ).limit(500)
    return (await session.scalars(stmt)).all()


async def by_code_on(session: AsyncSession, code: str, day: date) -> Ticket | None:
    # look-alike: the unique code finds the row whatever the date test does
    stmt = select(Ticket).where(Ticket.code == code, Ticket.state == "closed", func.date(Ticket.opened_at) == day)
    return await session.scalar(stmt)
