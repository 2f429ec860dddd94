from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import ResaleListing, Ticket


class ResaleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, ticket_id: int, event_id: int, seller_id: int, price_cents: int) -> ResaleListing:
        listing = ResaleListing(ticket_id=ticket_id, event_id=event_id, seller_id=seller_id, price_cents=price_cents)
        self._session.add(listing)
        await self._session.commit()
        return listing

    async def get(self, listing_id: int) -> ResaleListing | None:
        return await self._session.get(ResaleListing, listing_id)

    async def active_for_event(self, event_id: int, limit: int = 100) -> Sequence[ResaleListing]:
        stmt = (
            select(ResaleListing)
            .where(ResaleListing.event_id == event_id, ResaleListing.status == "active")
            .order_by(ResaleListing.price_cents)
            .limit(limit)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def mark_sold(self, listing_id: int, buyer_id: int) -> None:
        await self._session.execute(
            update(ResaleListing).where(ResaleListing.id == listing_id).values(status="sold", buyer_id=buyer_id)
        )
        await self._session.commit()

    async def ticket_for_update(self, ticket_id: int) -> Ticket | None:
        stmt = select(Ticket).where(Ticket.id == ticket_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()
