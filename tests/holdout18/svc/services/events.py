"""Event catalogue, cart summary and cancellations."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from aiobreaker import CircuitBreakerError
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.clients.email import EmailSender, OutgoingMail
from svc.clients.pricing import PricingClient
from svc.config import settings
from svc.db.models import Event, Seat
from svc.repos import orders as orders_repo
from svc.repos.events import EventRepository, HoldRepository, VenueRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventCard:
    id: int
    title: str
    starts_at: datetime
    venue_name: str
    city: str
    from_price: str | None


def _card(event: Event, venue_name: str, city: str, prices: dict[str, Decimal] | None) -> EventCard:
    low = min(prices.values()) if prices else None
    return EventCard(event.id, event.title, event.starts_at, venue_name, city, str(low) if low is not None else None)


class EventService:
    def __init__(self, session: AsyncSession, pricing: PricingClient) -> None:
        self._session = session
        self._events = EventRepository(session)
        self._venues = VenueRepository(session)
        self._holds = HoldRepository(session)
        self._pricing = pricing

    async def _prices_or_none(self, event_ids: list[int]) -> dict[int, dict[str, Decimal]]:
        try:
            return await self._pricing.tier_prices_many(event_ids)
        except (httpx.HTTPError, CircuitBreakerError):
            logger.warning("pricing unavailable, listing without prices", exc_info=True)
            return {}

    async def upcoming(self, limit: int = 50) -> list[EventCard]:
        events = await self._events.upcoming_with_venues(datetime.now(timezone.utc), limit)
        prices = await self._prices_or_none([e.id for e in events])
        return [_card(e, e.venue.name, e.venue.city, prices.get(e.id)) for e in events]

    async def search(self, query: str) -> list[EventCard]:
        events = await self._events.search(query)
        venues = [await self._venues.venue(e.venue_id) for e in events]
        return [_card(e, v.name, v.city, None) for e, v in zip(events, venues)]

    async def cart(self, session_id: str) -> dict[str, Any]:
        holds = await self._holds.for_session(session_id)
        items = []
        for hold in holds:
            seat = await self._session.scalar(select(Seat).where(Seat.id == hold.seat_id))
            items.append(
                {
                    "event_id": hold.event_id,
                    "seat_id": hold.seat_id,
                    "label": f"{seat.section} {seat.row_label}{seat.number}",
                    "tier": seat.price_tier,
                    "expires_at": hold.expires_at.isoformat(),
                }
            )
        return {"session_id": session_id, "items": items}


class CancellationService:
    def __init__(self, pool: asyncpg.Pool, email: EmailSender) -> None:
        self._pool = pool
        self._email = email

    async def cancel_event(self, event_id: int, reason: str) -> int:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            async with conn.transaction():
                await conn.execute("UPDATE events SET status = 'cancelled' WHERE id = $1", event_id)
                orders = await orders_repo.orders_for_event(conn, event_id)
        await asyncio.gather(
            *(
                self._email.send(OutgoingMail(to=o["customer_email"], subject="Event cancelled", body=reason))
                for o in orders
            )
        )
        return len(orders)


_SALES_BY_SECTION = text(
    "SELECT s.section, count(*) AS sold, sum(o.total) AS gross "
    "FROM tickets t JOIN orders o ON o.id = t.order_id JOIN seats s ON s.id = t.seat_id "
    "WHERE o.event_id = :event_id AND o.status IN ('captured', 'settled') GROUP BY s.section"
)


async def sales_report(event_id: int) -> list[dict[str, Any]]:
    """Per-section sales for the organiser dashboard, read from the replica."""
    report_engine = create_async_engine(settings.reporting_database_url, pool_size=2, pool_timeout=10)
    try:
        async with report_engine.connect() as conn:
            result = await conn.execute(_SALES_BY_SECTION, {"event_id": event_id})
            return [dict(row._mapping) for row in result]
    finally:
        await report_engine.dispose()
