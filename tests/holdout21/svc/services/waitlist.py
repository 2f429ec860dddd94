"""Waitlists: joining, and promoting waitlisted members when seats open."""
from __future__ import annotations

import asyncio
import logging

from svc.config import Settings
from svc.db.postgres import Database
from svc.errors import Conflict, NotFound
from svc.repositories.bookings import BookingRepository
from svc.services.notifications import Notifier

logger = logging.getLogger(__name__)


class WaitlistService:
    def __init__(self, settings: Settings, db: Database, bookings: BookingRepository, notifier: Notifier) -> None:
        self._hold_minutes = settings.waitlist_hold_minutes
        self._db = db
        self._bookings = bookings
        self._notifier = notifier

    async def join(self, member_id: int, class_id: int, priority: bool = False) -> int:
        async with self._db.transaction() as conn:
            position = await self._bookings.join_waitlist(conn, class_id, member_id, priority)
        if position is None:
            raise Conflict("already on the waitlist")
        return position

    async def promote(self, class_id: int) -> list[int]:
        """Fill open seats from the head of the waitlist, priority members first."""
        async with self._db.transaction() as conn:
            info = await conn.fetchrow(
                "SELECT title, capacity, booked_count FROM class_sessions WHERE id = $1 FOR UPDATE", class_id
            )
            if info is None:
                raise NotFound(f"class {class_id} not found")
            open_seats = info["capacity"] - info["booked_count"]
            if open_seats <= 0:
                return []
            entries = await self._bookings.next_waitlisted(conn, class_id, limit=open_seats * 3)
            chosen = sorted(entries, key=lambda e: (not e["priority"], e["position"]))[:open_seats]
            promoted = await self._bookings.insert_bookings_bulk(conn, class_id, [e["member_id"] for e in chosen])
            await self._bookings.remove_waitlist_entries(conn, [e["id"] for e in chosen])
        for member_id in promoted:
            asyncio.create_task(self._notifier.notify_promoted(member_id, info["title"], self._hold_minutes))
        logger.info("promoted %d members into class %s", len(promoted), class_id)
        return promoted
