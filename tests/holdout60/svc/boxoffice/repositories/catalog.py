from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Event, PriceTier, PromoCode, Seat, Section, Venue


class VenueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, venue_id: int) -> Venue | None:
        return await self._session.get(Venue, venue_id)

    async def sections(self, venue_id: int) -> Sequence[Section]:
        result = await self._session.execute(
            select(Section).where(Section.venue_id == venue_id).order_by(Section.name)
        )
        return result.scalars().all()

    async def seats_with_sections(self, venue_id: int) -> list[tuple[Seat, Section]]:
        stmt = (
            select(Seat, Section)
            .join(Section, Seat.section_id == Section.id)
            .where(Section.venue_id == venue_id)
            .order_by(Section.id, Seat.row_label, Seat.number)
        )
        result = await self._session.execute(stmt)
        return [(seat, section) for seat, section in result.all()]

    async def get_seat(self, seat_id: int) -> Seat | None:
        return await self._session.get(Seat, seat_id)

    async def seats_by_ids(self, seat_ids: Sequence[int]) -> dict[int, Seat]:
        if not seat_ids:
            return {}
        result = await self._session.execute(select(Seat).where(Seat.id.in_(seat_ids)))
        return {seat.id: seat for seat in result.scalars()}

    async def set_layout_file(self, venue_id: int, filename: str) -> None:
        venue = await self._session.get(Venue, venue_id)
        if venue is None:
            raise LookupError(venue_id)
        venue.layout_file = filename
        await self._session.commit()


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, event_id: int) -> Event | None:
        return await self._session.get(Event, event_id)

    async def search(self, text: str) -> Sequence[Event]:
        pattern = f"%{text}%"
        stmt = (
            select(Event)
            .where(or_(Event.title.ilike(pattern), Event.description.ilike(pattern)))
            .order_by(Event.starts_at)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def upcoming(self, after: datetime, limit: int = 50) -> Sequence[Event]:
        stmt = (
            select(Event)
            .where(Event.starts_at >= after, Event.status == "on_sale")
            .order_by(Event.starts_at)
            .limit(limit)
        )
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def ended_between(self, start: datetime, end: datetime) -> Sequence[Event]:
        stmt = select(Event).where(Event.ends_at >= start, Event.ends_at < end, Event.status != "cancelled")
        result = await self._session.execute(stmt)
        return result.scalars().all()

    async def section_price(self, event_id: int, section_id: int) -> int | None:
        stmt = select(PriceTier.price_cents).where(
            PriceTier.event_id == event_id, PriceTier.section_id == section_id
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def prices(self, event_id: int) -> dict[int, int]:
        stmt = select(PriceTier.section_id, PriceTier.price_cents).where(PriceTier.event_id == event_id)
        return {section_id: cents for section_id, cents in (await self._session.execute(stmt)).all()}

    async def promo_by_code(self, code: str) -> PromoCode | None:
        stmt = select(PromoCode).where(PromoCode.code == code)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def update_price(self, event_id: int, section_id: int, price_cents: int) -> None:
        stmt = select(PriceTier).where(PriceTier.event_id == event_id, PriceTier.section_id == section_id)
        tier = (await self._session.execute(stmt)).scalar_one()
        tier.price_cents = price_cents
        await self._session.commit()
