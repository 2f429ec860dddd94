from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..models import Booking, Member, Space
from ..repositories.bookings import BookingRepository
from ..repositories.locations import LocationRepository
from ..utils.concurrency import KeyedLocks, TaskTracker
from ..utils.timeutil import day_bounds, utcnow
from .availability import AvailabilityService
from .notifications import Notifier
from .pricing import PricingService
from .subscriptions import SubscriptionService

logger = logging.getLogger(__name__)

MAX_BOOKING_HOURS = 10


class BookingService:
    def __init__(self, session: AsyncSession, availability: AvailabilityService, pricing: PricingService,
                 subscriptions: SubscriptionService, notifier: Notifier, room_locks: KeyedLocks,
                 tasks: TaskTracker) -> None:
        self._session = session
        self._availability = availability
        self._pricing = pricing
        self._subscriptions = subscriptions
        self._notifier = notifier
        self._room_locks = room_locks
        self._tasks = tasks
        self._bookings = BookingRepository(session)
        self._locations = LocationRepository(session)

    async def create_room_booking(self, member: Member, space_id: int, starts_at: datetime, ends_at: datetime,
                                  title: str | None = None, promo_code: str | None = None) -> Booking:
        if ends_at <= starts_at:
            raise ValidationFailed("booking must end after it starts")
        if (ends_at - starts_at).total_seconds() > MAX_BOOKING_HOURS * 3600:
            raise ValidationFailed(f"bookings are limited to {MAX_BOOKING_HOURS} hours")
        space = await self._locations.get_space(space_id)
        if space is None or space.kind != "room" or not space.active:
            raise NotFound("meeting room not found")
        location = await self._locations.get(space.location_id)
        assert location is not None

        overlapping = await self._bookings.find_overlapping(space_id, starts_at, ends_at)
        if overlapping:
            raise Conflict("room is already booked for part of that time", booking_ids=[b.id for b in overlapping])

        quote = await self._pricing.quote(space, location, starts_at, ends_at, member, promo_code)
        covered = await self._subscriptions.consume_credits(member.id, quote.hours)
        booking = Booking(space_id=space_id, member_id=member.id, title=title, starts_at=starts_at, ends_at=ends_at,
                          credits_used=covered, price_pence=quote.price_for(quote.hours - covered))
        await self._bookings.add(booking)
        await self._session.commit()
        logger.info("booking %s: member %s room %s %s-%s", booking.id, member.id, space_id, starts_at, ends_at)

        await self._availability.invalidate(space.location_id, starts_at.date())
        self._notifier.send_booking_confirmation(booking, member)
        return booking

    async def book_desk(self, member: Member, location_id: int, day: date) -> Booking:
        location = await self._locations.get(location_id)
        if location is None:
            raise NotFound("location not found")
        start, end = day_bounds(day, location.timezone)
        # Lock the location's desk rows for the rest of the transaction so two members
        # cannot both be handed the last free desk.
        desks = list((await self._session.execute(
            select(Space)
            .where(Space.location_id == location_id, Space.kind == "desk", Space.active.is_(True))
            .order_by(Space.id)
            .with_for_update()
        )).scalars())
        taken = await self._bookings.booked_space_ids([d.id for d in desks], start, end)
        free = [desk for desk in desks if desk.id not in taken]
        if not free:
            await self._session.rollback()
            raise Conflict("no hot desks left at this location for that day")
        booking = Booking(space_id=free[0].id, member_id=member.id, starts_at=start, ends_at=end, price_pence=0)
        await self._bookings.add(booking)
        await self._session.commit()
        self._tasks.spawn(self._availability.invalidate(location_id, day), name=f"invalidate-{location_id}")
        return booking

    async def move_booking(self, booking_id: int, member: Member, new_space_id: int) -> Booking:
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.member_id != member.id:
            raise NotFound("booking not found")
        async with self._room_locks.hold(f"space:{booking.space_id}"):
            target = await self._locations.get_space(new_space_id)
            if target is None or target.kind != "room":
                raise NotFound("meeting room not found")
            async with self._room_locks.hold(f"space:{new_space_id}"):
                clash = await self._bookings.find_overlapping(new_space_id, booking.starts_at, booking.ends_at)
                if clash:
                    raise Conflict("target room is taken at that time")
                booking.space_id = new_space_id
                await self._session.commit()
        await self._availability.invalidate(target.location_id, booking.starts_at.date())
        return booking

    async def swap_bookings(self, first_id: int, second_id: int, member: Member) -> tuple[Booking, Booking]:
        first = await self._bookings.get(first_id)
        second = await self._bookings.get(second_id)
        if first is None or second is None:
            raise NotFound("booking not found")
        if first.member_id != member.id or second.member_id != member.id:
            raise Forbidden("both bookings must be yours")
        async with AsyncExitStack() as stack:
            for key in sorted({f"space:{first.space_id}", f"space:{second.space_id}"}):
                await stack.enter_async_context(self._room_locks.hold(key))
            first.space_id, second.space_id = second.space_id, first.space_id
            await self._session.commit()
        return first, second

    async def cancel(self, booking_id: int, member: Member) -> Booking:
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.member_id != member.id:
            raise NotFound("booking not found")
        if booking.starts_at <= utcnow():
            raise Conflict("booking has already started")
        booking.status = "cancelled"
        if booking.credits_used:
            await self._subscriptions.refund_credits(member.id, booking.credits_used)
        await self._session.commit()
        space = await self._locations.get_space(booking.space_id)
        if space is not None:
            await self._availability.invalidate(space.location_id, booking.starts_at.date())
        return booking

    async def list_member_bookings(self, member: Member, upcoming_only: bool = True) -> list[Booking]:
        start = utcnow() if upcoming_only else None
        return await self._bookings.list_for_member(member.id, since=start)
