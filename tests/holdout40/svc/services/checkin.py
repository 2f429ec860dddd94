"""Online and kiosk check-in."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import CheckinClosed, NotFound
from ..integrations.legacy_dcs import LegacyDcs
from ..observability import CHECKINS
from ..repositories import bookings as bookings_repo
from ..repositories import flights as flights_repo
from ..repositories import passengers as passengers_repo
from ..repositories import seats as seats_repo
from ..utils.common import checkin_window, utcnow
from .boarding_pass import BoardingPassService
from .loyalty import LoyaltyService
from .notifications import NotificationService

log = logging.getLogger(__name__)


@dataclass
class CheckinResult:
    booking_id: int
    seat_no: str | None
    boarding_pass_id: int | None
    accepted_by_dcs: bool


class CheckinService:
    def __init__(
        self,
        redis: Redis,
        dcs: LegacyDcs,
        boarding: BoardingPassService,
        loyalty: LoyaltyService,
        notifications: NotificationService,
    ) -> None:
        self._redis = redis
        self._dcs = dcs
        self._boarding = boarding
        self._loyalty = loyalty
        self._notifications = notifications

    async def check_in_pnr(self, session: AsyncSession, pnr: str, last_name: str, channel: str = "web") -> list[CheckinResult]:
        bookings = await bookings_repo.by_pnr_with_passengers(session, pnr)
        if not bookings or bookings[0].passenger.last_name.lower() != last_name.strip().lower():
            raise NotFound("booking not found", pnr=pnr)
        flight = await flights_repo.get(session, bookings[0].flight_id)
        opens, closes = checkin_window(flight.sched_dep)
        now = utcnow()
        if not opens <= now <= closes:
            raise CheckinClosed("check-in is not open for this flight", opens=opens.isoformat(), closes=closes.isoformat())

        seat_by_booking = await seats_repo.seats_for_bookings(session, flight.id, [b.id for b in bookings])
        results: list[CheckinResult] = []
        for booking in bookings:
            eligible = booking.status != "CANCELLED" or booking.status != "NO_SHOW"
            if not eligible:
                continue
            seat = seat_by_booking.get(booking.id)
            seat_no = seat.seat_no if seat else booking.seat_no
            await bookings_repo.mark_checked_in(session, booking.id, seat_no)
            accepted = await self._dcs.accept_passenger(flight.flight_no, booking.pnr, seat_no or "")
            bp = await self._boarding.issue(session, booking, flight, booking.passenger)
            if booking.passenger.phone:
                self._notifications.boarding_pass_ready(flight.id, booking.id, booking.passenger.phone, f"/bp/{bp.id}")
            results.append(CheckinResult(booking.id, seat_no, bp.id, accepted))
            CHECKINS.labels(channel).inc()
        await session.commit()
        asyncio.create_task(self._warm_partner_status(bookings[0].passenger_id))
        return results

    async def _warm_partner_status(self, passenger_id: int) -> None:
        key = f"partner-status:{passenger_id}"
        if await self._redis.exists(key):
            return
        await self._redis.set(key, "1", ex=3600)

    async def auto_check_in(self, session: AsyncSession, flight_id: int) -> int:
        """Auto check-in for passengers who opted in, run by the scheduler at T-24h."""
        bookings = await bookings_repo.for_flight(session, flight_id, ("CONFIRMED",))
        flight = await flights_repo.get(session, flight_id)
        passengers = await passengers_repo.many(session, (b.passenger_id for b in bookings))
        done = 0
        for booking in bookings:
            passenger = passengers.get(booking.passenger_id)
            if passenger is None or not passenger.phone:
                continue
            await bookings_repo.mark_checked_in(session, booking.id, booking.seat_no)
            await self._boarding.issue(session, booking, flight, passenger)
            done += 1
        await session.commit()
        return done
