"""Relays committed outbox events to redis streams and the customer HRIS webhook."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging

import httpx
from redis.asyncio import Redis
from sqlalchemy import select

from svc.config import get_settings
from svc.db.engine import session_factory
from svc.db.models import Application, Company, Job
from svc.repositories import applications as outbox_repo

log = logging.getLogger(__name__)


def sign(body: bytes) -> str:
    return hmac.new(get_settings().jwt_secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver_hire(url: str, payload: dict) -> int:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json", "X-ATS-Signature": sign(body)}
    async with httpx.AsyncClient(timeout=10.0) as client:
        resp = await client.post(url, content=body, headers=headers)
    if resp.is_error:
        log.error("HRIS webhook %s returned %s", url, resp.status_code)
    return resp.status_code


STREAM_MAXLEN = 100_000


async def _hris_url(session, application_id: int) -> str | None:
    stmt = (
        select(Company.hris_webhook_url)
        .join(Job, Job.company_id == Company.id)
        .join(Application, Application.job_id == Job.id)
        .where(Application.id == application_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def drain(redis: Redis) -> int:
    async with session_factory()() as session:
        async with session.begin():
            events = await outbox_repo.next_batch(session, limit=100)
            for event in events:
                await redis.xadd(
                    f"events:{event.topic}",
                    {"id": event.id, "payload": json.dumps(event.payload)},
                    maxlen=STREAM_MAXLEN,
                    approximate=True,
                )
                if event.topic == "offer.accepted":
                    url = await _hris_url(session, event.payload["application_id"])
                    if url:
                        await deliver_hire(url, event.payload)
            if events:
                await outbox_repo.mark_published(session, [e.id for e in events])
        return len(events)


async def run(redis: Redis) -> None:
    while True:
        try:
            published = await drain(redis)
        except Exception as exc:
            log.exception("outbox relay failed: %s", exc)
            continue
        if published == 0:
            await asyncio.sleep(1.0)
