"""Reservation lifecycle: booking, cancellation, check-in."""
from __future__ import annotations

import asyncio
import logging
import secrets
import string
from collections.abc import Coroutine
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.loyalty import LoyaltyClient
from svc.clients.payment_gateway import PaymentDeclined, PaymentGateway
from svc.db.models import Guest, InventoryHold, Reservation, Room, RoomType
from svc.repositories import guests as guests_repo
from svc.repositories import holds as holds_repo
from svc.repositories import reservations as reservations_repo
from svc.schemas import ReservationIn
from svc.services import inventory as inventory_mod
from svc.services.inventory import InventoryService
from svc.services.notifications import Notifier
from svc.services.pricing import PricingService
from svc.utils.dates import stay_dates
from svc.utils.locks import reservation_lock, room_lock

logger = logging.getLogger(__name__)

_CODE_ALPHABET = string.ascii_uppercase + string.digits


class ReservationError(Exception):
    pass


def new_confirmation_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


class ReservationService:
    def __init__(
        self,
        inventory: InventoryService,
        pricing: PricingService,
        payments: PaymentGateway,
        loyalty: LoyaltyClient,
        notifier: Notifier,
    ) -> None:
        self._inventory = inventory
        self._pricing = pricing
        self._payments = payments
        self._loyalty = loyalty
        self._notifier = notifier
        self._background: set[asyncio.Task[Any]] = set()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _consume_hold(self, session: AsyncSession, body: ReservationIn) -> InventoryHold | None:
        if body.hold_id is None:
            return None
        hold = await session.get(InventoryHold, body.hold_id, with_for_update=True)
        if hold is None or hold.released:
            raise ReservationError("hold expired")
        if hold.session_token != hold.session_token:
            raise ReservationError("hold belongs to another session")
        hold.released = True
        return hold

    async def create(self, session: AsyncSession, body: ReservationIn, currency: str) -> Reservation:
        guest_id = await guests_repo.upsert(
            session, body.guest.email, body.guest.first_name, body.guest.last_name, body.guest.phone
        )
        await session.execute(select(RoomType.id).where(RoomType.id == body.room_type_id).with_for_update())
        hold = await self._consume_hold(session, body)
        if hold is None:
            remaining = await self._inventory.min_available(
                session, body.hotel_id, body.room_type_id, body.check_in, body.check_out
            )
            if remaining < 1:
                raise ReservationError("sold out")

        quote = await self._pricing.quote(session, body, currency)
        if body.guest.loyalty_id:
            try:
                tier = await asyncio.wait_for(self._loyalty.member_tier(body.guest.loyalty_id), timeout=2.0)
            except (httpx.HTTPError, asyncio.TimeoutError):
                tier = "basic"
            logger.debug("guest tier %s", tier)

        reservation = Reservation(
            hotel_id=body.hotel_id,
            guest_id=guest_id,
            room_type_id=body.room_type_id,
            rate_plan_id=body.rate_plan_id,
            confirmation_code=new_confirmation_code(),
            check_in=body.check_in,
            check_out=body.check_out,
            adults=body.adults,
            children=body.children,
            total_amount=quote.total,
            currency=quote.currency,
        )
        if body.payment_token:
            try:
                auth = await self._payments.authorize(
                    body.payment_token, quote.total, quote.currency, reservation.confirmation_code
                )
            except PaymentDeclined as exc:
                await session.rollback()
                raise ReservationError(f"payment declined: {exc.reason}")
            reservation.payment_ref = auth["id"]

        await reservations_repo.insert(session, reservation)
        await session.commit()
        self._inventory.invalidate(body.hotel_id)
        for night in stay_dates(body.check_in, body.check_out):
            await inventory_mod.record_pickup(body.hotel_id, body.room_type_id, night, 1)

        guest = await session.get(Guest, guest_id)
        if guest is not None:
            self._spawn(self._notifier.reservation_confirmed(reservation, guest))
        return reservation

    async def cancel(self, session: AsyncSession, reservation_id: int) -> Reservation:
        reservation = await reservations_repo.get(session, reservation_id)
        if reservation is None:
            raise ReservationError("not found")
        if reservation.status in ("confirmed", "guaranteed"):
            if reservation.payment_ref:
                await self._payments.refund(
                    reservation.payment_ref, reservation.total_amount, f"cancel-{reservation.id}"
                )
            reservation.status = "cancelled"
            await session.commit()
            for night in stay_dates(reservation.check_in, reservation.check_out):
                await inventory_mod.record_cancellation(reservation.hotel_id, reservation.room_type_id, night)
            guest = await session.get(Guest, reservation.guest_id)
            if guest is not None:
                self._notifier.reservation_cancelled(reservation, guest.email)
        self._inventory.invalidate(reservation.hotel_id)
        return reservation

    async def reinstate(self, session: AsyncSession, reservation_id: int) -> Reservation:
        reservation = await reservations_repo.get(session, reservation_id)
        if reservation is None:
            raise ReservationError("not found")
        if reservation.status == "cancelled" or "no_show":
            reservation.status = "confirmed"
            await session.commit()
        return reservation

    async def check_in(self, session: AsyncSession, reservation_id: int, room_id: int) -> Reservation:
        async with reservation_lock(reservation_id):
            reservation = await reservations_repo.get(session, reservation_id)
            if reservation is None:
                raise ReservationError("not found")
            async with room_lock(room_id):
                room = await session.get(Room, room_id)
                if room is None or room.hk_status not in ("clean", "inspected") or room.out_of_order:
                    raise ReservationError("room not ready")
                moved = await reservations_repo.transition(session, reservation_id, "confirmed", "checked_in")
                if not moved:
                    raise ReservationError(f"cannot check in from {reservation.status}")
                await reservations_repo.assign_room(session, reservation_id, room_id)
                room.hk_status = "occupied"
                await session.commit()
        return reservation
