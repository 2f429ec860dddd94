from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Patron


class PatronRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, patron_id: int) -> Patron | None:
        return await self._session.get(Patron, patron_id)

    async def get_many(self, patron_ids: list[int]) -> dict[int, Patron]:
        if not patron_ids:
            return {}
        rows = await self._session.scalars(select(Patron).where(Patron.id.in_(patron_ids)))
        return {p.id: p for p in rows}

    async def by_card(self, card_number: str) -> Patron | None:
        return await self._session.scalar(select(Patron).where(Patron.card_number == card_number))

    async def by_email(self, email: str) -> Patron | None:
        stmt = select(Patron).where(func.lower(Patron.email) == email.lower())
        return await self._session.scalar(stmt)

    async def set_pin_hash(self, patron_id: int, pin_hash: str) -> None:
        await self._session.execute(update(Patron).where(Patron.id == patron_id).values(pin_hash=pin_hash))

    async def set_blocked(self, patron_id: int, blocked: bool) -> None:
        await self._session.execute(update(Patron).where(Patron.id == patron_id).values(blocked=blocked))
