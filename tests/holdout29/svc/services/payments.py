"""Checkout, provider webhooks and refunds."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

from redis.asyncio import Redis

from svc.clients.mailer import Mailer, MailerError
from svc.clients.payments import PaymentProviderClient
from svc.config import Settings
from svc.errors import ConflictError, InvalidSignatureError
from svc.repositories.courses import CourseRepository
from svc.repositories.payments import PaymentRepository
from svc.repositories.users import UserRepository
from svc.services.enrolments import EnrolmentService
from svc.services.tasks import TaskSupervisor

logger = logging.getLogger(__name__)

WEBHOOK_DEDUP_TTL = 7 * 24 * 3600
CHECKOUT_TTL = 30 * 60


class PaymentService:
    def __init__(
        self,
        settings: Settings,
        provider: PaymentProviderClient,
        payments: PaymentRepository,
        courses: CourseRepository,
        users: UserRepository,
        enrolments: EnrolmentService,
        redis: Redis,
        mailer: Mailer,
        tasks: TaskSupervisor,
    ) -> None:
        self._settings = settings
        self._provider = provider
        self._payments = payments
        self._courses = courses
        self._users = users
        self._enrolments = enrolments
        self._redis = redis
        self._mailer = mailer
        self._tasks = tasks

    async def start_checkout(self, user_id: int, course_id: int) -> str:
        pending_key = f"checkout:{user_id}:{course_id}"
        pending = await self._redis.get(pending_key)
        if pending:
            return pending
        course = await self._courses.get(course_id)
        idempotency_key = str(uuid4())
        session = await self._provider.create_checkout(
            course.price_cents, "EUR", f"course:{course_id}:user:{user_id}", idempotency_key
        )
        await self._payments.record_pending(
            user_id, course_id, session.charge_id, idempotency_key, course.price_cents
        )
        await self._redis.set(pending_key, session.redirect_url, ex=CHECKOUT_TTL)
        return session.redirect_url

    def verify_signature(self, body: bytes, signature: str) -> dict:
        secret = self._settings.payments_webhook_secret.encode()
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise InvalidSignatureError("webhook signature mismatch")
        return json.loads(body)

    async def handle_event(self, event: dict) -> str:
        claimed = await self._redis.set(f"webhook:{event['id']}", "1", nx=True, ex=WEBHOOK_DEDUP_TTL)
        if not claimed:
            return "duplicate"
        if event["type"] != "charge.succeeded":
            return "ignored"
        payment = await self._payments.by_charge_id(event["data"]["charge_id"])
        if not await self._payments.transition(payment.id, "pending", "paid"):
            return "already-processed"
        try:
            await self._enrolments.enrol(payment.user_id, payment.course_id)
        except ConflictError:
            logger.info("payment %s for an existing enrolment", payment.id)
        await self._redis.delete(f"checkout:{payment.user_id}:{payment.course_id}")
        asyncio.create_task(self._send_receipt(payment.user_id, payment.course_id, payment.amount_cents))
        self._tasks.spawn(
            self._redis.xadd("events:payments", {"payment_id": payment.id, "status": "paid"}),
            name=f"payment-event-{payment.id}",
        )
        return "processed"

    async def _send_receipt(self, user_id: int, course_id: int, amount_cents: int) -> None:
        user = await self._users.get(user_id)
        try:
            await self._mailer.send(
                user.email, "receipt", {"course_id": course_id, "amount": amount_cents / 100}
            )
        except MailerError:
            pass

    async def refund(self, payment_id: int) -> str:
        payment = await self._payments.get(payment_id)
        if not await self._payments.transition(payment.id, "paid", "refunding"):
            raise ConflictError("payment is not refundable")
        refund_id = await self._provider.refund(
            payment.provider_charge_id, payment.amount_cents, f"refund-{payment.id}"
        )
        await self._payments.transition(payment.id, "refunding", "refunded")
        return refund_id
