from __future__ import annotations

import json
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..core.errors import Forbidden, NotFound
from ..core.security import verify_webhook_signature
from ..core.settings import Settings
from ..repositories.outbox import OutboxRepository
from ..repositories.payments import PaymentRepository
from ..repositories.registrations import RegistrationRepository

log = logging.getLogger(__name__)


class PaymentService:
    def __init__(
        self,
        session: AsyncSession,
        client: PaymentsClient,
        regs: RegistrationRepository,
        outbox: OutboxRepository,
        settings: Settings,
    ) -> None:
        self.session = session
        self.repo = PaymentRepository(session)
        self.client = client
        self.regs = regs
        self.outbox = outbox
        self.secret = settings.payments_webhook_secret

    async def checkout(self, registration: dict, currency: str) -> dict:
        key = f"reg-{registration['id']}-{registration['price_cents']}"
        existing = await self.repo.by_idempotency_key(key)
        if existing is not None:
            return {"payment_id": existing.id, "provider_ref": existing.provider_ref}
        intent = await self.client.create_intent(registration["price_cents"], currency, key)
        payment = await self.repo.create(registration["id"], intent["id"], key, registration["price_cents"])
        await self.session.commit()
        return {"payment_id": payment.id, "provider_ref": payment.provider_ref, "client_secret": intent["client_secret"]}

    async def handle_webhook(self, body: bytes, signature: str) -> None:
        if not verify_webhook_signature(body, signature, self.secret):
            raise Forbidden("bad signature")
        event = json.loads(body)
        if event.get("type") != "intent.succeeded":
            return
        payment = await self.repo.by_provider_ref(event["data"]["id"])
        if payment is None:
            raise NotFound("payment")
        if payment.status == "paid":
            return
        await self.repo.set_status(payment.id, "paid")
        await self.regs.set_status(payment.registration_id, "paid")
        await self.outbox.enqueue(None, "receipt", event["data"]["email"], "Your registration receipt", f"Paid {payment.amount_cents / 100:.2f}")
        await self.session.commit()
        log.info("payment %s settled", payment.id)

    async def confirm_return(self, payment_id: int) -> bool:
        changed = await self.repo.mark_paid_once(payment_id)
        await self.session.commit()
        return changed
