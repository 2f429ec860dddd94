from __future__ import annotations

import asyncio
import json
import logging
import uuid

import httpx
import redis.asyncio as aioredis

from ..caches import CarrierSnapshot
from ..clients.email_client import Mailer
from ..models import Load, Tender
from ..utils.documents import dollars

log = logging.getLogger(__name__)

LOAD_EVENTS_CHANNEL = "freight:load-events"


class NotificationService:
    def __init__(self, mailer: Mailer, redis: aioredis.Redis, http: httpx.AsyncClient) -> None:
        self._mailer = mailer
        self._redis = redis
        self._http = http
        self._webhook_slots = asyncio.Semaphore(16)

    async def publish_load_event(self, load_id: uuid.UUID, event: str, payload: dict | None = None) -> None:
        message = json.dumps({"load_id": str(load_id), "event": event, **(payload or {})})
        await self._redis.publish(LOAD_EVENTS_CHANNEL, message)

    async def publish_many(self, events: list[tuple[uuid.UUID, str]]) -> None:
        if not events:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for load_id, event in events:
                pipe.publish(LOAD_EVENTS_CHANNEL, json.dumps({"load_id": str(load_id), "event": event}))
            await pipe.execute()

    async def tender_offered(self, tender: Tender, carrier: CarrierSnapshot, load: Load,
                             rate_conf: bytes | None = None) -> None:
        attachment = (f"rate-conf-{load.reference}.pdf", rate_conf) if rate_conf else None
        await self._mailer.send(
            carrier.dispatch_email,
            f"Tender {load.reference}: {load.origin_city}, {load.origin_state} -> {load.dest_city}, {load.dest_state}",
            f"You have been tendered load {load.reference} at ${dollars(tender.rate_cents)}. "
            f"Accept before {tender.expires_at:%b %d %H:%M %Z}.",
            attachment,
        )

    async def bid_received(self, load: Load, amount_cents: int) -> None:
        await self.publish_load_event(load.id, "bid_received", {"amount_cents": amount_cents})

    async def shipper_webhook(self, url: str, event: str, body: dict) -> None:
        try:
            resp = await self._http.post(url, json={"event": event, "data": body}, timeout=5.0)
            resp.raise_for_status()
        except httpx.HTTPError:
            pass

    async def shipper_webhooks(self, targets: list[tuple[str, str, dict]]) -> None:
        async def _one(url: str, event: str, body: dict) -> None:
            async with self._webhook_slots:
                await self.shipper_webhook(url, event, body)

        await asyncio.gather(*(_one(url, event, body) for url, event, body in targets))
