"""Booking, cancelling and instructor walk-ins."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from svc.cache import RedisRateLimiter
from svc.db.postgres import Database
from svc.errors import ClassFull, Conflict, NotFound, RateLimited
from svc.repositories.bookings import BookingRepository
from svc.repositories.members import MemberRepository
from svc.services.notifications import Notifier
from svc.services.waitlist import WaitlistService

logger = logging.getLogger(__name__)


class BookingService:
    def __init__(
        self,
        db: Database,
        bookings: BookingRepository,
        members: MemberRepository,
        waitlist: WaitlistService,
        notifier: Notifier,
        limiter: RedisRateLimiter,
    ) -> None:
        self._db = db
        self._bookings = bookings
        self._members = members
        self._waitlist = waitlist
        self._notifier = notifier
        self._limiter = limiter
        self._background: set[asyncio.Task[None]] = set()

    async def book(self, member_id: int, class_id: int) -> int:
        if not await self._limiter.hit(f"member:{member_id}"):
            raise RateLimited("slow down")
        async with self._db.transaction() as conn:
            if not await self._bookings.reserve_seat(conn, class_id):
                raise ClassFull("class is full, join the waitlist instead")
            booking_id = await self._bookings.insert_booking(conn, class_id, member_id)
            if booking_id is None:
                raise Conflict("already booked")
        return booking_id

    async def add_walk_in(self, class_id: int, member_id: int) -> int:
        info = await self._bookings.class_capacity(class_id)
        if info is None:
            raise NotFound(f"class {class_id} not found")
        booked = await self._bookings.active_count(class_id)
        if booked >= info["capacity"]:
            raise ClassFull("studio is at capacity")
        return await self._bookings.insert_walk_in(class_id, member_id)

    async def cancel(self, member_id: int, class_id: int) -> None:
        async with self._db.transaction() as conn:
            if not await self._bookings.cancel(conn, class_id, member_id):
                raise NotFound("no active booking for this class")
            await self._bookings.release_seat(conn, class_id)
        self._notifier.send_push(member_id, "Booking cancelled", "Your class credit has been returned.")
        task = asyncio.create_task(self._waitlist.promote(class_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def roster(self, class_id: int) -> list[dict[str, Any]]:
        rows = await self._bookings.roster(class_id)
        roster = []
        for row in rows:
            name = await self._members.display_name(row["member_id"])
            roster.append({"member_id": row["member_id"], "name": name, "status": row["status"]})
        return roster

    async def roster_with_contacts(self, class_id: int) -> list[dict[str, Any]]:
        rows = await self._bookings.roster(class_id)
        members = {m["id"]: m for m in await self._members.get_many([r["member_id"] for r in rows])}
        return [
            {"member_id": r["member_id"], "email": members[r["member_id"]]["email"], "status": r["status"]}
            for r in rows
            if r["member_id"] in members
        ]

    async def upcoming_for_member(self, member_id: int) -> list[dict[str, Any]]:
        rows = await self._bookings.for_member(member_id, datetime.now(timezone.utc))
        return [dict(r) for r in rows]
