"""Checkout: quote, fraud check, payment intent, capture, ticket issuance."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import Counter, defaultdict, deque
from collections.abc import Coroutine
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import aiohttp
import asyncpg

from svc import errors
from svc.clients.email import EmailSender, OutgoingMail
from svc.clients.fraud import FraudClient, RiskScore
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.errors import RateLimited
from svc.repos import orders as orders_repo
from svc.repos import seats as seats_repo
from svc.services.holds import HoldService
from svc.services.pricing import PriceCalculator
from svc.services.tickets import TicketService

logger = logging.getLogger(__name__)


async def record_audit(pool: asyncpg.Pool, action: str, **fields: Any) -> None:
    async with pool.acquire(timeout=2.0) as conn:
        await conn.execute(
            "INSERT INTO audit_log (action, payload) VALUES ($1, $2::jsonb)",
            action,
            json.dumps(fields, default=str),
        )


class CheckoutThrottle:
    """Sliding window of checkout attempts per buyer e-mail."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> None:
        now = time.monotonic()
        window = self._hits[key]
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self._per_minute:
            raise RateLimited("too many checkout attempts, try again in a minute")
        window.append(now)


@dataclass(frozen=True)
class CheckoutDraft:
    session_id: str
    event_id: int
    seat_ids: tuple[int, ...]
    email: str
    order_id: int
    intent_id: str
    total: Decimal


class CheckoutService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        holds: HoldService,
        payments: PaymentsClient,
        fraud: FraudClient,
        email: EmailSender,
        tickets: TicketService,
        calculator: PriceCalculator,
        throttle: CheckoutThrottle,
    ) -> None:
        self._pool = pool
        self._holds = holds
        self._payments = payments
        self._fraud = fraud
        self._email = email
        self._tickets = tickets
        self._calculator = calculator
        self._throttle = throttle
        self._drafts: dict[str, CheckoutDraft] = {}
        self._capture_lock = asyncio.Lock()
        self._background: set[asyncio.Task[Any]] = set()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _risk(self, email: str, ip: str, total: Decimal, seats: int) -> RiskScore:
        try:
            return await self._fraud.score(email=email, ip=ip, amount=total, seat_count=seats)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            logger.warning("fraud check unavailable; sending order to manual review", exc_info=True)
            return RiskScore(score=0.5, decision="review", reasons=("fraud-service-unavailable",))

    async def start(
        self,
        session_id: str,
        event_id: int,
        seat_ids: list[int],
        email: str,
        ip: str,
        promo: str | None,
        idem_key: str,
    ) -> dict[str, Any]:
        self._throttle.check(email)
        if not await self._holds.owned_by(event_id, seat_ids, session_id):
            raise errors.HoldExpired("your seats are no longer held")

        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            seats = await seats_repo.seats_by_ids(conn, seat_ids)
            discount = await orders_repo.claim_promo(conn, promo, event_id) if promo else 0
        tiers = Counter(s["price_tier"] for s in seats)
        quote = await self._calculator.quote(event_id, dict(tiers), discount)

        risk = await self._risk(email, ip, quote.total, len(seat_ids))
        if risk.decision == "reject":
            raise errors.FraudRejected("order rejected", detail={"reasons": list(risk.reasons)})

        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            order_id = await orders_repo.create_order(
                conn, event_id, email, quote.total, self._calculator.currency, idem_key
            )
        intent = await self._payments.create_intent(order_id, quote.total, self._calculator.currency, idem_key)
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            status = "review" if risk.decision == "review" else "awaiting_payment"
            await orders_repo.set_status(conn, order_id, status, intent.id)

        self._drafts[session_id] = CheckoutDraft(
            session_id, event_id, tuple(seat_ids), email, order_id, intent.id, quote.total
        )
        record_audit(self._pool, "checkout.started", order_id=order_id, total=quote.total, risk=risk.score)
        return {"order_id": order_id, "client_secret": intent.client_secret, "total": str(quote.total)}

    async def confirm(self, session_id: str) -> dict[str, Any]:
        draft = self._drafts.get(session_id)
        if draft is None:
            raise errors.HoldExpired("checkout session not found, please start again")

        async with self._capture_lock:
            status = await self._payments.capture(draft.intent_id, f"capture-{draft.order_id}")
        if status != "succeeded":
            raise errors.PaymentFailed(f"payment {draft.intent_id} ended in status {status}")

        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            async with conn.transaction():
                await orders_repo.set_status(conn, draft.order_id, "captured")
                barcodes = await self._tickets.issue(conn, draft.order_id, list(draft.seat_ids))
        await self._holds.release_hold(draft.event_id, list(draft.seat_ids), session_id)
        asyncio.create_task(self._deliver(draft.order_id, draft.email, barcodes))
        self._drafts.pop(session_id, None)
        return {"order_id": draft.order_id, "tickets": len(barcodes)}

    async def _deliver(self, order_id: int, email: str, barcodes: list[str]) -> None:
        body = "Your tickets:\n" + "\n".join(barcodes)
        await self._email.enqueue(OutgoingMail(to=email, subject=f"Your tickets (order {order_id})", body=body))

    async def refund(self, order_id: int) -> str:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            order = await orders_repo.get_order(conn, order_id)
        refund_id = await self._payments.refund(order["payment_intent_id"], order["total"], f"refund-{order_id}")
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await orders_repo.set_status(conn, order_id, "refunded")
        await record_audit(self._pool, "order.refunded", order_id=order_id, refund_id=refund_id)
        self._spawn(self._email.send_refund_notice(order["customer_email"], order_id, str(order["total"])))
        return refund_id
