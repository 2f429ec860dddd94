"""Hint and seat rows."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Hint, Seat

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()


class HintTable:
    async def by_id(self, hint_id: int) -> Optional[Hint]:
        async with SessionLocal() as session:
            return await session.get(Hint, hint_id)

    async def add_seat(self, lesson_id: str) -> None:
        async with SessionLocal() as session:
            await session.execute(insert(Seat).values(lesson_id=lesson_id))
            await session.commit()


Hints = HintTable()
