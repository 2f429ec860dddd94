"""Event and venue queries (SQLAlchemy)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Event, Seat, SeatHold, Venue
from svc.errors import NotFound


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, event_id: int) -> Event:
        event = await self._session.get(Event, event_id)
        if event is None:
            raise NotFound(f"event {event_id} not found")
        return event

    async def upcoming_with_venues(self, after: datetime, limit: int = 50) -> Sequence[Event]:
        stmt = (
            select(Event)
            .options(selectinload(Event.venue))
            .where(Event.starts_at > after)
            .order_by(Event.starts_at)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def search(self, text: str, limit: int = 25) -> Sequence[Event]:
        stmt = select(Event).where(Event.title.ilike(f"%{text}%")).order_by(Event.starts_at).limit(limit)
        return (await self._session.scalars(stmt)).all()



class VenueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def venue(self, venue_id: int) -> Venue:
        venue = await self._session.scalar(select(Venue).where(Venue.id == venue_id))
        if venue is None:
            raise NotFound(f"venue {venue_id} not found")
        return venue

    async def seats(self, venue_id: int) -> Sequence[Seat]:
        stmt = select(Seat).where(Seat.venue_id == venue_id).order_by(Seat.section, Seat.row_label, Seat.number)
        return (await self._session.scalars(stmt)).all()


class HoldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_session(self, session_id: str) -> Sequence[SeatHold]:
        stmt = select(SeatHold).where(SeatHold.session_id == session_id)
        return (await self._session.scalars(stmt)).all()

    async def for_event(self, event_id: int) -> Sequence[SeatHold]:
        stmt = select(SeatHold).where(SeatHold.event_id == event_id, SeatHold.expires_at > datetime.now().astimezone())
        return (await self._session.scalars(stmt)).all()

