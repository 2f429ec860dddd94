"""Webhooks: events received from PayStream, and events we forward to sellers' endpoints."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import aiohttp
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.config import get_settings
from svc.db.models import SellerWebhook, WebhookEvent
from svc.repositories.ledger import LedgerRepository
from svc.repositories.orders import OrderRepository, PayoutRepository
from svc.schemas import ProviderEvent
from svc.services.ledger import LedgerService
from svc.services.notifications import NotificationService

log = logging.getLogger(__name__)

_SEEN_TTL = 7 * 86400

_PAYOUT_STATUS = {"transfer.paid": "paid", "transfer.failed": "failed", "transfer.returned": "failed"}
_ORDER_STATUS = {"payment.captured": "paid", "payment.disputed": "disputed", "payment.refunded": "refunded"}


class ProviderWebhookService:
    """Applies PayStream events. PayStream delivers at least once and may deliver concurrently."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        redis: Redis,
        ledger_repo: LedgerRepository,
        notifications: NotificationService,
    ) -> None:
        self._sessions = sessions
        self._redis = redis
        self._ledger_repo = ledger_repo
        self._notifications = notifications
        self._background: set[asyncio.Task[None]] = set()

    async def handle(self, event: ProviderEvent) -> None:
        seen_key = f"webhook:seen:{event.id}"
        if await self._redis.exists(seen_key):
            log.info("duplicate delivery of %s ignored", event.id)
            return
        async with self._sessions() as session:
            session.add(WebhookEvent(event_id=event.id, type=event.type, payload=event.data))
            if event.type in _PAYOUT_STATUS:
                await self._apply_transfer_event(session, event)
            elif event.type in _ORDER_STATUS:
                await self._apply_payment_event(session, event)
            await session.commit()
        await self._redis.set(seen_key, "1", ex=_SEEN_TTL)

    async def _apply_transfer_event(self, session: AsyncSession, event: ProviderEvent) -> None:
        payout = await PayoutRepository(session).by_provider_reference(event.data["transfer_id"])
        if payout is None:
            log.warning("transfer event %s for unknown transfer %s", event.id, event.data.get("transfer_id"))
            return
        new_status = _PAYOUT_STATUS[event.type]
        if payout.status == new_status:
            return
        payout.status = new_status
        if new_status == "paid":
            payout.settled_at = datetime.fromtimestamp(event.created, UTC)
        else:
            payout.failure_reason = event.data.get("failure_message")
            ledger = LedgerService(self._ledger_repo, session)
            await ledger.record_payout_failure(payout.seller_id, payout.id, payout.amount_minor, payout.currency)
        self._follow_up(self._notifications.payout_updated(payout.seller_id, payout.id, new_status))

    async def _apply_payment_event(self, session: AsyncSession, event: ProviderEvent) -> None:
        order = await OrderRepository(session).by_payment_id(event.data["payment_id"])
        if order is None:
            log.warning("payment event %s for unknown payment", event.id)
            return
        order.status = _ORDER_STATUS[event.type]
        await self._notifications.order_status(order.id, order.buyer_id, order.status)

    def _follow_up(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._follow_up_done)

    def _follow_up_done(self, task: asyncio.Task[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("webhook follow-up failed", exc_info=task.exception())


class SellerHookDispatcher:
    """Best-effort POST of marketplace events to the URLs sellers registered."""

    async def deliver(self, hook: SellerWebhook, event: dict[str, Any]) -> bool:
        body = json.dumps(event, separators=(",", ":"), default=str).encode()
        timestamp = str(int(time.time()))
        signature = hmac.new(hook.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": "application/json",
            "X-Market-Timestamp": timestamp,
            "X-Market-Signature": signature,
            "User-Agent": f"{get_settings().service_name}-webhooks",
        }
        try:
            async with aiohttp.ClientSession() as http:
                async with http.post(hook.url, data=body, headers=headers) as resp:
                    ok = 200 <= resp.status < 300
                    status = resp.status
        except aiohttp.ClientError as exc:
            log.warning("seller hook %s delivery failed: %s", hook.id, exc)
            return False
        if not ok:
            log.warning("seller hook %s answered %s", hook.id, status)
        return ok

