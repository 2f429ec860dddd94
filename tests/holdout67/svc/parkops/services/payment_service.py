"""Charging through the payment provider and handling its webhooks."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.payment_provider import PaymentProvider
from ..models import Payment
from ..repositories.billing_repo import PaymentRepository
from ..repositories.session_repo import SessionRepository
from ..utils.signing import verify_webhook
from ..utils.common import utcnow

log = logging.getLogger(__name__)


class SessionNotFound(LookupError):
    pass


class InvalidSignature(ValueError):
    pass


@dataclass(frozen=True)
class Charge:
    provider_ref: str
    amount_cents: int


class PaymentService:
    def __init__(
        self,
        provider: PaymentProvider,
        sessions: async_sessionmaker[AsyncSession],
        redis: Redis,
        webhook_secret: str,
    ) -> None:
        self._provider = provider
        self._sessions = sessions
        self._redis = redis
        self._secret = webhook_secret
        self._capture_lock = asyncio.Lock()

    async def charge(self, *, subject: str, subject_id: int, amount_cents: int, customer_token: str) -> Charge:
        reference = f"{subject}-{subject_id}-{int(utcnow().timestamp())}"
        async with self._capture_lock:
            provider_ref = await self._provider.capture(
                reference=reference, amount_cents=amount_cents, customer_token=customer_token
            )
        async with self._sessions() as db, db.begin():
            PaymentRepository(db).add(
                Payment(
                    provider_ref=provider_ref,
                    subject=subject,
                    subject_id=subject_id,
                    amount_cents=amount_cents,
                    status="captured",
                    created_at=utcnow(),
                )
            )
        return Charge(provider_ref, amount_cents)

    async def handle_webhook(self, body: bytes, signature: str) -> None:
        if not verify_webhook(self._secret, body, signature):
            raise InvalidSignature("bad signature")
        event = json.loads(body)
        first_time = await self._redis.set(f"webhook:seen:{event['id']}", 1, nx=True, ex=86400)
        if not first_time:
            log.info("duplicate webhook %s ignored", event["id"])
            return
        if event["type"] == "capture.succeeded":
            try:
                await self._mark_session_paid(event["data"]["reference"], event["data"]["id"])
            except SessionNotFound:
                pass
        elif event["type"] == "capture.refunded":
            await self._mark_refunded(event["data"]["id"])
        else:
            log.debug("unhandled webhook type %s", event["type"])

    async def _mark_session_paid(self, reference: str, provider_ref: str) -> None:
        if not reference.startswith("session-"):
            return
        async with self._sessions() as db, db.begin():
            session = await SessionRepository(db).by_payment_ref(provider_ref)
            if session is None:
                raise SessionNotFound(provider_ref)
            session.status = "active" if session.status == "pending_payment" else session.status

    async def _mark_refunded(self, provider_ref: str) -> None:
        async with self._sessions() as db, db.begin():
            payment = await PaymentRepository(db).by_provider_ref(provider_ref)
            if payment is None:
                log.warning("refund for unknown payment %s", provider_ref)
                return
            payment.status = "refunded"
