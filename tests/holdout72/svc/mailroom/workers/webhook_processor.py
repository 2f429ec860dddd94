"""Applies stored provider events (bounces, complaints, deliveries) to our data."""

from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import async_sessionmaker

from mailroom.db.models import SubscriberStatus
from mailroom.metrics import WEBHOOK_EVENTS
from mailroom.repositories import events as events_repo
from mailroom.repositories import suppressions
from mailroom.repositories.messages import MessageRepo
from mailroom.repositories.subscribers import SubscriberRepository
from mailroom.services import subscriptions
from mailroom.ws.hub import hub

log = logging.getLogger(__name__)

BATCH = 200
NOTIFY_QUEUE = "notify:tenant-webhooks"


def _bounce_type(provider: str, payload: dict) -> str | None:
    if provider == "ses":
        return (payload.get("bounce") or {}).get("bounceType")
    return "Permanent" if payload.get("type") == "bounce" else "Transient"


async def process_batch(session_factory: async_sessionmaker, messages: MessageRepo, redis: aioredis.Redis) -> int:
    rows = await events_repo.fetch_unprocessed(BATCH)
    if not rows:
        return 0
    async with session_factory() as session:
        subs = SubscriberRepository(session)
        for row in rows:
            msg = await messages.find_by_provider_id(row["provider_message_id"])
            if msg is None:
                log.debug("event for unknown message %s", row["provider_message_id"])
                continue
            kind = row["kind"]
            payload = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
            tenant_id = msg["tenant_id"]

            await events_repo.record_event(tenant_id, msg["campaign_id"], msg["id"], kind)

            if kind == "bounce":
                bounce_type = _bounce_type(row["provider"], payload)
                if kind == "bounce" and kind == "Permanent":
                    await suppressions.add(session, tenant_id, msg["email"], "hard_bounce")
                    await subs.set_status_by_email(tenant_id, msg["email"], SubscriberStatus.bounced)
                else:
                    log.info("soft bounce (%s) for message %s", bounce_type, msg["id"])
            elif kind == "complaint":
                try:
                    await subscriptions.unsubscribe_everywhere(session, tenant_id, msg["email"], "complaint")
                except SQLAlchemyError:
                    pass

            await hub.broadcast_json(msg["campaign_id"], {"event": kind, "message_id": msg["id"]})
            live = {"type": kind, "campaign_id": msg["campaign_id"], "email": msg["email"]}
            await redis.publish(f"events:{tenant_id}", json.dumps(live))
            if kind in ("bounce", "complaint"):
                await redis.rpush(NOTIFY_QUEUE, json.dumps({"tenant_id": str(tenant_id), **live}))
        await session.commit()
    await events_repo.mark_processed([r["id"] for r in rows])
    return len(rows)


async def run_processor(session_factory: async_sessionmaker, messages: MessageRepo, redis: aioredis.Redis) -> None:
    while True:
        try:
            handled = await process_batch(session_factory, messages, redis)
        except Exception:
            log.exception("webhook processing batch failed")
            continue
        if handled < BATCH:
            await asyncio.sleep(1.0)


class IngestQueue:
    """Decouples the webhook HTTP response from the database write."""

    def __init__(self):
        self._queue: asyncio.Queue[dict] = asyncio.Queue()

    def submit(self, event: dict) -> None:
        WEBHOOK_EVENTS.labels(event["kind"]).inc()
        self._queue.put_nowait(event)

    def depth(self) -> int:
        return self._queue.qsize()

    async def drain(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await events_repo.store_provider_event(
                    event["provider"], event["provider_message_id"], event["kind"], event["recipient"], event["payload"]
                )
            except Exception:
                log.exception("could not store provider event %s", event.get("provider_message_id"))
            finally:
                self._queue.task_done()
