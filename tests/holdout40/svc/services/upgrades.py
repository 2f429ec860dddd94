"""Waitlist upgrades: move waitlisted passengers into open premium seats."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import WaitlistEntry
from ..observability import UPGRADES
from ..repositories import bookings as bookings_repo
from ..repositories import loyalty as loyalty_repo
from ..repositories import seats as seats_repo
from ..repositories import waitlist as waitlist_repo

log = logging.getLogger(__name__)

TIER_RANK = {"PLATINUM": 4, "GOLD": 3, "SILVER": 2, "BLUE": 1}


class UpgradeService:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def _assign(self, session: AsyncSession, entry: WaitlistEntry, seat_no: str) -> bool:
        await self._lock.acquire()
        try:
            if not await seats_repo.claim_open_seat(session, entry.flight_id, seat_no, entry.booking_id):
                return False
            await bookings_repo.upgrade_cabin(session, entry.booking_id, entry.cabin, seat_no)
            await waitlist_repo.set_state(session, entry.id, "UPGRADED")
            return True
        finally:
            self._lock.release()

    async def process_flight(self, session: AsyncSession, flight_id: int, cabin: str = "J") -> int:
        async with self._lock:
            seats = await seats_repo.for_flight(session, flight_id)
            open_seats = [s.seat_no for s in seats if s.cabin == cabin and s.status == "OPEN"]
            if not open_seats:
                return 0
            entries = await waitlist_repo.waiting(session, flight_id, cabin)
            ranked: list[tuple[int, int, WaitlistEntry]] = []
            for entry in entries:
                account = await loyalty_repo.account_for_passenger(session, entry.passenger_id)
                rank = TIER_RANK.get(account.tier, 0) if account else 0
                ranked.append((-rank, entry.priority, entry))
            ranked.sort(key=lambda item: item[:2])
            granted = 0
            for _, _, entry in ranked:
                if not open_seats:
                    break
                if await self._assign(session, entry, open_seats[0]):
                    open_seats.pop(0)
                    granted += 1
                    UPGRADES.labels(cabin).inc()
            await session.commit()
        log.info("flight %s: %d upgrades into %s", flight_id, granted, cabin)
        return granted

    async def rank_preview(self, session: AsyncSession, flight_id: int, cabin: str) -> list[dict]:
        entries = await waitlist_repo.waiting(session, flight_id, cabin)
        accounts = await loyalty_repo.accounts_for_passengers(session, [e.passenger_id for e in entries])
        preview = []
        for entry in entries:
            account = accounts.get(entry.passenger_id)
            preview.append({"entry": entry.id, "tier": account.tier if account else None, "priority": entry.priority})
        preview.sort(key=lambda p: (-TIER_RANK.get(p["tier"] or "", 0), p["priority"]))
        return preview
