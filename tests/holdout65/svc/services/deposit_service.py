"""Deposits for large parties and peak slots, held with PayGate manual-capture intents."""
from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime

import httpx
import redis.asyncio as redis

from svc.clients.payments import PaymentError, PaymentIntent, PaymentsClient
from svc.config import settings
from svc.db.models import Booking, Deposit
from svc.errors import DepositFailed, UpstreamUnavailable
from svc.repositories.deposits import DepositRepository
from svc.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class DepositService:
    def __init__(self, payments: PaymentsClient, deposits: DepositRepository, cache: redis.Redis) -> None:
        self.payments = payments
        self.deposits = deposits
        self.redis = cache

    @staticmethod
    def required_for(party_size: int, starts_at: datetime) -> int:
        if party_size < settings.deposit_party_threshold:
            return 0
        return party_size * settings.deposit_per_cover_cents

    async def start(self, booking: Booking, amount_cents: int) -> PaymentIntent:
        key = f"deposit-intent:{booking.id}"
        existing = await self.redis.get(key)
        if existing is not None:
            return PaymentIntent(**json.loads(existing))
        try:
            intent = await self.payments.create_intent(
                booking.id, amount_cents, "GBP", idempotency_key=f"dep-{booking.id}-{uuid.uuid4().hex[:8]}"
            )
        except httpx.HTTPStatusError as exc:
            log.warning("deposit intent for booking %s rejected: %s", booking.id, exc.response.status_code)
            raise DepositFailed("payment provider declined the deposit")
        except httpx.TransportError as exc:
            raise UpstreamUnavailable("payment provider unreachable") from exc
        cached = {"id": intent.id, "client_secret": intent.client_secret, "status": intent.status, "amount_cents": intent.amount_cents}
        await self.redis.set(key, json.dumps(cached), ex=3600)
        await self.deposits.add(
            Deposit(booking_id=booking.id, provider_intent_id=intent.id, amount_cents=amount_cents, status=intent.status)
        )
        return intent

    async def capture_on_seat(self, booking_id: int) -> None:
        deposit = await self.deposits.lock_for_booking(booking_id)
        if deposit is None or deposit.status != "requires_capture":
            return
        status = await self.payments.capture(deposit.provider_intent_id)
        await self.deposits.set_status(deposit.id, status)
        log.info("captured deposit %s for booking %s (%s)", deposit.provider_intent_id, booking_id, status)

    async def release_on_cancel(self, booking: Booking) -> str:
        deposit = await self.deposits.lock_for_booking(booking.id)
        if deposit is None:
            return "none"
        hours_before = (booking.starts_at - utcnow()).total_seconds() / 3600
        if hours_before >= settings.refund_cutoff_hours:
            if deposit.status == "requires_capture":
                await self.payments.cancel(deposit.provider_intent_id)
                await self.deposits.set_status(deposit.id, "cancelled")
                return "released"
            status = await self.payments.refund(deposit.provider_intent_id, "requested_by_customer")
            await self.deposits.set_status(deposit.id, f"refund_{status}")
            return "refunded"
        log.info("booking %s cancelled %.1fh before start; deposit kept", booking.id, hours_before)
        return "kept"

    async def apply_provider_event(self, event: dict) -> None:
        intent_id = event["data"]["object"]["id"]
        deposit = await self.deposits.get_by_intent(intent_id)
        if deposit is None:
            log.warning("provider event %s for unknown intent %s", event.get("id"), intent_id)
            return
        new_status = event["data"]["object"]["status"]
        if new_status != deposit.status:
            await self.deposits.set_status(deposit.id, new_status)

    async def charge_no_show_fee(self, deposit: Deposit | None, booking: Booking) -> bool:
        if deposit is None or deposit.status != "requires_capture":
            return False
        try:
            await self.payments.capture(deposit.provider_intent_id, min(deposit.amount_cents, settings.no_show_fee_cents))
        except (httpx.HTTPError, PaymentError) as exc:
            log.error("no-show capture failed for booking %s: %s", booking.id, exc)
            return False
        await self.deposits.set_status(deposit.id, "captured_no_show")
        return True
