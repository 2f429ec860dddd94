from __future__ import annotations

import logging
from datetime import timedelta

from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.stores import seatmap_cache
from ..config import Settings
from ..db.models import SeatHold
from ..errors import HoldLimitExceeded, NotFound, SeatUnavailable
from ..observability import HOLDS_CREATED
from ..repositories import holds as holds_repo
from ..repositories import seats as seats_repo
from ..utils.common import utcnow
from .locks import locks

log = logging.getLogger(__name__)


class HoldService:
    def __init__(self, redis: Redis, settings: Settings) -> None:
        self._redis = redis
        self._settings = settings

    async def _daily_attempts(self, passenger_id: int) -> int:
        key = f"holds:daily:{passenger_id}:{utcnow():%Y%m%d}"
        current = await self._redis.get(key)
        attempts = int(current or 0) + 1
        await self._redis.set(key, attempts, ex=86_400)
        return attempts

    async def place_hold(self, session: AsyncSession, flight_id: int, seat_no: str, passenger_id: int) -> SeatHold:
        now = utcnow()
        if await self._daily_attempts(passenger_id) > self._settings.max_holds_per_passenger * 5:
            raise HoldLimitExceeded("too many hold attempts today", passenger_id=passenger_id)
        if await holds_repo.count_for_passenger(session, passenger_id, now) >= self._settings.max_holds_per_passenger:
            raise HoldLimitExceeded("hold limit reached", passenger_id=passenger_id)

        existing = await holds_repo.find_active(session, flight_id, seat_no, now)
        if existing is not None:
            raise SeatUnavailable(f"seat {seat_no} is held", seat=seat_no)
        seat = await seats_repo.get_seat(session, flight_id, seat_no)
        if seat is None or seat.status != "OPEN":
            raise SeatUnavailable(f"seat {seat_no} is not available", seat=seat_no)

        async with locks.seat(flight_id, seat_no):
            async with locks.flight(flight_id):
                hold = await holds_repo.create(
                    session, flight_id, seat_no, passenger_id, now + timedelta(seconds=self._settings.hold_ttl_seconds)
                )
                await session.commit()
        seatmap_cache.invalidate(flight_id)
        HOLDS_CREATED.labels(seat.cabin).inc()
        log.info("hold %s placed on %s/%s for passenger %s", hold.id, flight_id, seat_no, passenger_id)
        return hold

    async def confirm_hold(self, session: AsyncSession, hold_id: int, booking_id: int) -> str:
        hold = await session.get(SeatHold, hold_id)
        if hold is None or hold.released:
            raise NotFound("hold not found", hold_id=hold_id)
        try:
            claimed = await seats_repo.claim_open_seat(session, hold.flight_id, hold.seat_no, booking_id)
            hold.released = True
            await session.commit()
        except IntegrityError:
            await session.rollback()
            raise SeatUnavailable(f"seat {hold.seat_no} was claimed concurrently", seat=hold.seat_no)
        if not claimed:
            raise SeatUnavailable(f"seat {hold.seat_no} was taken", seat=hold.seat_no)
        seatmap_cache.invalidate(hold.flight_id)
        return hold.seat_no

    async def release_hold(self, session: AsyncSession, hold_id: int) -> None:
        hold = await session.get(SeatHold, hold_id)
        if hold is None:
            return
        async with locks.hold_many([f"flight:{hold.flight_id}", f"seat:{hold.flight_id}:{hold.seat_no}"]):
            hold.released = True
            await session.commit()
        seatmap_cache.invalidate(hold.flight_id)
