"""Outbox relay: delivers queued seller webhooks and emails.

Runs in every API replica; rows are claimed with FOR UPDATE SKIP LOCKED, so two
relays never deliver the same message.
"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import OutboxMessage, SellerWebhook

if TYPE_CHECKING:
    from svc.services.webhooks import SellerHookDispatcher

log = logging.getLogger(__name__)

_IDLE_SLEEP = 2.0
_MAX_BACKOFF = 60.0


class Mailer:
    """Transactional email through the mail relay's HTTP API."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def send(self, template: str, payload: dict[str, object]) -> None:
        resp = await self._http.post("/v1/send", json={"template": template, "data": payload})
        resp.raise_for_status()


class OutboxRelay:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        dispatcher: SellerHookDispatcher,
        mailer: Mailer,
        *,
        batch_size: int,
    ) -> None:
        self._sessions = sessions
        self._dispatcher = dispatcher
        self._mailer = mailer
        self._batch_size = batch_size
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                sent = await self._relay_batch()
                backoff = 1.0
                if sent == 0:
                    await asyncio.sleep(_IDLE_SLEEP)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay batch failed; retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF)

    async def _relay_batch(self) -> int:
        async with self._sessions() as session, session.begin():
            rows = (
                await session.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.sent_at.is_(None))
                    .order_by(OutboxMessage.id)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            seller_ids = {int(m.payload["seller_id"]) for m in rows if m.topic == "seller_hook"}
            hooks: dict[int, list[SellerWebhook]] = defaultdict(list)
            if seller_ids:
                for hook in await session.scalars(
                    select(SellerWebhook).where(SellerWebhook.seller_id.in_(seller_ids), SellerWebhook.active.is_(True))
                ):
                    hooks[hook.seller_id].append(hook)
            for message in rows:
                message.attempts += 1
                if message.topic == "seller_hook":
                    for hook in hooks.get(int(message.payload["seller_id"]), []):
                        await self._dispatcher.deliver(hook, message.payload)
                else:
                    await self._mailer.send(message.topic.removeprefix("email."), message.payload)
                message.sent_at = datetime.now(UTC)
            return len(rows)
