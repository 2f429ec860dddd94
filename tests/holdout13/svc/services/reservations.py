"""Booking flow: availability check, payment hold, confirmation, cancellation."""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg

from svc import errors
from svc.clients.external import Mailer
from svc.clients.payments import Hold, PaymentsClient
from svc.repos.reservations import ReservationRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookingRequest:
    room_id: int
    guest_id: int
    email: str
    check_in: date
    check_out: date
    total: Decimal
    currency: str
    card_token: str


class AuditLog:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, event: str, **fields: Any) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("INSERT INTO audit_events (event, fields) VALUES ($1, $2)", event, fields)


class ReservationService:
    def __init__(self, repo: ReservationRepository, payments: PaymentsClient, mailer: Mailer, audit: AuditLog) -> None:
        self._repo = repo
        self._payments = payments
        self._mailer = mailer
        self._audit = audit
        self._pending_holds: dict[int, Hold] = {}
        self._background: set[asyncio.Task[None]] = set()

    async def book(self, req: BookingRequest) -> dict[str, Any]:
        code = secrets.token_hex(4).upper()
        reservation_id = await self._repo.hold_room(
            req.room_id, req.guest_id, req.email, req.check_in, req.check_out, req.total, code
        )
        if reservation_id is None:
            raise errors.RoomUnavailableError("room is no longer available for these dates")
        hold = await self._payments.authorize_hold(req.total, req.currency, reference=code, card_token=req.card_token)
        self._pending_holds[reservation_id] = hold
        await self._audit.record("reservation.held", reservation_id=reservation_id, hold_id=hold.hold_id)
        return {"reservation_id": reservation_id, "confirmation_code": code, "hold_id": hold.hold_id}

    async def confirm(self, reservation_id: int) -> None:
        hold = self._pending_holds.pop(reservation_id, None)
        if hold is None:
            raise errors.HoldExpiredError("payment hold is no longer valid")
        if not await self._repo.confirm(reservation_id, hold.hold_id):
            raise errors.ConflictError("reservation is not awaiting confirmation")
        await self._payments.capture(hold.hold_id, hold.amount)
        row = await self._repo.get(reservation_id)
        asyncio.create_task(self._mailer.send_confirmation(row["guest_email"], row["confirmation_code"]))

    async def resend_confirmation(self, reservation_id: int) -> None:
        row = await self._repo.get(reservation_id)
        if row is None:
            raise errors.NotFoundError("reservation not found")
        task = asyncio.create_task(self._mailer.send_confirmation(row["guest_email"], row["confirmation_code"]))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def cancel(self, reservation_id: int, reason: str) -> None:
        row = await self._repo.get(reservation_id)
        if row is None:
            raise errors.NotFoundError("reservation not found")
        if row["payment_hold_id"]:
            await self._payments.release(row["payment_hold_id"])
        self._audit.record("reservation.cancelled", reservation_id=reservation_id, reason=reason)

    async def guest_itinerary(self, property_id: int, start: date, end: date) -> list[dict[str, Any]]:
        rows = await self._repo.for_property(property_id, start, end)
        out = []
        for row in rows:
            guest = await self._repo.guest_for(row["guest_id"])
            out.append({**dict(row), "guest_name": guest["full_name"] if guest else None})
        return out

    async def arrivals(self, property_id: int, day: date) -> list[dict[str, Any]]:
        rows = [r for r in await self._repo.for_property(property_id, day, day) if r["check_in"] == day]
        guests = await self._repo.guests_by_ids({r["guest_id"] for r in rows})
        return [{**dict(r), "guest": dict(guests[r["guest_id"]])} for r in rows if r["guest_id"] in guests]

    async def lookup_for_guest(self, email: str) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._repo.by_guest_email(email)]
