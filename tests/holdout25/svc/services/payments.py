"""Fee payment through the PayCity provider."""
from __future__ import annotations

import asyncio
import logging

from svc.clients.payments import PaymentIntent, PaymentsClient
from svc.errors import PortalError
from svc.repositories.payments import PaymentRepository
from svc.repositories.permits import PermitRepository

log = logging.getLogger(__name__)


class PaymentService:
    def __init__(self, client: PaymentsClient, payments: PaymentRepository, permits: PermitRepository) -> None:
        self._client = client
        self._payments = payments
        self._permits = permits
        self._checkout_lock = asyncio.Lock()
        self._polling: set[str] = set()

    async def start_checkout(self, permit_id: int, applicant_id: int) -> PaymentIntent:
        permit = await self._permits.get(permit_id)
        if permit.applicant_id != applicant_id or permit.status != "awaiting_payment":
            raise PortalError("permit is not awaiting payment")
        idempotency_key = f"permit-{permit.id}-{permit.fee_cents}"
        async with self._checkout_lock:
            intent = await self._client.create_intent(permit.application_number, permit.fee_cents, idempotency_key)
            await self._payments.record_intent(permit.id, intent.provider_ref, permit.fee_cents)
        return intent

    async def apply_webhook(self, provider_ref: str, status: str) -> bool:
        changed = await self._payments.settle(provider_ref, status)
        if changed:
            log.info("payment %s settled as %s", provider_ref, status)
        return changed

    async def refresh(self, provider_ref: str) -> str | None:
        if provider_ref in self._polling:
            return None
        status = await self._client.get_status(provider_ref)
        self._polling.add(provider_ref)
        try:
            if status in {"succeeded", "failed", "canceled"}:
                await self._payments.settle(provider_ref, status)
        finally:
            self._polling.discard(provider_ref)
        return status
