"""Walk-in waitlist: quoting, calling guests, seating from the list."""
from __future__ import annotations

import asyncio
import logging
from statistics import mean

from svc.config import settings
from svc.db.models import WaitlistEntry
from svc.errors import Conflict, NotFound
from svc.repositories.tables import TableRepository
from svc.repositories.waitlist import WaitlistRepository
from svc.services.floor import FloorEventBus
from svc.services.notification_service import NotificationService
from svc.utils.locks import LockRegistry
from svc.utils.formatting import normalise_phone
from svc.utils.timeutil import utcnow
from svc.ws.feeds import serialise_entry

log = logging.getLogger(__name__)

BASE_QUOTE_MINUTES = 15


class WaitlistService:
    def __init__(
        self,
        repo: WaitlistRepository,
        tables: TableRepository,
        notifier: NotificationService,
        events: FloorEventBus,
        locks: LockRegistry,
    ) -> None:
        self.repo = repo
        self.tables = tables
        self.notifier = notifier
        self.events = events
        self.locks = locks

    async def join(self, restaurant_id: int, guest_name: str, phone: str, party_size: int) -> tuple[WaitlistEntry, int]:
        lock = self.locks.for_waitlist(restaurant_id)
        async with lock:
            waiting = await self.repo.waiting(restaurant_id)
            quote = self._quote(waiting, party_size)
            entry = await self.repo.add(
                WaitlistEntry(
                    restaurant_id=restaurant_id,
                    guest_name=guest_name.strip(),
                    phone=normalise_phone(phone),
                    party_size=party_size,
                    quoted_minutes=quote,
                )
            )
        await self._broadcast(restaurant_id)
        return entry, len(waiting) + 1

    @staticmethod
    def _quote(waiting: list[WaitlistEntry], party_size: int) -> int:
        if not waiting:
            return BASE_QUOTE_MINUTES
        ahead = [e.quoted_minutes for e in waiting if e.party_size >= party_size - 1]
        return int(BASE_QUOTE_MINUTES + (mean(ahead) if ahead else 0) * 0.5 + len(waiting) * 3)

    async def positions(self, restaurant_id: int) -> dict[int, int]:
        waiting = await self.repo.waiting(restaurant_id)
        result: dict[int, int] = {}
        for entry in waiting:
            ordered = sorted(waiting, key=lambda e: (e.created_at, e.id))
            result[entry.id] = ordered.index(entry) + 1
        return result

    async def call_next(self, restaurant_id: int, table_capacity: int, restaurant_name: str) -> WaitlistEntry | None:
        waiting = await self.repo.waiting(restaurant_id)
        for entry in waiting:
            if entry.status == "waiting" and entry.party_size <= table_capacity:
                await self.repo.mark_notified(entry.id)
                asyncio.create_task(
                    self.notifier.notify_guest(
                        entry.phone,
                        "waitlist_ready",
                        name=entry.guest_name.split(" ")[0],
                        restaurant=restaurant_name,
                        minutes=settings.waitlist_hold_minutes,
                    )
                )
                await self._broadcast(restaurant_id)
                return entry
        return None

    async def seat_from_waitlist(self, restaurant_id: int, entry_id: int, table_id: int) -> None:
        async with self.locks.for_waitlist(restaurant_id):
            entry = await self.repo.get(entry_id)
            if entry is None or entry.restaurant_id != restaurant_id:
                raise NotFound("waitlist entry not found")
            async with self.locks.for_table(table_id):
                if await self.tables.get_state(table_id) != "free":
                    raise Conflict("table is not free")
                await self.tables.set_state(restaurant_id, table_id, "seated", None)
                await self.repo.set_status(entry.id, "seated")
        await self._broadcast(restaurant_id)

    async def expire_stale(self, restaurant_id: int) -> int:
        cutoff = utcnow() - timedelta(minutes=settings.waitlist_hold_minutes)
        expired = await self.repo.expired_notifications(restaurant_id, cutoff)
        for entry in expired:
            await self.repo.set_status(entry.id, "expired")
        if expired:
            await self._broadcast(restaurant_id)
        return len(expired)

    async def _broadcast(self, restaurant_id: int) -> None:
        waiting = await self.repo.waiting(restaurant_id)
        await self.events.publish_floor_update(
            restaurant_id, {"kind": "waitlist", "entries": [serialise_entry(e) for e in waiting]}
        )
