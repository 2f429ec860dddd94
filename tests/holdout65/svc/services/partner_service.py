"""Bookings arriving from partner channels (marketplaces, concierge apps)."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.partner import PartnerClient
from svc.db.models import PartnerEvent, Restaurant
from svc.errors import NotFound
from svc.repositories.bookings import BookingRepository
from svc.schemas import BookingCreate, PartnerBookingEvent
from svc.services.booking_service import BookingService

log = logging.getLogger(__name__)

_processed_events: set[str] = set()


class PartnerBookingService:
    def __init__(
        self,
        session: AsyncSession,
        bookings: BookingRepository,
        booking_service: BookingService,
        client: PartnerClient,
    ) -> None:
        self.session = session
        self.bookings = bookings
        self.booking_service = booking_service
        self.client = client

    async def _restaurant(self, slug: str) -> Restaurant:
        restaurant = (await self.session.scalars(select(Restaurant).where(Restaurant.slug == slug))).first()
        if restaurant is None:
            raise NotFound(f"unknown restaurant {slug}")
        return restaurant

    async def handle(self, partner: str, event: PartnerBookingEvent) -> dict:
        dedupe_key = f"{partner}:{event.event_id}"
        if dedupe_key in _processed_events:
            return {"status": "duplicate"}
        restaurant = await self._restaurant(event.restaurant_slug)
        if event.type == "booking.created":
            result = await self._create(partner, restaurant, event)
        elif event.type == "booking.cancelled":
            result = await self._cancel(partner, event)
        else:
            log.info("ignoring partner %s event type %s", partner, event.type)
            result = {"status": "ignored"}
        self.session.add(PartnerEvent(partner=partner, event_id=event.event_id, kind=event.type))
        await self.session.commit()
        _processed_events.add(dedupe_key)
        return result

    async def _create(self, partner: str, restaurant: Restaurant, event: PartnerBookingEvent) -> dict:
        guest = event.guest
        data = BookingCreate(
            restaurant_id=restaurant.id,
            starts_at=event.starts_at,
            party_size=event.party_size,
            first_name=guest.get("first_name", ""),
            last_name=guest.get("last_name", ""),
            phone=guest["phone"],
            email=guest.get("email"),
            channel=f"partner:{partner}",
        )
        out = await self.booking_service.create(restaurant, data, actor=f"partner:{partner}")
        booking = await self.bookings.get(out.id)
        if booking is not None:
            booking.partner_reference = event.reference
        if event.callback_url:
            await self.client.confirm_booking(partner, event.callback_url, out.id, event.reference, "confirmed")
        return {"status": "created", "booking_id": out.id}

    async def _cancel(self, partner: str, event: PartnerBookingEvent) -> dict:
        booking = await self.bookings.find_by_partner_reference(event.reference)
        if booking is None:
            raise NotFound(f"no booking for partner reference {event.reference}")
        outcome = await self.booking_service.cancel(booking.id, actor=f"partner:{partner}")
        return {"status": "cancelled", "deposit": outcome["deposit"]}
