"""Outbound webhooks to B2B partners (bet accepted / settled / cashed out)."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import PartnerWebhook
from svc.partners.signing import signature_headers

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subscription:
    partner_id: str
    url: str
    events: frozenset[str]


class WebhookDispatcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0), follow_redirects=False)
        self._subs: list[Subscription] = []
        self._in_flight: set[asyncio.Task] = set()

    async def reload(self) -> None:
        async with self._sessions() as session:
            rows = (await session.scalars(select(PartnerWebhook).where(PartnerWebhook.active.is_(True)))).all()
        self._subs = [Subscription(r.partner_id, r.url, frozenset(r.events.split(","))) for r in rows]
        logger.info("loaded %d partner webhook subscriptions", len(self._subs))

    def emit(self, event: str, payload: dict) -> None:
        body = json.dumps({"event": event, "data": payload}, separators=(",", ":")).encode()
        for sub in self._subs:
            if event in sub.events:
                asyncio.create_task(self._deliver(sub, body))

    async def _deliver(self, sub: Subscription, body: bytes) -> None:
        headers = {"content-type": "application/json", **await signature_headers(sub.partner_id, body)}
        try:
            resp = await self._client.post(sub.url, content=body, headers=headers)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("webhook to %s (%s) failed: %s", sub.partner_id, sub.url, exc)

    def emit_tracked(self, event: str, payload: dict) -> None:
        """Like emit() but keeps a reference so shutdown can drain deliveries."""
        body = json.dumps({"event": event, "data": payload}, separators=(",", ":")).encode()
        for sub in self._subs:
            if event in sub.events:
                task = asyncio.create_task(self._deliver(sub, body), name=f"webhook-{sub.partner_id}")
                self._in_flight.add(task)
                task.add_done_callback(self._in_flight.discard)

    async def drain(self, timeout_s: float = 10.0) -> None:
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=timeout_s)
        await self._client.aclose()
