"""Booking, host sheets, lookups and cancellations."""

from __future__ import annotations

import asyncio
import logging
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, EmailStr, Field

from svc.cache import JsonCache
from svc.clients.partners import LoyaltyClient, WebhookDispatcher
from svc.errors import ConflictError, NotFoundError
from svc.realtime.hub import FloorHub
from svc.repositories.guests import GuestRepository
from svc.repositories.reservations import ReservationRepository
from svc.services.availability import AvailabilityService
from svc.services.deposits import DepositService

logger = logging.getLogger(__name__)

WAIVED_TIERS = frozenset({"gold", "platinum"})
_CODE_ALPHABET = string.ascii_uppercase + string.digits


@dataclass(frozen=True, slots=True)
class VenueInfo:
    id: int
    group_id: int
    name: str
    timezone: str
    service_hours: str
    deposit_from_covers: int
    deposit_cents_per_cover: int
    currency: str
    webhook_urls: list[str] = field(default_factory=list)


class BookingRequest(BaseModel):
    hold_id: str
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(min_length=1, max_length=80)
    email: EmailStr
    phone: str = Field(pattern=r"^\+[1-9]\d{6,14}$")
    source: str = "widget"


def new_confirmation_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


class ReservationService:
    def __init__(
        self,
        repo: ReservationRepository,
        guests: GuestRepository,
        availability: AvailabilityService,
        deposits: DepositService,
        loyalty: LoyaltyClient,
        webhooks: WebhookDispatcher,
        cache: JsonCache,
        hub: FloorHub,
    ) -> None:
        self._repo = repo
        self._guests = guests
        self._availability = availability
        self._deposits = deposits
        self._loyalty = loyalty
        self._webhooks = webhooks
        self._cache = cache
        self._hub = hub

    async def book(self, venue: VenueInfo, req: BookingRequest) -> dict[str, Any]:
        hold = await self._availability.take_hold(req.hold_id)
        guest_id = await self._guests.upsert(venue.group_id, req.email, req.phone, req.first_name, req.last_name)
        tier = await self._loyalty.get_tier(venue.group_id, req.phone)
        needs_deposit = hold.party_size >= venue.deposit_from_covers and tier not in WAIVED_TIERS
        row = await self._repo.create(
            venue_id=venue.id,
            guest_id=guest_id,
            table_id=hold.table_id,
            party_size=hold.party_size,
            starts_at=hold.starts_at,
            ends_at=hold.ends_at,
            code=new_confirmation_code(),
            source=req.source,
            status="pending_deposit" if needs_deposit else "booked",
        )
        deposit: dict[str, Any] | None = None
        if needs_deposit:
            amount = hold.party_size * venue.deposit_cents_per_cover
            deposit = await self._deposits.request_deposit(row["id"], amount, venue.currency, f"guest:{guest_id}")
        self._cache.invalidate(f"availability:{venue.id}:{hold.starts_at.date()}")
        asyncio.create_task(self._webhooks.dispatch(venue.webhook_urls, "reservation.created", {"id": row["id"], "code": row["confirmation_code"]}))
        await self._hub.publish(venue.id, {"type": "reservation.created", "id": row["id"], "starts_at": hold.starts_at})
        return {"id": row["id"], "code": row["confirmation_code"], "status": row["status"], "deposit": deposit}

    async def host_sheet(self, venue_id: int, day_start: datetime, day_end: datetime) -> list[dict[str, Any]]:
        rows = await self._repo.list_for_day(venue_id, day_start, day_end)
        sheet: list[dict[str, Any]] = []
        for row in rows:
            guest = await self._guests.get(row["guest_id"])
            sheet.append(
                {
                    "id": row["id"],
                    "starts_at": row["starts_at"],
                    "party_size": row["party_size"],
                    "table_id": row["table_id"],
                    "status": row["status"],
                    "guest": f"{guest['first_name']} {guest['last_name']}" if guest else None,
                    "visits": guest["visit_count"] if guest else 0,
                }
            )
        return sheet

    async def confirmations(self, reservation_ids: Sequence[int]) -> list[dict[str, Any]]:
        rows = await self._repo.get_many(reservation_ids)
        guests = await self._guests.get_many({r["guest_id"] for r in rows})
        return [
            {"code": r["confirmation_code"], "starts_at": r["starts_at"], "email": guests[r["guest_id"]]["email"]}
            for r in rows
            if r["guest_id"] in guests
        ]

    async def lookup(self, code: str) -> dict[str, Any]:
        row = await self._repo.get_by_confirmation_code(code.upper())
        return dict(row)

    async def resend_details(self, code: str) -> dict[str, Any]:
        row = await self._repo.get_by_confirmation(code.upper())
        guest = await self._guests.get(row["guest_id"])
        if guest is None:
            raise NotFoundError("guest not found")
        return {"email": guest["email"], "code": row["confirmation_code"], "starts_at": row["starts_at"]}

    async def covers_on(self, venue: VenueInfo, day: date) -> int:
        return await self._repo.count_covers_on(venue.id, venue.timezone, day)

    async def cancel(self, reservation_id: int) -> dict[str, Any]:
        row = await self._repo.cancel(reservation_id)
        if row is None:
            raise ConflictError("reservation cannot be cancelled", details={"id": reservation_id})
        await self._deposits.refund_for(reservation_id)
        await self._cache.invalidate(f"availability:{row['venue_id']}:{row['starts_at'].date()}")
        await self._hub.publish(row["venue_id"], {"type": "reservation.cancelled", "id": reservation_id})
        return {"id": reservation_id, "status": "cancelled"}

    async def cancel_next_for_guest(self, guest_id: int) -> dict[str, Any] | None:
        upcoming = await self._repo.next_for_guest(guest_id)
        if upcoming is None:
            return None
        return await self.cancel(upcoming["id"])
