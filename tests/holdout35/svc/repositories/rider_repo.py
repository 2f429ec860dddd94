"""Rider persistence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import PromoCode, Rider


class RiderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, rider_id: int) -> Rider | None:
        return await self.session.get(Rider, rider_id)

    async def by_phone(self, phone: str) -> Rider | None:
        return (await self.session.scalars(select(Rider).where(Rider.phone == phone))).first()

    async def create(self, phone: str, name: str, email: str | None) -> Rider:
        rider = Rider(phone=phone, name=name, email=email)
        self.session.add(rider)
        await self.session.flush()
        return rider

    async def promo(self, code: str) -> PromoCode | None:
        return await self.session.get(PromoCode, code)
