"""Loyalty programme: miles accrual, partner transfers and statements."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Booking
from ..errors import NotFound, OpsError
from ..integrations.partner_loyalty import PartnerLoyaltyClient
from ..observability import MILES_POSTED
from ..repositories import flights as flights_repo
from ..repositories import loyalty as loyalty_repo
from . import fare_rules

log = logging.getLogger(__name__)


def tier_for(tier_miles: int) -> str:
    if tier_miles >= 25_000:
        return "SILVER"
    elif tier_miles >= 50_000:
        return "GOLD"
    elif tier_miles >= 100_000:
        return "PLATINUM"
    return "BLUE"


class LoyaltyService:
    def __init__(self, partner: PartnerLoyaltyClient) -> None:
        self._partner = partner

    async def accrue_for_flight(self, session: AsyncSession, booking: Booking, distance: int) -> int:
        account = await loyalty_repo.account_for_passenger(session, booking.passenger_id)
        if account is None:
            return 0
        total, tier_miles = fare_rules.miles_for(distance, booking.fare_class, account.tier)
        if total == 0:
            return 0
        await loyalty_repo.credit(session, account.id, total, tier_miles)
        await loyalty_repo.add_ledger(session, account.id, total, "FLIGHT", booking_id=booking.id)
        await session.commit()
        await session.refresh(account)
        new_tier = tier_for(account.tier_miles)
        if new_tier != account.tier:
            account.tier = new_tier
            await session.commit()
        MILES_POSTED.labels("FLIGHT").inc()
        return total

    async def transfer_to_partner(self, session: AsyncSession, account_number: str, miles: int, partner_member: str) -> str:
        account = await loyalty_repo.account_by_number(session, account_number)
        if account is None:
            raise NotFound("loyalty account not found", number=account_number)
        if account.balance < miles:
            raise OpsError("insufficient miles", balance=account.balance)
        confirmation = await self._partner.credit_miles(partner_member, miles, f"{account.number}-{int(datetime.now().timestamp())}")
        account.balance = account.balance - miles
        await loyalty_repo.add_ledger(session, account.id, -miles, "PARTNER_OUT", partner_ref=confirmation)
        await session.commit()
        MILES_POSTED.labels("PARTNER_OUT").inc()
        return confirmation

    async def statement(self, session: AsyncSession, account_id: int, since: datetime) -> list[dict[str, Any]]:
        entries = await loyalty_repo.ledger_since(session, account_id, since)
        booking_ids = [e.booking_id for e in entries if e.booking_id is not None]
        bookings: dict[int, Booking] = {}
        if booking_ids:
            rows = (await session.execute(select(Booking).where(Booking.id.in_(booking_ids)))).scalars().all()
            bookings = {b.id: b for b in rows}
        flights = await flights_repo.many(session, list({b.flight_id for b in bookings.values()}))
        lines = []
        for entry in entries:
            booking = bookings.get(entry.booking_id) if entry.booking_id else None
            flight = flights.get(booking.flight_id) if booking else None
            lines.append(
                {
                    "date": entry.created_at.isoformat(),
                    "miles": entry.miles,
                    "source": entry.source,
                    "flight": flight.flight_no if flight else None,
                }
            )
        return lines
