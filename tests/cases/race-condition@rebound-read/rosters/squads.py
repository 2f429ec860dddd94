"""Squad settings: the squad is read again before each step that needs it fresh."""
from __future__ import annotations

from typing import Optional

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Squad

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()


async def get_squad(squad_id: str) -> Optional[Squad]:
    async with SessionLocal() as session:
        return await session.get(Squad, squad_id)


async def add_reserve_squad(league: str, coach_id: str) -> None:
    async with SessionLocal() as session:
        session.add(Squad(id=f"reserve-{coach_id}", league=league, coach_id=coach_id))
        await session.commit()


async def update_squad(squad_id: str, league: Optional[str], with_reserve: bool) -> None:
    if league is None:
        squad = await get_squad(squad_id)
        league = squad.league
    if with_reserve:
        squad = await get_squad(squad_id)  # expect: race-condition
        if squad.coach_id is None:
            await add_reserve_squad(league, squad_id)
