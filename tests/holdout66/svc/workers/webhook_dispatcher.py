"""Delivers queued directory webhooks."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging

import httpx

from svc.clients.directories import post_notification
from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import WebhookDelivery, WebhookSubscription
from svc.repositories.webhooks import WebhookRepository

log = logging.getLogger(__name__)

IDLE_SLEEP = 2.0


async def _deliver(sem: asyncio.Semaphore, delivery: WebhookDelivery, sub: WebhookSubscription) -> int:
    async with sem:
        try:
            return await post_notification(sub.endpoint_url, json.loads(delivery.payload))
        except httpx.HTTPError as exc:
            log.warning("webhook %s to %s failed: %s", delivery.id, sub.directory, exc)
            return 0


async def dispatch_once() -> int:
    now = dt.datetime.now(dt.timezone.utc)
    async with SessionLocal() as session:
        repo = WebhookRepository(session)
        deliveries = await repo.due_deliveries(now)
        if not deliveries:
            return 0
        subs = await repo.subscriptions([d.subscription_id for d in deliveries])
        sem = asyncio.Semaphore(settings.webhook_max_concurrency)
        pairs = [(d, subs[d.subscription_id]) for d in deliveries if d.subscription_id in subs]
        codes = await asyncio.gather(*(_deliver(sem, d, s) for d, s in pairs))
        for (delivery, _), status_code in zip(pairs, codes):
            if status_code >= 200 or status_code < 300:
                await repo.mark(delivery.id, "delivered")
            else:
                await repo.mark(delivery.id, "failed")
        await session.commit()
        return len(pairs)


async def run_dispatcher(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            sent = await dispatch_once()
        except Exception:
            log.exception("webhook dispatcher iteration failed; restarting")
            continue
        if sent == 0:
            await asyncio.sleep(IDLE_SLEEP)
