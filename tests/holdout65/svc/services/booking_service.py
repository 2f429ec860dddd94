"""Booking lifecycle: create, list, cancel, seat, complete."""
from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Booking, Restaurant
from svc.errors import Conflict, NotFound
from svc.repositories.bookings import AuditRepository, BookingRepository
from svc.repositories.guests import GuestRepository
from svc.schemas import BookingCreate, BookingOut, DayBookingRow
from svc.services.availability import AvailabilityService
from svc.services.deposit_service import DepositService
from svc.services.guest_service import GuestService
from svc.services.table_assignment import TableAssigner
from svc.utils.timeutil import day_bounds

log = logging.getLogger(__name__)


class BookingService:
    def __init__(
        self,
        session: AsyncSession,
        bookings: BookingRepository,
        guests: GuestRepository,
        guest_service: GuestService,
        assigner: TableAssigner,
        deposits: DepositService,
        availability: AvailabilityService,
        audit: AuditRepository,
    ) -> None:
        self.session = session
        self.bookings = bookings
        self.guests = guests
        self.guest_service = guest_service
        self.assigner = assigner
        self.deposits = deposits
        self.availability = availability
        self.audit = audit

    async def create(self, restaurant: Restaurant, data: BookingCreate, actor: str = "guest") -> BookingOut:
        guest = await self.guest_service.find_or_create(data.first_name, data.last_name, data.phone, data.email)
        ends_at = data.starts_at + timedelta(minutes=restaurant.turn_minutes)
        assignment = await self.assigner.best_fit(restaurant.id, data.party_size, data.starts_at, ends_at)
        booking = await self.bookings.add(
            Booking(
                restaurant_id=restaurant.id,
                guest_id=guest.id,
                table_id=assignment.table_ids[0],
                party_size=data.party_size,
                starts_at=data.starts_at,
                ends_at=ends_at,
                channel=data.channel,
                special_requests=data.special_requests,
            )
        )
        client_secret = None
        amount = self.deposits.required_for(data.party_size, data.starts_at)
        if amount:
            intent = await self.deposits.start(booking, amount)
            client_secret = intent.client_secret
        await self.audit.record(actor, "booking.created", f"booking:{booking.id}", party=data.party_size)
        await self.session.commit()
        await self.availability.invalidate(restaurant.id, data.starts_at.date())
        return BookingOut(
            id=booking.id,
            restaurant_id=booking.restaurant_id,
            starts_at=booking.starts_at,
            party_size=booking.party_size,
            status=booking.status,
            table_id=booking.table_id,
            deposit_client_secret=client_secret,
        )

    async def list_for_day(self, restaurant: Restaurant, day: date) -> list[DayBookingRow]:
        start, end = day_bounds(day, restaurant.timezone)
        rows: list[DayBookingRow] = []
        for booking in await self.bookings.list_for_window(restaurant.id, start, end):
            guest = await self.guests.get(booking.guest_id)
            rows.append(
                DayBookingRow(
                    id=booking.id,
                    starts_at=booking.starts_at,
                    party_size=booking.party_size,
                    status=booking.status,
                    table_id=booking.table_id,
                    guest_name=f"{guest.first_name} {guest.last_name}" if guest else "?",
                    guest_tags=list(guest.tags or []) if guest else [],
                    visit_count=guest.visit_count if guest else 0,
                )
            )
        return rows

    async def service_sheet(self, restaurant: Restaurant, day: date) -> list[dict]:
        start, end = day_bounds(day, restaurant.timezone)
        bookings = await self.bookings.list_for_window(restaurant.id, start, end)
        guests = await self.guests.get_many(b.guest_id for b in bookings)
        tables = await self.assigner.tables.list_tables(restaurant.id)
        suggested = self.assigner.plan_evening(tables, [b for b in bookings if b.table_id is None])
        sheet = []
        for b in bookings:
            g = guests.get(b.guest_id)
            sheet.append({"time": b.starts_at.isoformat(), "covers": b.party_size, "table": b.table_id or suggested.get(b.id),
                          "name": f"{g.first_name} {g.last_name}" if g else "?", "notes": b.special_requests})
        return sheet

    async def cancel(self, booking_id: int, actor: str) -> dict:
        booking = await self.bookings.get_by_id(booking_id)
        if booking is None:
            raise NotFound("booking not found")
        if booking.status in ("seated", "completed", "cancelled"):
            raise Conflict(f"booking is {booking.status}")
        deposit_outcome = await self.deposits.release_on_cancel(booking)
        await self.bookings.set_status(booking.id, "cancelled")
        self.audit.record(actor, "booking.cancelled", f"booking:{booking.id}", deposit=deposit_outcome)
        await self.session.commit()
        await self.availability.invalidate(booking.restaurant_id, booking.starts_at.date())
        return {"id": booking.id, "status": "cancelled", "deposit": deposit_outcome}

    async def seat(self, booking_id: int, table_id: int) -> None:
        booking = await self.bookings.get(booking_id)
        if booking is None:
            raise NotFound("booking not found")
        await self.assigner.seat_booking(booking.restaurant_id, table_id, booking.id)
        await self.deposits.capture_on_seat(booking.id)
        await self.guests.record_visit(booking.guest_id)
        await self.session.commit()
